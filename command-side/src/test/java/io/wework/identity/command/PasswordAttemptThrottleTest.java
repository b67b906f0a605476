package io.wework.identity.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import io.wework.common.api.DomainException;
import io.wework.common.api.TooManyRequestsException;
import io.wework.platform.redis.RedisRateLimiter;
import io.wework.platform.redis.RedisRateLimiter.Decision;
import io.wework.platform.redis.RedisRateLimiter.Limit;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.RedisConnectionFailureException;

/** How login and password-change attempts take and settle their places (the script itself: RedisRateLimiterTest). */
class PasswordAttemptThrottleTest {

    private static final String IP = "203.0.113.7";
    private static final LoginLimits LIMITS = new LoginLimits(5, 30, Duration.ofMinutes(15));

    private final RedisRateLimiter limiter = mock(RedisRateLimiter.class);
    private final LoginThrottle login = new LoginThrottle(limiter, LIMITS);
    private final PasswordChangeThrottle change = new PasswordChangeThrottle(limiter, LIMITS);

    private static final String ACCOUNT = "wework:auth:login-fail:acct:ann@example.com";
    private static final String ADDRESS = "wework:auth:login-fail:ip:" + IP;

    @Test
    void anAttemptTakesItsPlaceInBothCountersAtOnce() {
        when(limiter.take(any(Limit[].class))).thenReturn(new Decision(true, List.of(3L, 11L), Duration.ZERO));
        LoginThrottle.Attempt attempt = login.begin("ann@example.com", IP);
        verify(limiter).take(new Limit(ACCOUNT, 5, Duration.ofMinutes(15)), new Limit(ADDRESS, 30, Duration.ofMinutes(15)));
        assertThat(attempt.failed()).isEqualTo(3);
        verifyNoMoreInteractions(limiter);
    }

    @Test
    void aSpentAllowanceIs429WithTheWait() {
        when(limiter.take(any(Limit[].class))).thenReturn(new Decision(false, List.of(), Duration.ofMillis(61_200)));
        assertThatThrownBy(() -> login.begin("ann@example.com", IP)).isInstanceOfSatisfying(TooManyRequestsException.class, e -> {
            assertThat(e.code()).isEqualTo("too_many_login_attempts");
            assertThat(e.retryAfterSeconds()).isEqualTo(62);
        });
        assertThatThrownBy(() -> change.begin("user-1", IP)).isInstanceOfSatisfying(TooManyRequestsException.class,
                e -> assertThat(e.code()).isEqualTo("too_many_password_attempts"));
    }

    @Test
    void anUnreachableRedisIs503NeverAPass() {
        when(limiter.take(any(Limit[].class))).thenThrow(new RedisConnectionFailureException("down"));
        assertThatThrownBy(() -> login.begin("ann@example.com", IP)).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.kind()).isEqualTo(DomainException.Kind.UNAVAILABLE);
            assertThat(e.code()).isEqualTo("dependency_unavailable");
        });
    }

    @Test
    void aRightPasswordForgivesTheAccountAndGivesTheAddressItsPlaceBack() {
        when(limiter.take(any(Limit[].class))).thenReturn(new Decision(true, List.of(1L, 1L), Duration.ZERO));
        LoginThrottle.Attempt attempt = login.begin("ann@example.com", IP);
        attempt.succeeded();
        attempt.cancel(); // settled already: nothing more
        verify(limiter).reset(ACCOUNT);
        verify(limiter).giveBack(ADDRESS);
        verify(limiter, never()).giveBack(ACCOUNT, ADDRESS);
    }

    @Test
    void anAttemptWithoutAVerdictCountsAsNothing() {
        when(limiter.take(any(Limit[].class))).thenReturn(new Decision(true, List.of(1L, 1L), Duration.ZERO));
        login.begin("ann@example.com", IP).cancel();
        verify(limiter).giveBack(ACCOUNT, ADDRESS);
    }

    @Test
    void aFailureStaysCountedAndLaterSettlingsChangeNothing() {
        when(limiter.take(any(Limit[].class))).thenReturn(new Decision(true, List.of(2L, 2L), Duration.ZERO));
        LoginThrottle.Attempt attempt = login.begin("ann@example.com", IP);
        attempt.failed();
        attempt.cancel();
        attempt.succeeded();
        verify(limiter, never()).giveBack(any(String[].class));
        verify(limiter, never()).reset(any(String[].class));
    }

    @Test
    void passwordChangesCountInCountersOfTheirOwn() {
        when(limiter.take(any(Limit[].class))).thenReturn(new Decision(true, List.of(1L, 1L), Duration.ZERO));
        change.begin("user-1", IP);
        verify(limiter).take(new Limit("wework:auth:password-fail:acct:user-1", 5, Duration.ofMinutes(15)),
                new Limit("wework:auth:password-fail:ip:" + IP, 30, Duration.ofMinutes(15)));
    }
}
