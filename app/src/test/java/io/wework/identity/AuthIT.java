package io.wework.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wework.platform.security.JwtService;
import io.wework.platform.security.RoleAuthorities;
import io.wework.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

class AuthIT extends IntegrationTest {

    @Autowired
    private RoleAuthorities roles;

    private static final String PASSWORD = "correct-horse-1";

    @Test
    void registerLoginMeAndPublicProfile() {
        String email = uniqueEmail("Ali");
        String phone = uniquePhone();
        Response reg = postJson("/api/auth/register", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD
                + "\",\"full_name\":\"Ali Rezaei\",\"phone_number\":\"" + phone + "\"}");
        assertThat(reg.status()).isEqualTo(201);
        JsonNode user = reg.json();
        String id = user.get("id").asText();
        assertThat(user.get("email").asText()).isEqualTo(email.toLowerCase());
        assertThat(user.get("phone_number").asText()).isEqualTo(phone);
        assertThat(user.get("full_name").asText()).isEqualTo("Ali Rezaei");
        assertThat(user.get("role").get("name").asText()).isEqualTo("user");
        assertThat(user.get("role").get("title").asText()).isEqualTo("کاربر");
        assertThat(user.get("is_active").asBoolean()).isTrue();
        assertThat(user.has("password_hash")).isFalse();

        // read-your-writes: the public profile is there at once
        Response pub = get("/api/auth/users/" + id + "/public");
        assertThat(pub.status()).isEqualTo(200);
        assertThat(pub.json().get("full_name").asText()).isEqualTo("Ali Rezaei");
        assertThat(pub.json().has("created_at")).isTrue();
        assertThat(pub.body()).doesNotContain(email.toLowerCase()).doesNotContain(phone);
        assertThat(pub.json().has("email")).isFalse();
        assertThat(pub.json().has("phone_number")).isFalse();

        // OAuth2 form login (as WeWork's original), with the e-mail in another case
        Response form = send("POST", "/api/auth/login", "application/x-www-form-urlencoded",
                "username=" + email.toUpperCase() + "&password=" + PASSWORD + "&grant_type=password");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.json().get("token_type").asText()).isEqualTo("bearer");
        assertThat(form.json().get("expires_in").asLong()).isEqualTo(3600);
        String token = form.json().get("access_token").asText();

        Response me = getAuthed("/api/auth/me", token);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json()).isEqualTo(user);

        // JSON login works too
        Response json = postJson("/api/auth/login", "{\"username\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(json.status()).isEqualTo(200);
        assertThat(getAuthed("/api/auth/me", json.json().get("access_token").asText()).json().get("id").asText())
                .isEqualTo(id);
    }

    @Test
    void profilesAreReadFromRedisFirstAndTheDatabaseOnAMiss() throws Exception {
        String[] user = registerAndLogin(uniqueEmail("cache"), PASSWORD);
        assertThat(patchJson("/api/auth/me", "{\"bio\":\"from the command\"}", user[1]).status()).isEqualTo(200);
        String key = "wework:identity:profile:" + user[0];
        long version = jdbc.queryForObject("SELECT version FROM users_view WHERE id = ?", Long.class, user[0]);
        // the inline projection wrote the entry after its commit, at the row's version
        assertThat(cachedBio(key)).isEqualTo("from the command");
        assertThat((String) redis.opsForHash().get(key, "s")).startsWith(version + "|");

        // Redis first: an entry at the row's version that differs from users_view is what the reads serve
        com.fasterxml.jackson.databind.node.ObjectNode entry = (com.fasterxml.jackson.databind.node.ObjectNode)
                JSON.readTree(((String) redis.opsForHash().get(key, "s")).substring((version + "|").length()));
        entry.put("bio", "only in redis");
        redis.opsForHash().put(key, "s", version + "|" + entry);
        assertThat(getAuthed("/api/auth/me", user[1]).json().get("bio").asText()).isEqualTo("only in redis");
        assertThat(get("/api/auth/users/" + user[0] + "/public").json().get("bio").asText()).isEqualTo("only in redis");
        assertThat(jdbc.queryForObject("SELECT bio FROM users_view WHERE id = ?", String.class, user[0]))
                .isEqualTo("from the command");

        // a miss reads users_view, then puts the entry back with the row's values and the configured TTL
        redis.delete(key);
        assertThat(getAuthed("/api/auth/me", user[1]).json().get("bio").asText()).isEqualTo("from the command");
        assertThat(cachedBio(key)).isEqualTo("from the command");
        assertThat(redis.getExpire(key)).isBetween(3500L, 3600L);

        // the next command marks, then overwrites the older entry; a reader never puts back an older row
        entry.put("bio", "stale in redis");
        redis.opsForHash().put(key, "s", version + "|" + entry);
        assertThat(patchJson("/api/auth/me", "{\"bio\":\"newer\"}", user[1]).status()).isEqualTo(200);
        assertThat(cachedBio(key)).isEqualTo("newer");
        assertThat(Long.parseLong((String) redis.opsForHash().get(key, "m"))).isEqualTo(version + 1);
        assertThat(getAuthed("/api/auth/me", user[1]).json().get("bio").asText()).isEqualTo("newer");
    }

    private String cachedBio(String key) throws Exception {
        String value = (String) redis.opsForHash().get(key, "s");
        return JSON.readTree(value.substring(value.indexOf('|') + 1)).get("bio").asText();
    }

    @Test
    void aPasswordLoginWorksWithThePhoneNumberOnceProved() throws Exception {
        String phone = uniquePhone();
        String email = uniqueEmail("by-phone");
        Response reg = postJson("/api/auth/register", "{\"email\":\"" + email + "\",\"password\":\""
                + PASSWORD + "\",\"phone_number\":\"" + phone + "\"}");
        assertThat(reg.status()).isEqualTo(201);
        String id = reg.json().get("id").asText();
        // a phone given at sign-up is no login until a code sent to it comes back
        Response unproved = postJson("/api/auth/login", "{\"username\":\"" + phone + "\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(unproved.status()).isEqualTo(401);
        assertThat(unproved.json().get("code").asText()).isEqualTo("bad_credentials");
        assertThat(postJson("/api/auth/request-otp", "{\"phone_number\":\"" + phone + "\"}").status()).isEqualTo(200);
        assertThat(postAuthed("/api/auth/me/phone/verify", "{\"phone_number\":\"" + phone + "\",\"code\":\""
                + io.wework.support.SmsGatewayStub.get().lastCodeFor(phone) + "\"}",
                loginJson(email, PASSWORD).get("access_token").asText()).status()).isEqualTo(200);

        Response json = postJson("/api/auth/login", "{\"username\":\"" + phone + "\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(json.status()).isEqualTo(200);
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(json.json().get("access_token").asText().split("\\.")[1]));
        assertThat(claims.get("sub").asText()).isEqualTo(id);
        Response form = send("POST", "/api/auth/login", "application/x-www-form-urlencoded",
                "username=" + phone + "&password=" + PASSWORD);
        assertThat(form.status()).isEqualTo(200);
        assertThat(getAuthed("/api/auth/me", form.json().get("access_token").asText()).json().get("id").asText()).isEqualTo(id);

        Response wrong = postJson("/api/auth/login", "{\"username\":\"" + phone + "\",\"password\":\"wrong-pass-1\"}");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("code").asText()).isEqualTo("bad_credentials");
    }

    @Test
    void unknownPublicProfilesAre404() {
        assertThat(get("/api/auth/users/0193f1b2-0000-7000-8000-000000000000/public").status()).isEqualTo(404);
        Response byName = get("/api/auth/users/username/nobody-here/public");
        assertThat(byName.status()).isEqualTo(404);
        assertThat(byName.header("Content-Type")).startsWith("application/problem+json");
        assertThat(byName.json().get("code").asText()).isEqualTo("user_not_found");
    }

    @Test
    void duplicateEmailIsAConflictWhateverItsCase() {
        String email = uniqueEmail("dup");
        registerAndLogin(email, PASSWORD);
        long before = eventCount();
        Response again = postJson("/api/auth/register",
                "{\"email\":\"" + email.toUpperCase() + "\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("email_taken");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void duplicatePhoneIsAConflict() {
        String phone = uniquePhone();
        Response first = postJson("/api/auth/register", "{\"email\":\"" + uniqueEmail("p1") + "\",\"password\":\""
                + PASSWORD + "\",\"phone_number\":\"" + phone + "\"}");
        assertThat(first.status()).isEqualTo(201);
        long before = eventCount();
        Response second = postJson("/api/auth/register", "{\"email\":\"" + uniqueEmail("p2") + "\",\"password\":\""
                + PASSWORD + "\",\"phone_number\":\"" + phone + "\"}");
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().get("code").asText()).isEqualTo("phone_taken");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void tenConcurrentRegistrationsOfOneEmailHaveExactlyOneWinner() throws Exception {
        String email = uniqueEmail("race");
        int n = 10;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return postJson("/api/auth/register", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Response> f : results) {
            statuses.add(f.get().status());
        }
        pool.shutdown();
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(n - 1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM identity_claims WHERE claim_type = 'EMAIL' AND claim_value = ?",
                Long.class, email)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%UserRegisteredEvent' "
                + "AND convert_from(payload, 'UTF8') LIKE ?", Long.class, "%\"" + email + "\"%")).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM users_view WHERE email = ?", Long.class, email)).isEqualTo(1);
    }

    @Test
    void aRoleSentToRegisterIsRefusedAndNothingIsStored() {
        long before = eventCount();
        Response r = postJson("/api/auth/register", "{\"email\":\"" + uniqueEmail("mass") + "\",\"password\":\""
                + PASSWORD + "\",\"role\":\"super_admin\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("code").asText()).isEqualTo("unknown_field");
        assertThat(eventCount()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"email\": \"a@b.io\", \"password\": ",                         // malformed JSON
            "{}",                                                            // missing fields
            "{\"password\":\"correct-horse-1\"}",                           // missing email
            "{\"email\": 12345, \"password\": \"correct-horse-1\"}",         // wrong type
            "{\"email\": \"a@b.io\", \"password\": [\"x\"]}",                // wrong type
            "{\"email\": \"not-an-email\", \"password\": \"correct-horse-1\"}", // invalid e-mail
            "{\"email\": \"a@b\", \"password\": \"correct-horse-1\"}",       // no domain
            "{\"email\": \"weak@b.io\", \"password\": \"short\"}",           // weak password
            "{\"email\": \"weak@b.io\", \"password\": \"onlyletters\"}",     // weak password
            "{\"email\": \"p@b.io\", \"password\": \"correct-horse-1\", \"phone_number\": \"12345\"}",
            "[1, 2, 3]",
            "null",
            "\"just a string\""
    })
    void badInputIsA400ProblemAndStoresNothing(String body) {
        long before = eventCount();
        Response r = postJson("/api/auth/register", body);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = r.json();
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("code").asText()).isNotBlank();
        assertThat(problem.get("detail").isTextual()).isTrue();
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void aTwoMegabyteBodyIsRefusedWith413() {
        long before = eventCount();
        String big = "{\"email\":\"big@b.io\",\"password\":\"correct-horse-1\",\"full_name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        Response r = postJson("/api/auth/register", big);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().get("code").asText()).isEqualTo("payload_too_large");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void aTwoMegabyteBodyWithoutDeclaredLengthIsAlso413() throws Exception {
        long before = eventCount();
        java.net.http.HttpRequest chunked = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + "/api/auth/register"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                        ("{\"email\":\"big@b.io\",\"password\":\"correct-horse-1\",\"full_name\":\""
                                + "x".repeat(2 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8))))
                .build();
        var response = java.net.http.HttpClient.newHttpClient().send(chunked, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void wrongContentTypeIs415() {
        Response r = send("POST", "/api/auth/register", "text/plain", "hello");
        assertThat(r.status()).isEqualTo(415);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void unknownUserAndWrongPasswordGetTheSameAnswer() {
        String email = uniqueEmail("enum");
        registerAndLogin(email, PASSWORD);
        Response wrong = postJson("/api/auth/login", "{\"username\":\"" + email + "\",\"password\":\"wrong-pass-1\"}");
        Response unknown = postJson("/api/auth/login", "{\"username\":\"" + uniqueEmail("ghost") + "\",\"password\":\"wrong-pass-1\"}");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.json().get("code")).isEqualTo(unknown.json().get("code"));
        assertThat(wrong.json().get("detail")).isEqualTo(unknown.json().get("detail"));
    }

    @Test
    void aLoginFormWithoutPasswordIs400() {
        Response r = send("POST", "/api/auth/login", "application/x-www-form-urlencoded", "username=a@b.io");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("code").asText()).isEqualTo("validation_failed");
    }

    @Test
    void badTokensAre401() {
        String[] user = registerAndLogin(uniqueEmail("tok"), PASSWORD);
        byte[] secret = JWT_SECRET.getBytes(StandardCharsets.UTF_8);
        String expired = new JwtService(secret, Duration.ofMinutes(5), "wework",
                Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC), roles).issueAccessToken(user[0], "user").token();
        String foreign = new JwtService("another-Kq8Wm3Xz7Lp2Rv5Nt9Bc4Hd6Jf1Gs0".getBytes(StandardCharsets.UTF_8),
                Duration.ofMinutes(5), "wework", Clock.systemUTC(), roles).issueAccessToken(user[0], "super_admin").token();
        String[] parts = user[1].split("\\.");
        String unsigned = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
        String tampered = parts[0] + "." + b64(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"role\":\"user\"", "\"role\":\"super_admin\"")) + "." + parts[2];

        assertThat(getAuthed("/api/auth/me", user[1]).status()).isEqualTo(200);
        for (String bad : List.of(expired, foreign, unsigned, tampered, "garbage", "a.b.c", "")) {
            Response r = getAuthed("/api/auth/me", bad);
            assertThat(r.status()).as("token %s", bad).isEqualTo(401);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(get("/api/auth/me").status()).isEqualTo(401);
        assertThat(get("/api/auth/me", "Authorization", "Basic dXNlcjpwYXNz").status()).isEqualTo(401);
        Response expiredAnswer = getAuthed("/api/auth/me", expired);
        assertThat(expiredAnswer.json().get("detail").asText()).isEqualTo("Token has expired");
    }

    @Test
    void aPublicEndpointIgnoresAStaleToken() {
        String[] user = registerAndLogin(uniqueEmail("stale"), PASSWORD);
        Response r = get("/api/auth/users/" + user[0] + "/public", "Authorization", "Bearer garbage");
        assertThat(r.status()).isEqualTo(200);
    }

    @Test
    void everyEventRecordsActorCorrelationAndClientAddress() throws Exception {
        String email = uniqueEmail("meta");
        Response reg = postJson("/api/auth/register", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}",
                "X-Request-Id", "req-meta-1");
        assertThat(reg.header("X-Request-Id")).isEqualTo("req-meta-1");
        String id = reg.json().get("id").asText();
        postJson("/api/auth/login", "{\"username\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}",
                "X-Request-Id", "req-meta-2");
        List<String> metadata = jdbc.queryForList("SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? ORDER BY sequence_number", String.class, id);
        assertThat(metadata).hasSize(3); // registered, logged in, session started
        JsonNode registered = JSON.readTree(metadata.get(0));
        assertThat(registered.get("actor_id").asText()).isEqualTo("anonymous");
        assertThat(registered.get("correlation_id").asText()).isEqualTo("req-meta-1");
        assertThat(registered.get("request_id").asText()).isEqualTo("req-meta-1");
        assertThat(registered.get("client_ip").asText()).isEqualTo("127.0.0.1");
        assertThat(registered.get("causation_id").asText()).isNotBlank();
        for (String login : metadata.subList(1, 3)) {
            JsonNode loggedIn = JSON.readTree(login);
            assertThat(loggedIn.get("actor_id").asText()).isEqualTo(id);
            assertThat(loggedIn.get("correlation_id").asText()).isEqualTo("req-meta-2");
            assertThat(loggedIn.get("client_ip").asText()).isEqualTo("127.0.0.1");
        }
        // stored events never hold a clear password
        assertThat(jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = ?",
                String.class, id)).noneMatch(p -> p.contains(PASSWORD));
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
