package io.wework.platform.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wework.platform.embedded.EmbeddedServers;
import io.wework.platform.redis.RedisRateLimiter.Decision;
import io.wework.platform.redis.RedisRateLimiter.Limit;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The limiter's script on a real Redis (started in-process): atomic under races, all-or-nothing, never without expiry. */
class RedisRateLimiterTest {

    private static LettuceConnectionFactory connections;
    private static StringRedisTemplate redis;
    private static RedisRateLimiter limiter;

    @BeforeAll
    static void startRedis() {
        URI url = URI.create(EmbeddedServers.startRedis(Path.of("target/embedded-limiter"), true));
        connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration(url.getHost(), url.getPort()));
        connections.afterPropertiesSet();
        connections.start();
        redis = new StringRedisTemplate(connections);
        limiter = new RedisRateLimiter(redis);
    }

    @AfterAll
    static void stop() {
        connections.destroy();
    }

    private static String key() {
        return "test:limit:" + UUID.randomUUID();
    }

    @Test
    void ofTwoHundredParallelTakesExactlyTheMaxAreAllowed() throws Exception {
        String account = key();
        String address = key();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Decision>> decisions = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            decisions.add(pool.submit(() -> {
                start.await();
                return limiter.take(new Limit(account, 7, Duration.ofMinutes(15)), new Limit(address, 1000, Duration.ofMinutes(15)));
            }));
        }
        start.countDown();
        List<Long> accountCounts = new ArrayList<>();
        int refused = 0;
        for (Future<Decision> f : decisions) {
            Decision d = f.get();
            if (d.allowed()) {
                accountCounts.add(d.counts().get(0));
            } else {
                refused++;
            }
        }
        pool.shutdown();
        assertThat(accountCounts).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(refused).isEqualTo(193);
        assertThat(redis.opsForValue().get(account)).isEqualTo("7");
        assertThat(redis.opsForValue().get(address)).as("refused takes charge no other counter").isEqualTo("7");
    }

    @Test
    void aRefusalChargesNoneOfTheOtherCountersAndSaysHowLongToWait() {
        String phone = key();
        String address = key();
        assertThat(limiter.take(new Limit(address, 1, Duration.ofMinutes(60))).allowed()).isTrue();
        Decision refused = limiter.take(new Limit(phone, 5, Duration.ofMinutes(60)), new Limit(address, 1, Duration.ofMinutes(60)));
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isBetween(Duration.ofMinutes(59), Duration.ofMinutes(60));
        assertThat(refused.retryAfterSeconds()).isBetween(3540L, 3600L);
        assertThat(redis.hasKey(phone)).isFalse();
        assertThat(redis.opsForValue().get(address)).isEqualTo("1");
    }

    @Test
    void theWaitIsTheLongestOfTheRefusingCounters() {
        String cooldown = key();
        String hourly = key();
        limiter.take(new Limit(cooldown, 1, Duration.ofSeconds(60)), new Limit(hourly, 1, Duration.ofHours(1)));
        Decision refused = limiter.take(new Limit(cooldown, 1, Duration.ofSeconds(60)), new Limit(hourly, 1, Duration.ofHours(1)));
        assertThat(refused.retryAfter()).isGreaterThan(Duration.ofMinutes(59));
    }

    @Test
    void aNewCounterExpiresWithItsWindow() {
        String k = key();
        Decision d = limiter.take(new Limit(k, 3, Duration.ofSeconds(30)));
        assertThat(d.counts()).containsExactly(1L);
        assertThat(redis.getExpire(k)).isBetween(29L, 30L);
        limiter.take(new Limit(k, 3, Duration.ofSeconds(30)));
        assertThat(redis.getExpire(k)).as("later charges do not extend the window").isBetween(28L, 30L);
    }

    @Test
    void aCounterThatLostItsExpiryGetsItsWindowBackWhetherChargedOrRefused() {
        String charged = key();
        redis.opsForValue().set(charged, "2");
        assertThat(limiter.take(new Limit(charged, 5, Duration.ofMinutes(15))).counts()).containsExactly(3L);
        assertThat(redis.getExpire(charged)).isBetween(899L, 900L);

        String full = key();
        redis.opsForValue().set(full, "5");
        Decision refused = limiter.take(new Limit(full, 5, Duration.ofMinutes(15)));
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(900);
        assertThat(redis.getExpire(full)).isBetween(899L, 900L);
    }

    @Test
    void aChargeGivenBackNeverCreatesACounterNorGoesBelowZeroAndKeepsTheExpiry() {
        String k = key();
        String absent = key();
        limiter.take(new Limit(k, 3, Duration.ofMinutes(5)));
        limiter.giveBack(k, absent);
        limiter.giveBack(k);
        assertThat(redis.opsForValue().get(k)).isEqualTo("0");
        assertThat(redis.getExpire(k)).isPositive();
        assertThat(redis.hasKey(absent)).isFalse();
    }

    @Test
    void aLimitNeedsAMaxAndAWindow() {
        assertThatThrownBy(() -> new Limit("k", 0, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Limit("k", 1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
