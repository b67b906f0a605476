package io.wework.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wework.support.IntegrationTest;
import io.wework.support.SmsGatewayStub;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;

/**
 * Account takeover, tried from outside as an attacker would (issue 10, item 4): a phone claimed
 * without proof, an admin changing another admin's phone, and an {@code Idempotency-Key} replay
 * handing out someone else's tokens. Each test failed on the code before the fix.
 */
class TakeoverIT extends IntegrationTest {

    private static final String PASSWORD = "correct-horse-1";
    private static final String ATTACKER_PASSWORD = "attacker-pass-1";
    private final SmsGatewayStub sms = SmsGatewayStub.get();

    private Response requestOtp(String phone) {
        redis.delete("wework:otp:cooldown:" + phone);
        Response sent = postJson("/api/auth/request-otp", "{\"phone_number\":\"" + phone + "\"}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        return sent;
    }

    private Response loginOtp(String phone, String code, String... headers) {
        return postJson("/api/auth/login-otp", "{\"phone_number\":\"" + phone + "\",\"code\":\"" + code + "\"}", headers);
    }

    /** Requests a code for {@code phone} and logs in with it: the phone's owner, who reads its SMS. */
    private JsonNode ownerLogsInByOtp(String phone) {
        requestOtp(phone);
        Response tokens = loginOtp(phone, sms.lastCodeFor(phone));
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        return tokens.json();
    }

    private JsonNode me(String accessToken) {
        Response me = getAuthed("/api/auth/me", accessToken);
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        return me.json();
    }

    private Response register(String email, String password, String phone) {
        return postJson("/api/auth/register", "{\"email\":\"" + email + "\",\"password\":\"" + password
                + "\",\"phone_number\":\"" + phone + "\"}");
    }

    private Response passwordLogin(String username, String password, String... headers) {
        return postJson("/api/auth/login", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}", headers);
    }

    private Response verifyPhone(String accessToken, String phone, String code) {
        return postAuthed("/api/auth/me/phone/verify", "{\"phone_number\":\"" + phone + "\",\"code\":\"" + code + "\"}",
                accessToken);
    }

    private Map<String, Object> phoneClaim(String phone) {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT user_id, proved FROM identity_claims WHERE claim_type = 'PHONE' AND claim_value = ?", phone);
        return rows.isEmpty() ? Map.of() : rows.get(0);
    }

    private List<String> eventTypes(String userId) {
        return jdbc.queryForList("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "ORDER BY sequence_number", String.class, userId);
    }

    @Nested
    class IdempotencyKeyReplay {

        private List<String> idempotencyKeys() {
            List<String> keys = new ArrayList<>();
            try (Cursor<String> cursor = redis.scan(ScanOptions.scanOptions().match("wework:idem:*").count(1000).build())) {
                cursor.forEachRemaining(keys::add);
            }
            return keys;
        }

        /** Every stored answer, its body decoded. */
        private String storedAnswers() {
            StringBuilder all = new StringBuilder();
            for (String key : idempotencyKeys()) {
                String value = redis.opsForValue().get(key);
                if (value == null) {
                    continue;
                }
                all.append(value).append('\n');
                if (value.startsWith("done|")) {
                    String body = readJson(value.substring(5)).get("body").asText();
                    all.append(new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8)).append('\n');
                }
            }
            return all.toString();
        }

        @Test
        void anotherCallerReplayingAnOtpLoginGetsNoTokens() {
            String phone = uniquePhone();
            requestOtp(phone);
            String code = sms.lastCodeFor(phone);
            String key = "otp-login-" + System.nanoTime();
            Response victim = loginOtp(phone, code, "Idempotency-Key", key);
            assertThat(victim.status()).isEqualTo(200);
            String refresh = victim.json().get("refresh_token").asText();
            // nothing kept that holds the tokens, in clear or base64
            String stored = storedAnswers();
            assertThat(stored).doesNotContain(refresh).doesNotContain(victim.json().get("access_token").asText())
                    .doesNotContain("refresh_token");

            // the attacker replays the key and the body (a spent code)
            Response replay = loginOtp(phone, code, "Idempotency-Key", key);
            assertThat(replay.header("Idempotent-Replayed")).isNull();
            assertThat(replay.status()).isEqualTo(401);
            assertThat(replay.json().get("code").asText()).isEqualTo("invalid_otp");
            assertThat(replay.body()).doesNotContain("access_token");
        }

        @Test
        void aReplayedPasswordLoginGetsNoTokensWhileTheAccountIsLocked() {
            String email = uniqueEmail("idem-locked");
            registerAndLogin(email, PASSWORD);
            String key = "pw-login-" + System.nanoTime();
            Response first = passwordLogin(email, PASSWORD, "Idempotency-Key", key);
            assertThat(first.status()).isEqualTo(200);
            assertThat(storedAnswers()).doesNotContain(first.json().get("refresh_token").asText());
            for (int i = 0; i < 5; i++) {
                passwordLogin(email, "wrong-pass-" + i);
            }
            Response replay = passwordLogin(email, PASSWORD, "Idempotency-Key", key);
            assertThat(replay.header("Idempotent-Replayed")).isNull();
            assertThat(replay.status()).isEqualTo(429);
            assertThat(replay.body()).doesNotContain("access_token");
        }

        @Test
        void anonymousCallersDoNotShareOneKeySpace() {
            String key = "shared-" + System.nanoTime();
            Response first = postJson("/api/auth/register", "{\"email\":\"" + uniqueEmail("anon-a") + "\",\"password\":\""
                    + PASSWORD + "\"}", "Idempotency-Key", key);
            assertThat(first.status()).isEqualTo(201);
            // a second caller, who knows the key but not the first body, gets an answer of their own
            Response second = postJson("/api/auth/register", "{\"email\":\"" + uniqueEmail("anon-b") + "\",\"password\":\""
                    + PASSWORD + "\"}", "Idempotency-Key", key);
            assertThat(second.status()).isEqualTo(201);
            assertThat(second.header("Idempotent-Replayed")).isNull();
            assertThat(second.json().get("id").asText()).isNotEqualTo(first.json().get("id").asText());
        }

        @Test
        void refusedRequestsLeaveNothingInRedis() {
            int before = idempotencyKeys().size();
            String taken = uniqueEmail("idem-taken");
            assertThat(register(taken, PASSWORD, uniquePhone()).status()).isEqualTo(201);
            int afterOne = idempotencyKeys().size();
            for (int i = 0; i < 100; i++) {
                String key = "junk-" + i + "-" + System.nanoTime();
                // invalid bodies (400) and conflicts (409)
                Response junk = i % 2 == 0
                        ? postJson("/api/auth/register", "{\"email\":\"not-an-email\",\"password\":\"x\"}", "Idempotency-Key", key)
                        : postJson("/api/auth/register", "{\"email\":\"" + taken + "\",\"password\":\"" + PASSWORD + "\"}",
                                "Idempotency-Key", key);
                assertThat(junk.status()).isIn(400, 409);
            }
            assertThat(idempotencyKeys()).hasSize(afterOne);
            assertThat(afterOne).isEqualTo(before);
        }
    }

    private static JsonNode readJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(text, e);
        }
    }
}
