package io.wework.platform.web.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.wework.platform.web.RequestContext;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Turns springdoc's reading of the controllers into the document of the API as it answers. In
 * order: JSON answers say {@code application/json} (springdoc writes any type) and event streams
 * carry text; tags follow the path ({@code /api/auth/…} → {@code auth}); any Java-only regular
 * expression left becomes words; the features' fragments are merged;
 * security and error responses are derived; every answer's {@code X-Request-Id} header is listed;
 * component schemas nothing refers to any more are dropped.
 */
class WireDocument implements OpenApiCustomizer {

    private static final String ANY = "*/*";
    private static final String EVENT_STREAM = "text/event-stream";
    private static final Pattern API_AREA = Pattern.compile("^/api/([^/{]+)");
    private static final Pattern SCHEMA_REF = Pattern.compile("^" + Pattern.quote(Components.COMPONENTS_SCHEMAS_REF) + "(.+)$");

    private final OpenApiFragments fragments;
    private final AccessRequirements access;
    private final ProblemResponses problems;

    WireDocument(OpenApiFragments fragments, AccessRequirements access, ProblemResponses problems) {
        this.fragments = fragments;
        this.access = access;
        this.problems = problems;
    }

    @Override
    public void customise(OpenAPI api) {
        api.info(new Info().title("WeWork API").version("1")
                .description("Accounts with JWT and role-based access on an event-sourced backend. JSON is snake_case; "
                        + "every error is RFC 9457 `application/problem+json` with a stable `code`."));
        if (api.getComponents() == null) {
            api.setComponents(new Components());
        }
        eachOperation(api, (path, operation) -> {
            jsonAnswers(operation);
            Matcher area = API_AREA.matcher(path);
            if (area.find()) {
                operation.setTags(List.of(area.group(1)));
            }
        });
        PortablePatterns.apply(api);
        fragments.merge(api);
        access.apply(api);
        problems.apply(api);
        api.getComponents().addHeaders(RequestContext.REQUEST_ID_HEADER, new Header().required(true)
                .description("The request's id (taken from the request when well-formed, else generated)")
                .schema(new StringSchema()));
        eachOperation(api, (path, operation) -> operation.getResponses().values().forEach(response ->
                response.addHeaderObject(RequestContext.REQUEST_ID_HEADER,
                        new Header().$ref("#/components/headers/" + RequestContext.REQUEST_ID_HEADER))));
        dropUnusedSchemas(api);
    }

    private static void eachOperation(OpenAPI api, BiConsumer<String, Operation> action) {
        if (api.getPaths() != null) {
            api.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> action.accept(path, operation)));
        }
    }

    private static void jsonAnswers(Operation operation) {
        if (operation.getResponses() == null) {
            return;
        }
        operation.getResponses().values().forEach(response -> {
            Content content = response.getContent();
            if (content == null) {
                return;
            }
            MediaType any = content.remove(ANY);
            if (any != null) {
                content.addMediaType(org.springframework.http.MediaType.APPLICATION_JSON_VALUE, any);
            }
            MediaType stream = content.get(EVENT_STREAM);
            if (stream != null) {
                stream.setSchema(new StringSchema().description("Server-Sent Events"));
            }
        });
    }

    /** Keeps the component schemas reachable from the paths and the other components. */
    private static void dropUnusedSchemas(OpenAPI api) {
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        if (schemas == null) {
            return;
        }
        Map<String, Schema> kept = schemas;
        api.getComponents().setSchemas(null);
        Set<String> reachable = new HashSet<>();
        Deque<JsonNode> pending = new ArrayDeque<>();
        pending.add(Json.mapper().valueToTree(api));
        while (!pending.isEmpty()) {
            for (JsonNode ref : pending.pop().findValues("$ref")) {
                Matcher name = SCHEMA_REF.matcher(ref.asText());
                if (name.matches() && reachable.add(name.group(1)) && kept.get(name.group(1)) != null) {
                    pending.add(Json.mapper().valueToTree(kept.get(name.group(1))));
                }
            }
        }
        kept.keySet().retainAll(reachable);
        api.getComponents().setSchemas(kept);
    }
}
