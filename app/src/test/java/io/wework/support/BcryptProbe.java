package io.wework.support;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Watches the application's {@link PasswordEncoder} (BCrypt) wherever it is used (use cases and
 * aggregate alike): counts, per clear password, how often it was checked ({@code matches}) and
 * hashed ({@code encode}), and can hold every check of one password inside BCrypt until released.
 * A held check makes a race certain: whatever a request decided before its BCrypt check, every
 * racing request has decided it too before any of them gets past the check.
 * <p>
 * Keyed by the clear password, so tests that use their own unique passwords never see each other.
 */
@Component
public class BcryptProbe implements BeanPostProcessor {

    private static final Map<String, AtomicInteger> CHECKS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> HASHES = new ConcurrentHashMap<>();
    private static final Map<String, Hold> HOLDS = new ConcurrentHashMap<>();

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof PasswordEncoder encoder && !(bean instanceof Probed)) {
            return new Probed(encoder);
        }
        return bean;
    }

    /** How often {@code password} went through a BCrypt check so far. */
    public static int checks(String password) {
        return CHECKS.getOrDefault(password, new AtomicInteger()).get();
    }

    /** How often {@code password} was hashed so far. */
    public static int hashes(String password) {
        return HASHES.getOrDefault(password, new AtomicInteger()).get();
    }

    /** Holds every BCrypt check of {@code password} (they wait inside the check) until the hold is closed. */
    public static Hold hold(String password) {
        Hold hold = new Hold(password);
        HOLDS.put(password, hold);
        return hold;
    }

    public static final class Hold implements AutoCloseable {
        private final String password;
        private final AtomicInteger waiting = new AtomicInteger();
        private final CountDownLatch released = new CountDownLatch(1);

        private Hold(String password) {
            this.password = password;
        }

        /** Checks of the password now waiting in the hold. */
        public int waiting() {
            return waiting.get();
        }

        private void await() {
            waiting.incrementAndGet();
            try {
                released.await(Duration.ofSeconds(60).toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                waiting.decrementAndGet();
            }
        }

        @Override
        public void close() {
            HOLDS.remove(password, this);
            released.countDown();
        }
    }

    private static final class Probed implements PasswordEncoder {
        private final PasswordEncoder encoder;

        Probed(PasswordEncoder encoder) {
            this.encoder = encoder;
        }

        @Override
        public String encode(CharSequence rawPassword) {
            if (rawPassword != null) {
                HASHES.computeIfAbsent(rawPassword.toString(), k -> new AtomicInteger()).incrementAndGet();
            }
            return encoder.encode(rawPassword);
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword) {
            if (rawPassword != null) {
                String raw = rawPassword.toString();
                CHECKS.computeIfAbsent(raw, k -> new AtomicInteger()).incrementAndGet();
                Hold hold = HOLDS.get(raw);
                if (hold != null) {
                    hold.await();
                }
            }
            return encoder.matches(rawPassword, encodedPassword);
        }

        @Override
        public boolean upgradeEncoding(String encodedPassword) {
            return encoder.upgradeEncoding(encodedPassword);
        }
    }
}
