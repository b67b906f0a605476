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
    @org.springframework.beans.factory.annotation.Autowired
    private org.springframework.transaction.PlatformTransactionManager transactions;

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
    class PreHijackByPhone {

        @Test
        void theOwnerOfAPhoneClaimedWithoutProofLandsInTheirOwnAccount() {
            String phone = uniquePhone();
            String attackerEmail = uniqueEmail("pre-hijack");
            Response squat = register(attackerEmail, ATTACKER_PASSWORD, phone);
            assertThat(squat.status()).isEqualTo(201);
            String attackerId = squat.json().get("id").asText();
            // an unproved phone is no login: not by password either
            assertThat(passwordLogin(phone, ATTACKER_PASSWORD).status()).isEqualTo(401);

            // the phone's owner asks for a code: for OTP the phone has no account yet
            assertThat(requestOtp(phone).json().get("is_new_user").asBoolean()).isTrue();
            Response owner = loginOtp(phone, sms.lastCodeFor(phone));
            assertThat(owner.status()).isEqualTo(200);
            JsonNode ownerAccount = me(owner.json().get("access_token").asText());
            assertThat(ownerAccount.get("id").asText()).isNotEqualTo(attackerId);
            assertThat(ownerAccount.get("email").isNull()).as("the owner's own phone-only account").isTrue();
            assertThat(ownerAccount.get("phone_number").asText()).isEqualTo(phone);
            assertThat(phoneClaim(phone)).containsEntry("user_id", ownerAccount.get("id").asText())
                    .containsEntry("proved", true);

            // the attacker's account lost the number; its password opens only the attacker's own account
            JsonNode attacker = passwordLogin(attackerEmail, ATTACKER_PASSWORD).json();
            JsonNode attackerMe = me(attacker.get("access_token").asText());
            assertThat(attackerMe.get("id").asText()).isEqualTo(attackerId);
            assertThat(attackerMe.get("phone_number").isNull()).isTrue();
            assertThat(passwordLogin(phone, ATTACKER_PASSWORD).status()).isEqualTo(401);
            assertThat(eventTypes(attackerId)).contains("io.wework.identity.api.UserPhoneReleasedEvent");

            // and the next OTP login reaches the owner's account again
            assertThat(me(ownerLogsInByOtp(phone).get("access_token").asText()).get("id").asText())
                    .isEqualTo(ownerAccount.get("id").asText());
        }

        @Test
        void anAccountProvesItsOwnPhoneWithACodeAndOnlyThenLogsInByIt() {
            String phone = uniquePhone();
            String email = uniqueEmail("prove");
            Response reg = register(email, PASSWORD, phone);
            assertThat(reg.status()).isEqualTo(201);
            String id = reg.json().get("id").asText();
            assertThat(phoneClaim(phone)).containsEntry("user_id", id).containsEntry("proved", false);
            String token = passwordLogin(email, PASSWORD).json().get("access_token").asText();

            // without a code, or with a wrong one, nothing is proved
            requestOtp(phone);
            String code = sms.lastCodeFor(phone);
            String wrong = String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
            Response refused = verifyPhone(token, phone, wrong);
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json().get("code").asText()).isEqualTo("invalid_otp");
            assertThat(verifyPhone(null, phone, code).status()).isEqualTo(401);
            // a phone the account does not hold cannot be proved onto it
            String other = uniquePhone();
            requestOtp(other);
            Response notMine = verifyPhone(token, other, sms.lastCodeFor(other));
            assertThat(notMine.status()).isEqualTo(409);
            assertThat(notMine.json().get("code").asText()).isEqualTo("phone_not_on_account");
            assertThat(phoneClaim(other)).isEmpty();

            Response proved = verifyPhone(token, phone, code);
            assertThat(proved.status()).as(proved.body()).isEqualTo(200);
            assertThat(proved.json().get("id").asText()).isEqualTo(id);
            assertThat(proved.json().get("phone_number").asText()).isEqualTo(phone);
            assertThat(phoneClaim(phone)).containsEntry("user_id", id).containsEntry("proved", true);
            assertThat(eventTypes(id)).contains("io.wework.identity.api.UserPhoneVerifiedEvent");

            // now the phone logs into this account, by password and by code
            assertThat(passwordLogin(phone, PASSWORD).status()).isEqualTo(200);
            assertThat(me(ownerLogsInByOtp(phone).get("access_token").asText()).get("id").asText()).isEqualTo(id);
            // and a proved phone is taken for everyone else
            Response late = register(uniqueEmail("late"), PASSWORD, phone);
            assertThat(late.status()).isEqualTo(409);
            assertThat(late.json().get("code").asText()).isEqualTo("phone_taken");
        }
    }

    @Nested
    class AdminTakesOverAdmin {

        private String[] admin(String prefix) {
            String email = uniqueEmail(prefix);
            String[] user = registerAndLogin(email, PASSWORD);
            assertThat(patchJson("/api/admin/users/" + user[0], "{\"role\":\"admin\"}", rootToken()).status()).isEqualTo(200);
            return new String[] {user[0], loginJson(email, PASSWORD).get("access_token").asText(), email};
        }

        @Test
        void aPlainAdminCannotChangeAnotherAccountsPhoneOrEmail() {
            String[] attacker = admin("admin-attacker");
            String[] victim = admin("admin-victim");
            String attackerPhone = uniquePhone();
            String[] user = registerAndLogin(uniqueEmail("plain"), PASSWORD);
            long events = eventCount();

            Response phone = patchJson("/api/admin/users/" + victim[0], "{\"phone_number\":\"" + attackerPhone + "\"}",
                    attacker[1]);
            assertThat(phone.status()).isEqualTo(403);
            assertThat(phone.header("Content-Type")).startsWith("application/problem+json");
            assertThat(phone.json().get("code").asText()).isEqualTo("contact_change_forbidden");
            Response email = patchJson("/api/admin/users/" + victim[0], "{\"email\":\"" + uniqueEmail("taken-over") + "\"}",
                    attacker[1]);
            assertThat(email.status()).isEqualTo(403);
            assertThat(email.json().get("code").asText()).isEqualTo("contact_change_forbidden");
            // an ordinary user's contact data is no softer target
            assertThat(patchJson("/api/admin/users/" + user[0], "{\"phone_number\":\"" + attackerPhone + "\"}",
                    attacker[1]).status()).isEqualTo(403);
            assertThat(eventCount()).isEqualTo(events);
            assertThat(phoneClaim(attackerPhone)).isEmpty();

            // so the attacker's code opens no account but a new one of the attacker's own
            JsonNode landed = me(ownerLogsInByOtp(attackerPhone).get("access_token").asText());
            assertThat(landed.get("id").asText()).isNotIn(victim[0], user[0]);
            assertThat(landed.get("role").get("name").asText()).isEqualTo("user");
            // and the victim's session goes on
            assertThat(getAuthed("/api/auth/me", victim[1]).status()).isEqualTo(200);
        }

        @Test
        void aSuperAdminsChangeEndsTheSessionsRecordsANoticeAndLeavesThePhoneUnproved() {
            String[] victim = admin("admin-changed");
            JsonNode session = loginJson(victim[2], PASSWORD);
            String root = rootToken();
            String rootId = jdbc.queryForObject("SELECT id FROM users_view WHERE email = ?", String.class, ROOT_EMAIL);
            String newPhone = uniquePhone();

            Response changed = patchJson("/api/admin/users/" + victim[0], "{\"phone_number\":\"" + newPhone + "\"}", root);
            assertThat(changed.status()).isEqualTo(200);
            assertThat(changed.json().get("phone_number").asText()).isEqualTo(newPhone);

            // every session of the account ended: access and refresh tokens alike
            Response oldAccess = getAuthed("/api/auth/me", session.get("access_token").asText());
            assertThat(oldAccess.status()).isEqualTo(401);
            assertThat(getAuthed("/api/auth/me", victim[1]).status()).isEqualTo(401);
            assertThat(postJson("/api/auth/refresh", "{\"refresh_token\":\"" + session.get("refresh_token").asText() + "\"}")
                    .status()).isEqualTo(401);
            // the owner logs in again with the password and gets a working token
            assertThat(getAuthed("/api/auth/me", loginJson(victim[2], PASSWORD).get("access_token").asText()).status())
                    .isEqualTo(200);

            // the owner is told: an event that names who changed what, from what
            Map<String, Object> notice = jdbc.queryForMap("SELECT convert_from(payload, 'UTF8') AS payload, "
                    + "convert_from(meta_data, 'UTF8') AS meta FROM domain_event_entry WHERE aggregate_identifier = ? "
                    + "AND payload_type = 'io.wework.identity.api.UserContactChangedByAdminEvent'", victim[0]);
            JsonNode payload = readJson((String) notice.get("payload"));
            assertThat(payload.get("changedBy").asText()).isEqualTo(rootId);
            assertThat(payload.get("phoneChanged").asBoolean()).isTrue();
            assertThat(payload.get("emailChanged").asBoolean()).isFalse();
            assertThat(payload.get("previousPhoneNumber").isNull()).isTrue();

            // the admin-set phone is no login until its owner proves it
            assertThat(phoneClaim(newPhone)).containsEntry("user_id", victim[0]).containsEntry("proved", false);
            JsonNode byCode = me(ownerLogsInByOtp(newPhone).get("access_token").asText());
            assertThat(byCode.get("id").asText()).isNotEqualTo(victim[0]);
        }
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
        void noAnswerCarryingTokensIsKept() {
            String email = uniqueEmail("idem-tokens");
            registerAndLogin(email, PASSWORD);
            String key = "tokens-" + System.nanoTime();
            // form login, refresh, password change: each answers tokens, none is kept under the key
            Response form = send("POST", "/api/auth/login", "application/x-www-form-urlencoded",
                    "username=" + email + "&password=" + PASSWORD, "Idempotency-Key", key);
            assertThat(form.status()).isEqualTo(200);
            String refreshBody = "{\"refresh_token\":\"" + form.json().get("refresh_token").asText() + "\"}";
            Response refreshed = postJson("/api/auth/refresh", refreshBody, "Idempotency-Key", key);
            assertThat(refreshed.status()).isEqualTo(200);
            Response changed = send("POST", "/api/auth/me/password", "application/json", "{\"current_password\":\""
                    + PASSWORD + "\",\"new_password\":\"other-pass-2\"}", "Authorization", "Bearer "
                    + refreshed.json().get("access_token").asText(), "Idempotency-Key", key);
            assertThat(changed.status()).isEqualTo(200);
            assertThat(idempotencyKeys()).noneMatch(k -> k.endsWith(":" + key));
            // a repeated refresh is a reuse of a spent token, not a replay of the new pair
            Response again = postJson("/api/auth/refresh", refreshBody, "Idempotency-Key", key);
            assertThat(again.header("Idempotent-Replayed")).isNull();
            assertThat(again.status()).isEqualTo(401);
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
        void anAuthenticatedCallersKeysAreItsOwnAndAProofIsReplayed() {
            String phone = uniquePhone();
            String email = uniqueEmail("idem-owner");
            assertThat(register(email, PASSWORD, phone).status()).isEqualTo(201);
            String token = passwordLogin(email, PASSWORD).json().get("access_token").asText();
            requestOtp(phone);
            String code = sms.lastCodeFor(phone);
            String body = "{\"phone_number\":\"" + phone + "\",\"code\":\"" + code + "\"}";
            String key = "verify-" + System.nanoTime();
            Response first = send("POST", "/api/auth/me/phone/verify", "application/json", body,
                    "Authorization", "Bearer " + token, "Idempotency-Key", key);
            assertThat(first.status()).isEqualTo(200);
            long events = eventCount();
            Response again = send("POST", "/api/auth/me/phone/verify", "application/json", body,
                    "Authorization", "Bearer " + token, "Idempotency-Key", key);
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(again.body()).isEqualTo(first.body());
            assertThat(eventCount()).isEqualTo(events);
            String otherCode = String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
            String otherBody = body.replace("\"code\":\"" + code, "\"code\":\"" + otherCode);
            Response reused = send("POST", "/api/auth/me/phone/verify", "application/json", otherBody,
                    "Authorization", "Bearer " + token, "Idempotency-Key", key);
            assertThat(reused.status()).isEqualTo(422);
            assertThat(reused.json().get("code").asText()).isEqualTo("idempotency_key_reused");

            // another user with the same key and body gets an answer of their own
            String[] other = registerAndLogin(uniqueEmail("idem-other"), PASSWORD);
            Response theirs = send("POST", "/api/auth/me/phone/verify", "application/json", body,
                    "Authorization", "Bearer " + other[1], "Idempotency-Key", key);
            assertThat(theirs.header("Idempotent-Replayed")).isNull();
            assertThat(theirs.status()).isEqualTo(409);
            assertThat(theirs.json().get("code").asText()).isEqualTo("phone_not_on_account");
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

    /**
     * Phones claimed before phone proofs existed: Flyway's V9 marks a claim proved where a revision-1
     * registration made a phone-only account (an OTP login), and the upcaster tells the aggregate the same.
     */
    @Nested
    class PhonesClaimedBeforeProofs {

        private String legacyAccount(String email, String phone, String fullName) {
            String id = java.util.UUID.randomUUID().toString();
            String payload = "{\"userId\":\"" + id + "\",\"email\":" + (email == null ? "null" : "\"" + email + "\"")
                    + ",\"phoneNumber\":\"" + phone + "\",\"fullName\":\"" + fullName + "\",\"passwordHash\":null,"
                    + "\"role\":\"USER\",\"registeredAt\":\"2025-01-01T10:00:00Z\"}";
            storeEvent(id, 0, "io.wework.identity.api.UserRegisteredEvent", payload);
            jdbc.update("INSERT INTO identity_claims (claim_type, claim_value, user_id, proved) VALUES ('PHONE', ?, ?, false)",
                    phone, id);
            if (email != null) {
                jdbc.update("INSERT INTO identity_claims (claim_type, claim_value, user_id) VALUES ('EMAIL', ?, ?)", email, id);
            }
            return id;
        }

        private void storeEvent(String id, long sequence, String type, String payload) {
            jdbc.update("INSERT INTO domain_event_entry (global_index, event_identifier, aggregate_identifier, sequence_number, "
                            + "type, time_stamp, payload_type, payload_revision, payload, meta_data) VALUES "
                            + "(nextval('domain_event_global_index_seq'), ?, ?, ?, 'User', '2025-01-01T10:00:00Z', ?, '1', "
                            + "convert_to(?, 'UTF8'), convert_to('{}', 'UTF8'))",
                    java.util.UUID.randomUUID().toString(), id, sequence, type, payload);
        }

        private void runV9() throws Exception {
            try (var in = getClass().getResourceAsStream("/db/migration/command/V9__identity_claims_proved_phone.sql")) {
                assertThat(in).as("the migration is on the classpath").isNotNull();
                jdbc.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }

        @Test
        void aPhoneOnlyAccountOfAnOtpLoginKeepsItsPhoneAndOthersLoseTheirs() throws Exception {
            String otpPhone = uniquePhone();
            String otpAccount = legacyAccount(null, otpPhone, "By Code");
            String signUpPhone = uniquePhone();
            String signUpAccount = legacyAccount(uniqueEmail("legacy"), signUpPhone, "Signed Up");
            String oldPhone = uniquePhone();
            String adminSetPhone = uniquePhone();
            String changedAccount = legacyAccount(null, oldPhone, "Changed");
            jdbc.update("UPDATE identity_claims SET claim_value = ? WHERE claim_type = 'PHONE' AND user_id = ?", adminSetPhone,
                    changedAccount);
            storeEvent(changedAccount, 1, "io.wework.identity.api.UserPhoneChangedEvent", "{\"userId\":\"" + changedAccount
                    + "\",\"phoneNumber\":\"" + adminSetPhone + "\",\"previousPhoneNumber\":\"" + oldPhone
                    + "\",\"changedAt\":\"2025-01-02T10:00:00Z\"}");

            runV9();

            assertThat(phoneClaim(otpPhone)).containsEntry("user_id", otpAccount).containsEntry("proved", true);
            assertThat(phoneClaim(signUpPhone)).containsEntry("user_id", signUpAccount).containsEntry("proved", false);
            assertThat(phoneClaim(adminSetPhone)).containsEntry("user_id", changedAccount).containsEntry("proved", false);

            // the aggregates agree (revision 1 upcast): each OTP login lands where the phone was proved
            assertThat(me(ownerLogsInByOtp(otpPhone).get("access_token").asText()).get("id").asText()).isEqualTo(otpAccount);
            assertThat(me(ownerLogsInByOtp(signUpPhone).get("access_token").asText()).get("id").asText())
                    .isNotEqualTo(signUpAccount);
            assertThat(me(ownerLogsInByOtp(adminSetPhone).get("access_token").asText()).get("id").asText())
                    .isNotEqualTo(changedAccount);
        }

        @Test
        void aStoredRegistrationPostgresCannotReadAsJsonbDoesNotStopTheMigration() {
            // rolled back: an event with a NUL in it would stop the projections of every other test
            new org.springframework.transaction.support.TransactionTemplate(transactions).executeWithoutResult(tx -> {
                String nulPhone = uniquePhone();
                String nulAccount = legacyAccount(null, nulPhone, "Nul\\u0000Name");
                try {
                    runV9();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                assertThat(phoneClaim(nulPhone)).as("left unproved").containsEntry("user_id", nulAccount)
                        .containsEntry("proved", false);
                tx.setRollbackOnly();
            });
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
