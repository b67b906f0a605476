package io.wework.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.wework.support.BcryptProbe;
import io.wework.support.IntegrationTest;
import io.wework.support.SmsGatewayStub;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * The limits under attack, over HTTP: many parallel requests against one account or from one
 * address, with the BCrypt check held ({@link BcryptProbe}) so that every racing request has made
 * its limit decision before any of them gets its answer; and what the attacker may not spend of a
 * victim's quota, what a refused request must not cost, and what must never travel in a command.
 */
class LimitsIT extends IntegrationTest {

    private static final String PASSWORD = "correct-horse-1";

    /** {@code n} requests started at once; their answers, and how many have answered so far. */
    private static final class Burst {
        private final List<Future<Response>> results = new ArrayList<>();
        private final AtomicInteger answered = new AtomicInteger();
        private final ExecutorService pool;

        Burst(int n, IntFunction<Response> request) {
            pool = Executors.newFixedThreadPool(n);
            CountDownLatch start = new CountDownLatch(1);
            for (int i = 0; i < n; i++) {
                int index = i;
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        return request.apply(index);
                    } finally {
                        answered.incrementAndGet();
                    }
                }));
            }
            start.countDown();
        }

        int answered() {
            return answered.get();
        }

        List<Response> responses() throws Exception {
            List<Response> responses = new ArrayList<>();
            for (Future<Response> f : results) {
                responses.add(f.get());
            }
            pool.shutdown();
            return responses;
        }
    }

    /**
     * Waits until {@code settled} holds, at most 15 s. On code that does not hold the limit the
     * condition never holds (the racing requests queue behind the held check); the test then goes on
     * and its assertions show what got through.
     */
    private static void awaitSettled(BooleanSupplier settled) {
        try {
            Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20)).until(settled::getAsBoolean);
        } catch (ConditionTimeoutException e) {
            // asserted below
        }
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12) + "-1";
    }

    private Response login(String username, String password) {
        return postJson("/api/auth/login", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
    }

    private Response register(String email, String password) {
        return postJson("/api/auth/register", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    }

    private Response requestOtp(String phone) {
        return postJson("/api/auth/request-otp", "{\"phone_number\":\"" + phone + "\"}");
    }

    private static long count(List<Response> responses, int status) {
        return responses.stream().filter(r -> r.status() == status).count();
    }

    @Nested
    class LoginThrottle {
        @Test
        void ofFiftyParallelWrongPasswordsForOneAccountOnlyFiveAreChecked() throws Exception {
            String email = uniqueEmail("race-login");
            assertThat(register(email, PASSWORD).status()).isEqualTo(201);
            String wrong = unique("wrong");
            List<Response> responses;
            try (BcryptProbe.Hold hold = BcryptProbe.hold(wrong)) {
                Burst burst = new Burst(50, i -> login(email, wrong));
                awaitSettled(() -> hold.waiting() == 5 && burst.answered() == 45);
                hold.close();
                responses = burst.responses();
            }
            assertThat(BcryptProbe.checks(wrong)).as("wrong passwords that reached BCrypt (the limit is 5)").isEqualTo(5);
            assertThat(count(responses, 401)).isEqualTo(5);
            assertThat(count(responses, 429)).isEqualTo(45);
            assertThat(responses).filteredOn(r -> r.status() == 429)
                    .allSatisfy(r -> assertThat(Integer.parseInt(r.header("Retry-After"))).isBetween(1, 900));
            // the failure that reached the limit locked the account: the right password is refused too
            assertThat(login(email, PASSWORD).status()).isEqualTo(429);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry d JOIN identity_claims c "
                    + "ON c.user_id = d.aggregate_identifier WHERE c.claim_value = ? AND d.payload_type LIKE '%UserLockedOutEvent'",
                    Long.class, email)).isEqualTo(1);
        }

        @Test
        void ofFortyParallelWrongPasswordsFromOneAddressOnlyItsLimitAreChecked() throws Exception {
            String wrong = unique("spray");
            List<Response> responses;
            try (BcryptProbe.Hold hold = BcryptProbe.hold(wrong)) {
                // every request names another (unknown) account: only the address limit (20 here) applies
                Burst burst = new Burst(40, i -> login(uniqueEmail("spray"), wrong));
                awaitSettled(() -> hold.waiting() == 20 && burst.answered() == 20);
                hold.close();
                responses = burst.responses();
            }
            assertThat(BcryptProbe.checks(wrong)).isEqualTo(20);
            assertThat(count(responses, 401)).isEqualTo(20);
            assertThat(count(responses, 429)).isEqualTo(20);
        }

        @Test
        void aFailureCounterThatLostItsExpiryGetsItBack() {
            // what a crash between a separate INCR and EXPIRE leaves: a counter that never expires
            String email = uniqueEmail("no-ttl");
            String key = "wework:auth:login-fail:acct:" + email;
            redis.opsForValue().set(key, "1");
            assertThat(login(email, unique("wrong")).status()).isEqualTo(401);
            assertThat(redis.getExpire(key)).as("seconds the counter still lives").isBetween(1L, 900L);
        }
    }

    @Nested
    class OtpQuota {
        @Test
        void anAddressOverItsLimitBurnsNothingOfTheVictimsPhones() throws Exception {
            for (int i = 0; i < 20; i++) {
                assertThat(requestOtp(uniquePhone()).status()).isEqualTo(200);
            }
            List<String> victims = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                victims.add(uniquePhone());
            }
            List<Response> refused = new Burst(10, i -> requestOtp(victims.get(i))).responses();
            assertThat(refused).allSatisfy(r -> assertThat(r.status()).isEqualTo(429));
            for (String victim : victims) {
                assertThat(redis.hasKey("wework:otp:cooldown:" + victim)).as("cooldown of " + victim).isFalse();
                assertThat(redis.hasKey("wework:otp:hour:" + victim)).as("hourly quota of " + victim).isFalse();
            }
            // the victims ask from their own addresses
            redis.delete("wework:otp:ip:127.0.0.1");
            for (String victim : victims) {
                assertThat(requestOtp(victim).status()).as("the victim's own request").isEqualTo(200);
            }
        }

        @Test
        void ofThirtyParallelRequestsFromOneAddressTwentyAreSentAndTheOthersChargeNoPhone() throws Exception {
            List<String> phones = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                phones.add(uniquePhone());
            }
            List<Response> responses = new Burst(30, i -> requestOtp(phones.get(i))).responses();
            assertThat(count(responses, 200)).isEqualTo(20);
            assertThat(count(responses, 429)).isEqualTo(10);
            for (int i = 0; i < 30; i++) {
                boolean sent = responses.get(i).status() == 200;
                assertThat(redis.hasKey("wework:otp:cooldown:" + phones.get(i))).as("cooldown of " + phones.get(i)).isEqualTo(sent);
                assertThat(redis.hasKey("wework:otp:hour:" + phones.get(i))).as("quota of " + phones.get(i)).isEqualTo(sent);
            }
        }

        @Test
        void anHourlyCounterThatLostItsExpiryGetsItBack() {
            String phone = uniquePhone();
            redis.opsForValue().set("wework:otp:hour:" + phone, "1");
            assertThat(requestOtp(phone).status()).isEqualTo(200);
            assertThat(redis.getExpire("wework:otp:hour:" + phone)).isBetween(1L, 3600L);
        }
    }

    @Nested
    class PasswordChange {
        private Response change(String token, String current, String next) {
            return postAuthed("/api/auth/me/password", "{\"current_password\":\"" + current + "\",\"new_password\":\""
                    + next + "\"}", token);
        }

        @Test
        void ofThirtyParallelWrongCurrentPasswordsOnlyFiveAreChecked() throws Exception {
            String email = uniqueEmail("race-change");
            String[] user = registerAndLogin(email, PASSWORD);
            String wrong = unique("wrong-current");
            List<Response> responses;
            try (BcryptProbe.Hold hold = BcryptProbe.hold(wrong)) {
                Burst burst = new Burst(30, i -> change(user[1], wrong, "brand-new-pass-" + i));
                awaitSettled(() -> hold.waiting() == 5 && burst.answered() == 25);
                hold.close();
                responses = burst.responses();
            }
            assertThat(BcryptProbe.checks(wrong)).as("wrong current passwords that reached BCrypt").isEqualTo(5);
            assertThat(count(responses, 400)).isEqualTo(5);
            assertThat(responses).filteredOn(r -> r.status() == 400)
                    .allSatisfy(r -> assertThat(r.json().get("code").asText()).isEqualTo("wrong_current_password"));
            assertThat(count(responses, 429)).isEqualTo(25);
            assertThat(responses).filteredOn(r -> r.status() == 429).allSatisfy(r -> {
                assertThat(r.json().get("code").asText()).isEqualTo("too_many_password_attempts");
                assertThat(Integer.parseInt(r.header("Retry-After"))).isBetween(1, 900);
            });
            // within the window even the right password waits; the window over, it works
            assertThat(change(user[1], PASSWORD, "brand-new-pass-9").status()).isEqualTo(429);
            redis.delete("wework:auth:password-fail:acct:" + user[0]);
            assertThat(change(user[1], PASSWORD, "brand-new-pass-9").status()).isEqualTo(200);
        }

        @Test
        void wrongCurrentPasswordsAreLimitedPerAddressAcrossAccounts() {
            for (int u = 0; u < 5; u++) {
                String[] user = registerAndLogin(uniqueEmail("spray-change"), PASSWORD);
                for (int i = 0; i < 4; i++) {
                    assertThat(change(user[1], unique("wrong"), "brand-new-pass-2").status()).isEqualTo(400);
                }
            }
            String[] sixth = registerAndLogin(uniqueEmail("spray-change"), PASSWORD);
            Response refused = change(sixth[1], unique("wrong"), "brand-new-pass-2");
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.header("Retry-After")).isNotNull();
        }
    }

    @Nested
    class RegistrationLimit {
        @Test
        void ofEightyParallelSignUpsFromOneAddressOnlyTheLimitAreHashedAndStored() throws Exception {
            String tag = UUID.randomUUID().toString().substring(0, 8);
            List<String> passwords = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                passwords.add(unique("signup"));
            }
            List<Response> responses = new Burst(80, i -> register("flood-" + tag + "-" + i + "@example.com",
                    passwords.get(i))).responses();
            assertThat(count(responses, 201)).as("accounts created (the limit is 60 here)").isEqualTo(60);
            assertThat(count(responses, 429)).isEqualTo(20);
            for (int i = 0; i < 80; i++) {
                Response r = responses.get(i);
                if (r.status() == 429) {
                    assertThat(r.json().get("code").asText()).isEqualTo("too_many_registrations");
                    assertThat(Integer.parseInt(r.header("Retry-After"))).isBetween(1, 3600);
                    assertThat(BcryptProbe.hashes(passwords.get(i))).as("a refused sign-up costs no hash").isZero();
                }
            }
            assertThat(jdbc.queryForObject("SELECT count(*) FROM identity_claims WHERE claim_type = 'EMAIL' AND claim_value LIKE ?",
                    Long.class, "flood-" + tag + "-%")).isEqualTo(60);
        }

        @Test
        void aTakenEmailIsRefusedBeforeThePasswordIsHashed() {
            String email = uniqueEmail("taken");
            assertThat(register(email, PASSWORD).status()).isEqualTo(201);
            String second = unique("second");
            long events = eventCount();
            Response taken = register(email.toUpperCase(), second);
            assertThat(taken.status()).isEqualTo(409);
            assertThat(taken.json().get("code").asText()).isEqualTo("email_taken");
            assertThat(BcryptProbe.hashes(second)).isZero();
            assertThat(eventCount()).isEqualTo(events);
        }
    }

    @Nested
    class PasswordChecks {
        @Autowired
        private CommandBus commandBus;

        @Autowired
        @Qualifier("messageSerializer")
        private Serializer messageSerializer;

        @Test
        void everyLoginPathCostsExactlyOneBcryptCheck() {
            String unknownEmail = unique("p-unknown-email");
            assertThat(login(uniqueEmail("nobody"), unknownEmail).status()).isEqualTo(401);
            String unknownPhone = unique("p-unknown-phone");
            assertThat(login(uniquePhone(), unknownPhone).status()).isEqualTo(401);

            String phone = uniquePhone();
            assertThat(requestOtp(phone).status()).isEqualTo(200);
            assertThat(postJson("/api/auth/login-otp", "{\"phone_number\":\"" + phone + "\",\"code\":\""
                    + SmsGatewayStub.get().lastCodeFor(phone) + "\"}").status()).isEqualTo(200);
            String phoneOnly = unique("p-phone-only");
            Response noPassword = login(phone, phoneOnly);
            assertThat(noPassword.status()).isEqualTo(401);
            assertThat(noPassword.json().get("code").asText()).isEqualTo("bad_credentials");

            String own = unique("p-own");
            String email = uniqueEmail("paths");
            assertThat(register(email, own).status()).isEqualTo(201);
            String wrong = unique("p-wrong");
            assertThat(login(email, wrong).status()).isEqualTo(401);
            assertThat(login(email, own).status()).isEqualTo(200);

            assertThat(BcryptProbe.checks(unknownEmail)).as("unknown e-mail").isEqualTo(1);
            assertThat(BcryptProbe.checks(unknownPhone)).as("unknown phone").isEqualTo(1);
            assertThat(BcryptProbe.checks(phoneOnly)).as("phone-only account (no password)").isEqualTo(1);
            assertThat(BcryptProbe.checks(wrong)).as("wrong password").isEqualTo(1);
            assertThat(BcryptProbe.checks(own)).as("right password").isEqualTo(1);
        }

        @Test
        void noCommandCarriesAClearPassword() {
            List<String> sent = new CopyOnWriteArrayList<>();
            MessageDispatchInterceptor<CommandMessage<?>> recorder = messages -> (i, message) -> {
                sent.add(message.getPayloadType().getSimpleName() + " "
                        + new String(messageSerializer.serialize(message.getPayload(), byte[].class).getData(),
                        StandardCharsets.UTF_8)
                        + " " + new String(messageSerializer.serialize(message.getMetaData(), byte[].class).getData(),
                        StandardCharsets.UTF_8));
                return message;
            };
            String first = unique("clear-first");
            String wrong = unique("clear-wrong");
            String next = unique("clear-next");
            Registration registration = commandBus.registerDispatchInterceptor(recorder);
            try {
                String email = uniqueEmail("clear");
                String[] user = registerAndLogin(email, first);
                assertThat(login(email, wrong).status()).isEqualTo(401);
                assertThat(postAuthed("/api/auth/me/password", "{\"current_password\":\"" + wrong + "\",\"new_password\":\""
                        + next + "\"}", user[1]).status()).isEqualTo(400);
                assertThat(postAuthed("/api/auth/me/password", "{\"current_password\":\"" + first + "\",\"new_password\":\""
                        + next + "\"}", user[1]).status()).isEqualTo(200);
                assertThat(login(email, next).status()).isEqualTo(200);
            } finally {
                registration.cancel();
            }
            assertThat(sent).anySatisfy(c -> assertThat(c).startsWith("AuthenticateUserCommand"));
            assertThat(sent).anySatisfy(c -> assertThat(c).startsWith("ChangePasswordCommand"));
            assertThat(sent).allSatisfy(c -> assertThat(c).doesNotContain(first, wrong, next));
        }
    }
}
