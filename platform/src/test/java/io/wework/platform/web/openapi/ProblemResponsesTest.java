package io.wework.platform.web.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.PathParameter;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.junit.jupiter.api.Test;

/** The error statuses that follow from an operation's shape, and the problem content every error gets. */
class ProblemResponsesTest {

    @Test
    void aPostWithABodyMayBeRefusedForItsBodyItsSizeItsTypeAndItsIdempotencyKey() {
        Operation post = ok().requestBody(new RequestBody().content(new Content().addMediaType("application/json",
                new MediaType().schema(new StringSchema()))));
        apply("/api/things", PathItem.HttpMethod.POST, post);
        assertThat(post.getResponses()).containsOnlyKeys("200", "400", "409", "413", "415", "422", "503");
        assertThat(post.getParameters()).anySatisfy(p -> {
            assertThat(p.getName()).isEqualTo("Idempotency-Key");
            assertThat(p.getIn()).isEqualTo("header");
        });
        assertThat(post.getResponses().get("503").getHeaders()).containsKey("Retry-After");
        assertThat(post.getResponses().get("400").getContent()).containsOnlyKeys("application/problem+json");
        assertThat(post.getResponses().get("400").getContent().get("application/problem+json").getSchema().get$ref())
                .isEqualTo("#/components/schemas/Problem");
    }

    @Test
    void aReadAnswers400OnlyForParametersItCanRefuseAnd404ForAPathId() {
        Operation freeText = ok().addParametersItem(new QueryParameter().name("search").schema(new StringSchema()));
        apply("/api/things", PathItem.HttpMethod.GET, freeText);
        assertThat(freeText.getResponses()).containsOnlyKeys("200", "503");

        Operation paged = ok().addParametersItem(new QueryParameter().name("limit").schema(new IntegerSchema()));
        apply("/api/things", PathItem.HttpMethod.GET, paged);
        assertThat(paged.getResponses()).containsOnlyKeys("200", "400", "503");

        Operation byId = ok().addParametersItem(new PathParameter().name("id").schema(new StringSchema()));
        apply("/api/things/{id}", PathItem.HttpMethod.GET, byId);
        assertThat(byId.getResponses()).containsOnlyKeys("200", "404", "503");
    }

    @Test
    void aDeclaredErrorKeepsItsWordsAndGetsTheProblemContentAndHeaders() {
        Operation get = ok();
        ProblemResponses.declare(get, "429", "`too_many_requests`");
        get.getResponses().addApiResponse("410", new ApiResponse());
        apply("/api/things", PathItem.HttpMethod.GET, get);
        assertThat(get.getResponses().get("429").getDescription()).isEqualTo("`too_many_requests`");
        assertThat(get.getResponses().get("429").getHeaders().get("Retry-After").get$ref())
                .isEqualTo("#/components/headers/Retry-After");
        assertThat(get.getResponses().get("410").getDescription()).as("an error is never left undescribed").isEqualTo("Gone");
        assertThat(get.getResponses().get("410").getContent()).containsOnlyKeys("application/problem+json");
        assertThat(get.getResponses().get("200").getContent()).containsOnlyKeys("application/json");
    }

    private static Operation ok() {
        return new Operation().responses(new ApiResponses().addApiResponse("200", new ApiResponse().description("OK")
                .content(new Content().addMediaType("application/json", new MediaType().schema(new StringSchema())))));
    }

    private static void apply(String path, PathItem.HttpMethod method, Operation operation) {
        PathItem item = new PathItem();
        item.operation(method, operation);
        OpenAPI api = new OpenAPI().components(new Components()).paths(new Paths().addPathItem(path, item));
        new ProblemResponses().apply(api);
        assertThat(api.getComponents().getSchemas()).containsKey("Problem");
    }
}
