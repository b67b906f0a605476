package io.wework.identity.command;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.wework.common.api.TooManyRequestsException;
import io.wework.platform.redis.RedisRateLimiter;
import io.wework.platform.redis.RedisRateLimiter.Decision;
import io.wework.platform.redis.RedisRateLimiter.Limit;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.RedisConnectionFailureException;

class RegistrationThrottleTest {

    private final RedisRateLimiter limiter = mock(RedisRateLimiter.class);
    private final RegistrationThrottle throttle = new RegistrationThrottle(limiter, new RegistrationLimits(10, Duration.ofHours(1)));

    @Test
    void aSignUpIsChargedToItsAddress() {
        when(limiter.take(any(Limit[].class))).thenReturn(new Decision(true, List.of(1L), Duration.ZERO));
        throttle.charge("203.0.113.7");
        verify(limiter).take(new Limit("wework:auth:register:ip:203.0.113.7", 10, Duration.ofHours(1)));
    }

    @Test
    void aSpentAllowanceIs429WithTheWait() {
        when(limiter.take(any(Limit[].class))).thenReturn(new Decision(false, List.of(), Duration.ofMinutes(42)));
        assertThatThrownBy(() -> throttle.charge("203.0.113.7")).isInstanceOfSatisfying(TooManyRequestsException.class, e -> {
            assertThat(e.code()).isEqualTo("too_many_registrations");
            assertThat(e.retryAfterSeconds()).isEqualTo(42 * 60);
        });
    }

    @Test
    void anUnreachableRedisLetsTheSignUpGoOn() {
        when(limiter.take(any(Limit[].class))).thenThrow(new RedisConnectionFailureException("down"));
        assertThatCode(() -> throttle.charge("203.0.113.7")).doesNotThrowAnyException();
    }
}
