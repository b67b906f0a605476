package io.wework.identity.command;

import io.wework.common.api.DomainException;
import io.wework.common.api.TooManyRequestsException;
import io.wework.platform.crypto.SecretBox;
import io.wework.platform.redis.RedisRateLimiter;
import io.wework.platform.redis.RedisRateLimiter.Limit;
import io.wework.identity.command.sms.SmsSender;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.stereotype.Component;

/**
 * One-time SMS codes: 6 digits from a secure random source, kept only as a keyed hash (HMAC) in
 * Redis with a TTL; only the latest code of a phone counts; a code works once and dies after
 * {@code maxAttempts} wrong tries. Sending is throttled per phone (one per cooldown, a few per hour)
 * and per client address, all checked before any is charged ({@link RedisRateLimiter}). Rules:
 * {@link OtpSettings}.
 */
@Component
public class OtpService {

    private static final Logger log = LoggerFactory.getLogger(OtpService.class);
    static final String CODE = "wework:otp:code:";
    static final String COOLDOWN = "wework:otp:cooldown:";
    static final String HOURLY = "wework:otp:hour:";
    static final String ADDRESS = "wework:otp:ip:";

    /** Returns 1 = right code (consumed), 0 = wrong, -1 = no live code, -2 = wrong and now dead. */
    private static final DefaultRedisScript<Long> VERIFY = new DefaultRedisScript<>("""
            local h = redis.call('HGET', KEYS[1], 'h')
            if not h then return -1 end
            if h == ARGV[1] then redis.call('DEL', KEYS[1]) return 1 end
            local tries = redis.call('HINCRBY', KEYS[1], 'tries', 1)
            if tries >= tonumber(ARGV[2]) then redis.call('DEL', KEYS[1]) return -2 end
            return 0
            """, Long.class);

    private static final DefaultRedisScript<Long> STORE = new DefaultRedisScript<>("""
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], 'h', ARGV[1], 'tries', 0)
            redis.call('EXPIRE', KEYS[1], ARGV[2])
            return 1
            """, Long.class);

    public enum Verification { OK, WRONG, NO_CODE, EXHAUSTED }

    private final StringRedisTemplate redis;
    private final RedisRateLimiter limiter;
    private final SecretBox secrets;
    private final SmsSender sms;
    private final SecureRandom random = new SecureRandom();
    private final Duration ttl;
    private final Duration cooldown;
    private final int maxPerHour;
    private final int maxPerAddressPerHour;
    private final int maxAttempts;

    public OtpService(StringRedisTemplate redis, RedisRateLimiter limiter, SecretBox secrets, SmsSender sms,
                      OtpSettings settings) {
        this.redis = redis;
        this.limiter = limiter;
        this.secrets = secrets;
        this.sms = sms;
        this.ttl = settings.ttl();
        this.cooldown = settings.resendCooldown();
        this.maxPerHour = settings.maxPerHour();
        this.maxPerAddressPerHour = settings.maxPerAddressPerHour();
        this.maxAttempts = settings.maxAttempts();
    }

    public Duration ttl() {
        return ttl;
    }

    /**
     * Throttles, stores a new code (replacing any earlier one) and sends it; nothing stays if sending
     * fails. The phone's cooldown, the phone's hourly quota and the address's hourly quota are checked
     * and charged in one atomic step: a request refused by any of them charges none, so an address
     * over its limit cannot spend a victim phone's cooldown or quota.
     */
    public void send(String phone, String address) {
        String[] counters = {COOLDOWN + phone, HOURLY + phone, ADDRESS + address};
        try {
            RedisRateLimiter.Decision decision = limiter.take(
                    new Limit(COOLDOWN + phone, 1, cooldown),
                    new Limit(HOURLY + phone, maxPerHour, Duration.ofHours(1)),
                    new Limit(ADDRESS + address, maxPerAddressPerHour, Duration.ofHours(1)));
            if (!decision.allowed()) {
                throw new TooManyRequestsException("too_many_otp_requests", "Too many code requests; try again later",
                        decision.retryAfterSeconds());
            }
            String code = String.format("%06d", random.nextInt(1_000_000));
            redis.execute(STORE, List.of(CODE + phone), hash(phone, code), Long.toString(ttl.toSeconds()));
            try {
                sms.sendOtp(phone, code);
            } catch (SmsSender.SmsDeliveryException e) {
                log.warn("SMS delivery failed: {}", e.getMessage());
                redis.delete(CODE + phone);
                limiter.giveBack(counters);
                throw new DomainException(DomainException.Kind.UNAVAILABLE, "sms_unavailable",
                        "The SMS gateway is unavailable; retry later");
            }
        } catch (DataAccessException e) {
            throw new DomainException(DomainException.Kind.UNAVAILABLE, "dependency_unavailable",
                    "Login codes are unavailable right now; retry later");
        }
    }

    public Verification verify(String phone, String code) {
        try {
            Long result = redis.execute(VERIFY, List.of(CODE + phone), hash(phone, code), Integer.toString(maxAttempts));
            return switch (result == null ? -1 : result.intValue()) {
                case 1 -> Verification.OK;
                case 0 -> Verification.WRONG;
                case -2 -> Verification.EXHAUSTED;
                default -> Verification.NO_CODE;
            };
        } catch (DataAccessException e) {
            throw new DomainException(DomainException.Kind.UNAVAILABLE, "dependency_unavailable",
                    "Login codes are unavailable right now; retry later");
        }
    }

    private String hash(String phone, String code) {
        return secrets.keyedHash("otp:" + phone + ":" + code);
    }
}
