package io.wework.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Base of the HTTP integration tests: the whole application on a random port, against a real
 * PostgreSQL and a real Redis started in-process (clean, under target/). All subclasses share one
 * Spring context, hence one pair of servers.
 */
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "wework.embedded.clean=true",
        "wework.embedded.data-dir=target/embedded-it",
        "wework.security.jwt.secret=" + IntegrationTest.JWT_SECRET,
        "wework.security.bcrypt-strength=4",
        "wework.security.login.max-failures-per-address=20",
        "wework.security.registration.max-per-address=60",
        "wework.snapshots.user-threshold=5",
        "wework.bootstrap.admin-email=" + IntegrationTest.ROOT_EMAIL,
        "wework.bootstrap.admin-password=" + IntegrationTest.ROOT_PASSWORD,
        "wework.sms.provider=wecan",
        "WECAN_TOKEN=stub-token",
        "WECAN_FROM_NUMBER=3000",
        "WECAN_OTP_TEMPLATE_ID=otp-1"
})
public abstract class IntegrationTest {

    /** A real key, as `openssl rand -base64 32` makes them (the service refuses anything weaker). */
    public static final String JWT_SECRET = "8ff59b20a8511f7c87713510fe071d6d432413fe6be5fe0e114609bf5b3af931";
    public static final String ROOT_EMAIL = "root@wework.test";
    public static final String ROOT_PASSWORD = "root-password-12345";

    @org.springframework.test.context.DynamicPropertySource
    static void smsGateway(org.springframework.test.context.DynamicPropertyRegistry registry) {
        registry.add("WECAN_REST_URL", () -> SmsGatewayStub.get().url());
    }

    @Autowired
    protected org.springframework.data.redis.core.StringRedisTemplate redis;

    protected static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    @BeforeEach
    void resetPerAddressLimits() {
        jdbc.queryForObject("SELECT 1", Integer.class);
        // every test client is 127.0.0.1: start each test with fresh per-address counters
        redis.delete(java.util.List.of("wework:auth:login-fail:ip:127.0.0.1", "wework:otp:ip:127.0.0.1",
                "wework:auth:password-fail:ip:127.0.0.1", "wework:auth:register:ip:127.0.0.1"));
        SmsGatewayStub.get().failWith(0);
    }

    public record Response(int status, Map<String, java.util.List<String>> headers, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }
    }

    protected Response send(String method, String path, String contentType, String body, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(method + " " + path + " failed", e);
        }
    }

    protected Response postJson(String path, String body, String... headers) {
        return send("POST", path, "application/json", body, headers);
    }

    protected Response get(String path, String... headers) {
        return send("GET", path, null, null, headers);
    }

    protected Response getAuthed(String path, String token) {
        return get(path, "Authorization", "Bearer " + token);
    }

    protected long eventCount() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    protected static String uniqueEmail(String prefix) {
        return prefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    protected static String uniquePhone() {
        return "09" + String.format("%09d", (long) (Math.random() * 1_000_000_000L));
    }

    protected Response patchJson(String path, String body, String token) {
        return send("PATCH", path, "application/json", body, "Authorization", "Bearer " + token);
    }

    protected Response postAuthed(String path, String body, String token) {
        return send("POST", path, "application/json", body, "Authorization", "Bearer " + token);
    }

    protected JsonNode loginJson(String username, String password) {
        Response login = postJson("/api/auth/login", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
        if (login.status() != 200) {
            throw new AssertionError("login: " + login.status() + " " + login.body());
        }
        return login.json();
    }

    protected String rootToken() {
        return loginJson(ROOT_EMAIL, ROOT_PASSWORD).get("access_token").asText();
    }

    /** Registers a user and returns {@code [id, accessToken]}. */
    protected String[] registerAndLogin(String email, String password) {
        Response reg = postJson("/api/auth/register",
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"full_name\":\"Test User\"}");
        if (reg.status() != 201) {
            throw new AssertionError("register: " + reg.status() + " " + reg.body());
        }
        Response login = postJson("/api/auth/login", "{\"username\":\"" + email + "\",\"password\":\"" + password + "\"}");
        if (login.status() != 200) {
            throw new AssertionError("login: " + login.status() + " " + login.body());
        }
        return new String[] {reg.json().get("id").asText(), login.json().get("access_token").asText()};
    }
}
