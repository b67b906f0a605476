package io.wework.platform.web.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.wework.platform.web.IdempotencyFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every error answer is RFC 9457 {@code application/problem+json} ({@link io.wework.platform.web.ProblemWriter},
 * {@link io.wework.platform.web.ProblemHandler}). This adds the {@code Problem} schema, the error
 * statuses that follow from an operation's shape (a body or constrained parameters: 400, 413, 415;
 * a path id: 404; a POST, which takes an {@code Idempotency-Key}: 409, 422; any operation: 503),
 * and gives every 4xx/5xx response, derived or declared by a feature's fragment, the problem
 * content and its headers ({@code WWW-Authenticate} on 401, {@code Retry-After} on 429 and 503).
 */
class ProblemResponses {

    static final String PROBLEM = "Problem";
    static final String PROBLEM_JSON = "application/problem+json";
    static final String RETRY_AFTER = "Retry-After";

    void apply(OpenAPI api) {
        Components components = api.getComponents();
        components.addSchemas(PROBLEM, problemSchema());
        components.addHeaders(RETRY_AFTER, new Header().required(true)
                .description("Seconds to wait before retrying").schema(new IntegerSchema().minimum(java.math.BigDecimal.ONE)));
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            derive(method, operation);
            complete(operation);
        }));
    }

    private static void derive(PathItem.HttpMethod method, Operation operation) {
        boolean body = operation.getRequestBody() != null;
        if (method == PathItem.HttpMethod.POST) {
            addIdempotencyKey(operation);
        }
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        if (body || parameters.stream().anyMatch(ProblemResponses::constrained)) {
            declare(operation, "400", body
                    ? "The body or a parameter is invalid (`validation_failed`, with `errors` listing the fields; "
                            + "`unknown_field`, `invalid_field`, `malformed_body`, `bad_request`)"
                    : "A parameter is invalid (`validation_failed`, `bad_request`)");
        }
        if (body) {
            declare(operation, "413", "The body is larger than the limit (`payload_too_large`)");
            declare(operation, "415", "The body is not of a type listed here (`unsupported_media_type`)");
        }
        if (parameters.stream().anyMatch(p -> "path".equals(p.getIn()))) {
            declare(operation, "404", "Nothing has this identifier (`…_not_found`)");
        }
        if (method == PathItem.HttpMethod.POST) {
            declare(operation, "409", "`idempotency_key_in_use`: a request with this `Idempotency-Key` is still running");
            declare(operation, "422", "`idempotency_key_reused`: this `Idempotency-Key` came with another request");
        }
        declare(operation, "503", "A backing service is unavailable (`dependency_unavailable`, or `database_unavailable` when PostgreSQL cannot be reached); retry after `Retry-After` seconds");
    }

    /** A parameter whose value can be refused: required, or anything but free text. */
    private static boolean constrained(Parameter parameter) {
        if ("path".equals(parameter.getIn())) {
            return !isFreeText(parameter.getSchema());
        }
        return Boolean.TRUE.equals(parameter.getRequired()) || !isFreeText(parameter.getSchema());
    }

    private static boolean isFreeText(Schema<?> schema) {
        return schema != null && "string".equals(schema.getType()) && schema.getFormat() == null
                && schema.getPattern() == null && schema.getEnum() == null && schema.getMaxLength() == null;
    }

    private static void addIdempotencyKey(Operation operation) {
        if (operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> IdempotencyFilter.HEADER.equalsIgnoreCase(p.getName()))) {
            return;
        }
        operation.addParametersItem(new HeaderParameter().name(IdempotencyFilter.HEADER).required(false)
                .description("Makes the POST safe to repeat: a successful (2xx) first answer is kept 24 h and repeated "
                        + "(header `Idempotent-Replayed: true`) for the same key and body; keys are the caller's own "
                        + "(an anonymous caller's are bound to the request's body); answers that carry tokens are "
                        + "never kept")
                .schema(new StringSchema().pattern("^[A-Za-z0-9._:-]{1,200}$")));
    }

    /** Adds an error response, or appends to the description of one already there. */
    static void declare(Operation operation, String status, String description) {
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        ApiResponse response = operation.getResponses().get(status);
        if (response == null) {
            operation.getResponses().addApiResponse(status, new ApiResponse().description(description));
        } else if (response.getDescription() == null || response.getDescription().isBlank()) {
            response.setDescription(description);
        } else if (!response.getDescription().contains(description)) {
            response.setDescription(response.getDescription() + "; " + description);
        }
    }

    /** Problem content and headers on every 4xx/5xx; the responses sorted by status. */
    private static void complete(Operation operation) {
        ApiResponses sorted = new ApiResponses();
        new TreeMap<>(operation.getResponses()).forEach((status, response) -> {
            if (status.startsWith("4") || status.startsWith("5")) {
                if (response.getDescription() == null || response.getDescription().isBlank()) {
                    org.springframework.http.HttpStatus known = org.springframework.http.HttpStatus.resolve(Integer.parseInt(status));
                    response.setDescription(known == null ? "Error" : known.getReasonPhrase());
                }
                Content content = response.getContent() == null ? new Content() : response.getContent();
                MediaType problem = content.getOrDefault(PROBLEM_JSON, new MediaType());
                problem.setSchema(new Schema<>().$ref(Components.COMPONENTS_SCHEMAS_REF + PROBLEM));
                Content only = new Content();
                only.addMediaType(PROBLEM_JSON, problem);
                response.setContent(only);
                if ("401".equals(status)) {
                    response.addHeaderObject("WWW-Authenticate", new Header().required(true)
                            .description("`Bearer`").schema(new StringSchema()));
                }
                if ("429".equals(status) || "503".equals(status)) {
                    response.addHeaderObject(RETRY_AFTER, new Header().$ref("#/components/headers/" + RETRY_AFTER));
                }
            }
            sorted.addApiResponse(status, response);
        });
        operation.setResponses(sorted);
    }

    private static Schema<?> problemSchema() {
        Schema<?> fieldError = new ObjectSchema()
                .addProperty("field", new StringSchema().description("The body field, snake_case"))
                .addProperty("message", new StringSchema())
                .required(List.of("field", "message"));
        Map<String, Schema> properties = new java.util.LinkedHashMap<>();
        properties.put("type", new StringSchema().format("uri").description("`https://wework.io/problems/<code>`"));
        properties.put("title", new StringSchema().description("The status's reason phrase"));
        properties.put("status", new IntegerSchema().description("The HTTP status"));
        properties.put("detail", new StringSchema().description("What went wrong, for people"));
        properties.put("instance", new StringSchema().format("uri-reference").description("The request path"));
        properties.put("code", new StringSchema().description("Stable machine-readable code, e.g. `email_taken`"));
        properties.put("errors", new ArraySchema().items(fieldError)
                .description("`validation_failed` on a body: one entry per refused field"));
        Schema<?> problem = new ObjectSchema().description("An RFC 9457 problem");
        problem.setProperties(properties);
        problem.setRequired(new ArrayList<>(List.of("type", "title", "status", "detail", "code")));
        return problem;
    }
}
