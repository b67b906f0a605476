package io.wework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import io.wework.support.IntegrationTest;
import io.wework.support.SmsGatewayStub;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The served OpenAPI document ({@code /v3/api-docs}) describes the API as it answers: real answers of
 * the running application, and the document's own examples, are validated against it with Atlassian's
 * OpenAPI validator (status, content type, headers, body against the schema of that operation and
 * status; properties the schema does not name are errors), and the document's property names,
 * security and error statuses are checked against what the code does.
 */
class OpenApiDocumentIT extends IntegrationTest {

    private static final String PASSWORD = "correct-horse-7";
    private static final Set<String> PUBLIC_OPERATIONS = Set.of("POST /api/auth/register", "POST /api/auth/login",
            "POST /api/auth/login-otp", "POST /api/auth/request-otp", "POST /api/auth/refresh",
            "GET /api/auth/users/{id}/public", "GET /api/auth/users/username/{username}/public");

    private static JsonNode document;
    private static OpenApiInteractionValidator validator;

    @BeforeEach
    void loadTheServedDocument() {
        if (document == null) {
            Response served = get("/v3/api-docs");
            assertThat(served.status()).as(served.body()).isEqualTo(200);
            validator = OpenApiInteractionValidator.createForInlineApiSpecification(served.body()).build();
            document = served.json();
        }
    }

    @Test
    void everySchemaPropertyIsNamedAsOnTheWire() {
        List<String> camel = new ArrayList<>();
        collectPropertyNames(document, "", camel);
        assertThat(camel).as("schema properties with an upper-case letter").isEmpty();
        assertThat(document.at("/components/schemas/UserView/properties").has("is_active")).isTrue();
        assertThat(document.at("/components/schemas/TokenResponse/properties").has("access_token")).isTrue();
        assertThat(document.at("/components/schemas/UserStatsView/properties").has("active_users")).isTrue();
    }

    @Test
    void bearerSecurityFollowsTheSecurityFilterChain() {
        assertThat(document.at("/components/securitySchemes/bearerAuth/scheme").asText()).isEqualTo("bearer");
        assertThat(document.at("/components/securitySchemes/bearerAuth/bearerFormat").asText()).isEqualTo("JWT");
        assertThat(document.has("security")).as("no document-wide requirement").isFalse();
        List<String> operations = operations();
        assertThat(operations).containsAll(PUBLIC_OPERATIONS);
        for (String operation : operations) {
            JsonNode op = operation(operation);
            if (PUBLIC_OPERATIONS.contains(operation)) {
                assertThat(op.has("security")).as(operation + " is public").isFalse();
            } else {
                assertThat(op.at("/security/0").has("bearerAuth")).as(operation + " needs a bearer token").isTrue();
                assertThat(op.at("/responses").has("401")).as(operation + " answers 401").isTrue();
            }
            boolean admin = operation.contains(" /api/admin/") || operation.contains(" /api/events/");
            assertThat(op.at("/responses").has("403")).as(operation + " answers 403 only when role-guarded or refused "
                    + "by a rule").isEqualTo(admin || operation.equals("POST /api/auth/login")
                    || operation.equals("POST /api/auth/login-otp"));
        }
    }

    @Test
    void errorStatusesAreThoseTheOperationCanAnswer() {
        assertThat(statuses("GET /api/auth/me")).containsExactly("200", "401", "503");
        assertThat(statuses("GET /api/auth/users/{id}/public")).containsExactly("200", "404", "503");
        assertThat(statuses("POST /api/auth/register"))
                .containsExactly("201", "400", "409", "413", "415", "422", "429", "503");
        assertThat(statuses("PATCH /api/auth/me")).containsExactly("200", "400", "401", "409", "413", "415", "503");
        assertThat(statuses("GET /api/admin/users")).containsExactly("200", "400", "401", "403", "503");
        assertThat(statuses("POST /api/auth/login")).contains("401", "403", "429").doesNotContain("404");
        assertThat(statuses("POST /api/auth/request-otp")).contains("429").doesNotContain("401", "404");
        assertThat(statuses("POST /api/auth/me/password")).contains("400", "401", "429");
        assertThat(statuses("GET /api/admin/stats")).doesNotContain("400", "404");
        for (String operation : operations()) {
            operation(operation).get("responses").fields().forEachRemaining(entry -> {
                int status = Integer.parseInt(entry.getKey());
                JsonNode response = entry.getValue();
                assertThat(response.at("/headers/X-Request-Id").isMissingNode()).as(operation + " " + status).isFalse();
                if (status >= 400) {
                    assertThat(fieldNames(response.get("content"))).as(operation + " " + status)
                            .containsExactly("application/problem+json");
                    assertThat(response.at("/content/application~1problem+json/schema/$ref").asText())
                            .isEqualTo("#/components/schemas/Problem");
                }
                if (status == 429 || status == 503) {
                    assertThat(response.at("/headers/Retry-After/$ref").asText()).as(operation + " " + status)
                            .isEqualTo("#/components/headers/Retry-After");
                }
            });
        }
        assertThat(document.at("/components/headers/Retry-After/required").asBoolean()).isTrue();
        assertThat(fieldNames(document.at("/components/schemas/Problem/properties")))
                .containsExactly("type", "title", "status", "detail", "instance", "code", "errors");
    }

    @Test
    void realAnswersMatchTheDocument() {
        String email = uniqueEmail("openapi");
        String phone = uniquePhone();
        Response registered = exchange(true, "POST", "/api/auth/register", "application/json",
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"full_name\":\"Ali Rezaei\",\"phone_number\":\""
                        + phone + "\"}");
        assertThat(registered.status()).isEqualTo(201);
        String id = registered.json().get("id").asText();
        assertThat(registered.json().get("username").isNull()).isTrue();

        assertThat(exchange(false, "POST", "/api/auth/register", "application/json",
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}").status()).isEqualTo(409);
        Response weak = exchange(false, "POST", "/api/auth/register", "application/json",
                "{\"email\":\"" + uniqueEmail("weak") + "\",\"password\":\"short\"}");
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.json().get("errors")).isNotEmpty();
        assertThat(exchange(false, "POST", "/api/auth/register", "application/json",
                "{\"email\":\"" + uniqueEmail("role") + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"admin\"}").status())
                .isEqualTo(400);
        assertThat(exchange(false, "POST", "/api/auth/register", "text/plain", "hello").status()).isEqualTo(415);
        assertThat(exchange(false, "POST", "/api/auth/register", "application/json", "{\"email\":\"a@b.io\"}",
                "Idempotency-Key", "not a valid key!").status()).isEqualTo(400);

        Response login = exchange(true, "POST", "/api/auth/login", "application/json",
                "{\"username\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(login.status()).isEqualTo(200);
        String token = login.json().get("access_token").asText();
        String refreshToken = login.json().get("refresh_token").asText();
        assertThat(exchange(true, "POST", "/api/auth/login", "application/x-www-form-urlencoded",
                "username=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password=" + PASSWORD).status())
                .isEqualTo(200);
        assertThat(exchange(false, "POST", "/api/auth/login", "application/json",
                "{\"username\":\"" + email + "\",\"password\":\"wrong-password-1\"}").status()).isEqualTo(401);

        Response me = exchange(true, "GET", "/api/auth/me", null, null, "Authorization", "Bearer " + token);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("phone_number").asText()).isEqualTo(phone);
        assertThat(exchange(false, "GET", "/api/auth/me", null, null).status()).isEqualTo(401);
        assertThat(exchange(false, "GET", "/api/auth/me", null, null, "Authorization", "Bearer not.a.jwt").status())
                .isEqualTo(401);

        String username = "oa" + id.replace("-", "").substring(20);
        Response patched = exchange(true, "PATCH", "/api/auth/me", "application/json",
                "{\"username\":\"" + username + "\",\"bio\":\"Backend developer\"}", "Authorization", "Bearer " + token);
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("username").asText()).isEqualTo(username);
        String[] other = registerAndLogin(uniqueEmail("other"), PASSWORD);
        assertThat(exchange(false, "PATCH", "/api/auth/me", "application/json", "{\"username\":\"" + username + "\"}",
                "Authorization", "Bearer " + other[1]).status()).isEqualTo(409);
        assertThat(exchange(true, "GET", "/api/auth/me/history", null, null, "Authorization", "Bearer " + token).status())
                .isEqualTo(200);

        Response refreshed = exchange(true, "POST", "/api/auth/refresh", "application/json",
                "{\"refresh_token\":\"" + refreshToken + "\"}");
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(exchange(false, "POST", "/api/auth/refresh", "application/json",
                "{\"refresh_token\":\"" + refreshToken + "\"}").status()).isEqualTo(401);

        assertThat(exchange(true, "GET", "/api/auth/users/" + id + "/public", null, null).status()).isEqualTo(200);
        assertThat(exchange(true, "GET", "/api/auth/users/username/" + username + "/public", null, null).status())
                .isEqualTo(200);
        assertThat(exchange(false, "GET", "/api/auth/users/0192f5c3-7a1e-7b3c-9d4e-000000000000/public", null, null)
                .status()).isEqualTo(404);

        String root = "Bearer " + rootToken();
        Response users = exchange(true, "GET", "/api/admin/users?limit=5&is_active=true", null, null, "Authorization", root);
        assertThat(users.status()).isEqualTo(200);
        assertThat(users.json().get("items")).isNotEmpty();
        // a plain user's live token (the first user's session was revoked above by its replayed refresh token)
        assertThat(exchange(false, "GET", "/api/admin/users", null, null, "Authorization", "Bearer " + other[1]).status())
                .isEqualTo(403);
        assertThat(exchange(false, "GET", "/api/admin/users?limit=500", null, null, "Authorization", root).status())
                .isEqualTo(400);
        assertThat(exchange(false, "GET", "/api/admin/users?limit=many", null, null, "Authorization", root).status())
                .isEqualTo(400);
        assertThat(exchange(true, "GET", "/api/admin/stats", null, null, "Authorization", root).status()).isEqualTo(200);
        assertThat(exchange(true, "GET", "/api/admin/projections", null, null, "Authorization", root).status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                getAuthed("/api/admin/audit?aggregate_id=" + id, root.substring(7)).json().get("total").asInt() > 0);
        assertThat(exchange(true, "GET", "/api/admin/audit?aggregate_id=" + id + "&limit=5", null, null,
                "Authorization", root).status()).isEqualTo(200);
        assertThat(exchange(true, "GET", "/api/admin/users/" + id + "/as-of?at=" + Instant.now().plusSeconds(5), null, null,
                "Authorization", root).status()).isEqualTo(200);
        assertThat(exchange(true, "PATCH", "/api/admin/users/" + other[0], "application/json", "{\"is_active\":false}",
                "Authorization", root).status()).isEqualTo(200);
        assertThat(exchange(false, "PATCH", "/api/admin/users/0192f5c3-7a1e-7b3c-9d4e-000000000000", "application/json",
                "{\"is_active\":false}", "Authorization", root).status()).isEqualTo(404);

        String live = loginJson(email, PASSWORD).get("access_token").asText(); // the first session was revoked above
        assertThat(exchange(true, "POST", "/api/auth/logout", null, null, "Authorization", "Bearer " + live).status())
                .isEqualTo(204);
    }

    @Test
    void otpAnswersIncludingTheRateLimitMatchTheDocument() {
        String phone = uniquePhone();
        String request = "{\"phone_number\":\"" + phone + "\",\"full_name\":\"Sara Ahmadi\"}";
        Response sent = exchange(true, "POST", "/api/auth/request-otp", "application/json", request);
        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.json().get("is_new_user").asBoolean()).isTrue();
        Response limited = exchange(true, "POST", "/api/auth/request-otp", "application/json", request);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isNotNull();
        String code = SmsGatewayStub.get().lastCodeFor(phone);
        String wrong = code.equals("000000") ? "111111" : "000000";
        assertThat(exchange(false, "POST", "/api/auth/login-otp", "application/json",
                "{\"phone_number\":\"" + phone + "\",\"code\":\"" + wrong + "\"}").status()).isEqualTo(401);
        Response tokens = exchange(true, "POST", "/api/auth/login-otp", "application/json",
                "{\"phone_number\":\"" + phone + "\",\"code\":\"" + code + "\"}");
        assertThat(tokens.status()).isEqualTo(200);
        Response me = exchange(true, "GET", "/api/auth/me", null, null,
                "Authorization", "Bearer " + tokens.json().get("access_token").asText());
        assertThat(me.json().get("email").isNull()).as("a phone-only account").isTrue();
    }

    @Test
    void theDocumentsExamplesMatchItsSchemas() {
        int checked = 0;
        for (String operation : operations()) {
            String method = operation.substring(0, operation.indexOf(' '));
            String path = operation.substring(operation.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "x");
            JsonNode op = operation(operation);
            Iterator<Map.Entry<String, JsonNode>> bodies = op.at("/requestBody/content").fields();
            while (bodies.hasNext()) {
                Map.Entry<String, JsonNode> body = bodies.next();
                if (body.getValue().has("example")) {
                    SimpleRequest.Builder request = new SimpleRequest.Builder(method, path)
                            .withContentType(body.getKey()).withBody(encode(body.getKey(), body.getValue().get("example")));
                    if (op.has("security")) {
                        request.withAuthorization("Bearer example");
                    }
                    assertValid(validator.validateRequest(request.build()), operation + " request " + body.getKey());
                    checked++;
                }
            }
            Iterator<Map.Entry<String, JsonNode>> responses = op.get("responses").fields();
            while (responses.hasNext()) {
                Map.Entry<String, JsonNode> response = responses.next();
                Iterator<Map.Entry<String, JsonNode>> contents = response.getValue().path("content").fields();
                while (contents.hasNext()) {
                    Map.Entry<String, JsonNode> content = contents.next();
                    if (content.getValue().has("example")) {
                        SimpleResponse.Builder answer = SimpleResponse.Builder.status(Integer.parseInt(response.getKey()))
                                .withContentType(content.getKey()).withBody(content.getValue().get("example").toString())
                                .withHeader("X-Request-Id", "example").withHeader("Retry-After", "5")
                                .withHeader("WWW-Authenticate", "Bearer");
                        assertValid(validator.validateResponse(path, Request.Method.valueOf(method), answer.build()),
                                operation + " " + response.getKey() + " example");
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).as("examples checked").isGreaterThanOrEqualTo(15);
    }

    /** Sends the request, then validates the answer (and, for a request meant to be valid, the request). */
    private Response exchange(boolean validRequest, String method, String pathAndQuery, String contentType, String body,
                              String... headers) {
        Response response = send(method, pathAndQuery, contentType, body, headers);
        String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
        SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.status());
        response.headers().forEach((name, values) -> {
            if (!name.startsWith(":")) {
                answer.withHeader(name, values);
            }
        });
        if (!response.body().isEmpty()) {
            answer.withBody(response.body());
        }
        String what = method + " " + pathAndQuery + " → " + response.status() + " " + response.body();
        assertValid(validator.validateResponse(path, Request.Method.valueOf(method), answer.build()), what);
        if (validRequest) {
            SimpleRequest.Builder request = new SimpleRequest.Builder(method, path);
            if (pathAndQuery.contains("?")) {
                for (String pair : pathAndQuery.substring(pathAndQuery.indexOf('?') + 1).split("&")) {
                    String[] kv = pair.split("=", 2);
                    request.withQueryParam(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
                }
            }
            if (contentType != null) {
                request.withContentType(contentType);
            }
            if (body != null) {
                request.withBody(body);
            }
            for (int i = 0; i + 1 < headers.length; i += 2) {
                request.withHeader(headers[i], headers[i + 1]);
            }
            assertValid(validator.validateRequest(request.build()), "request " + what);
        }
        return response;
    }

    private static void assertValid(ValidationReport report, String what) {
        assertThat(report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> m.getKey() + ": " + m.getMessage()).collect(Collectors.toList()))
                .as(what).isEmpty();
    }

    private static String encode(String mediaType, JsonNode example) {
        if (!mediaType.equals("application/x-www-form-urlencoded")) {
            return example.toString();
        }
        List<String> pairs = new ArrayList<>();
        example.fields().forEachRemaining(f -> pairs.add(f.getKey() + "="
                + URLEncoder.encode(f.getValue().asText(), StandardCharsets.UTF_8)));
        return String.join("&", pairs);
    }

    private static List<String> operations() {
        List<String> operations = new ArrayList<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method ->
                operations.add(method.toUpperCase() + " " + path.getKey())));
        return operations;
    }

    private static JsonNode operation(String operation) {
        String method = operation.substring(0, operation.indexOf(' ')).toLowerCase();
        JsonNode op = document.get("paths").path(operation.substring(operation.indexOf(' ') + 1)).path(method);
        assertThat(op.isMissingNode()).as(operation + " is in the document").isFalse();
        return op;
    }

    private static Set<String> statuses(String operation) {
        return new TreeSet<>(fieldNames(operation(operation).get("responses")));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Every key of every {@code properties} object anywhere in the document, where it has an upper-case letter. */
    private static void collectPropertyNames(JsonNode node, String at, List<String> camel) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals("properties") && field.getValue().isObject()) {
                    field.getValue().fieldNames().forEachRemaining(name -> {
                        if (!name.equals(name.toLowerCase())) {
                            camel.add(at + "/" + name);
                        }
                    });
                }
                collectPropertyNames(field.getValue(), at + "/" + field.getKey(), camel);
            });
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                collectPropertyNames(item, at, camel);
            }
        }
    }
}
