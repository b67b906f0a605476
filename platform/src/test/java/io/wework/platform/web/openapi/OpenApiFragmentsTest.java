package io.wework.platform.web.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;

class OpenApiFragmentsTest {

    @Test
    void aFragmentAddsExamplesAndDeclaredErrorsToTheServedOperation() {
        OpenAPI api = servedApi();
        fragments("good").merge(api);

        Operation post = api.getPaths().get("/api/users").getPost();
        assertThat(post.getSummary()).isEqualTo("Create a user");
        assertThat(post.getRequestBody().getContent().get("application/json").getExample())
                .isEqualTo(Map.of("full_name", "Ali Rezaei"));
        assertThat(post.getResponses().get("201").getContent().get("application/json").getExample())
                .isEqualTo(Map.of("id", "u-1", "full_name", "Ali Rezaei"));
        assertThat(post.getResponses().get("201").getContent().get("application/json").getSchema().get$ref())
                .as("the schema springdoc read stays").isEqualTo("#/components/schemas/UserView");
        assertThat(post.getResponses().get("429").getDescription()).isEqualTo("`too_many_requests`");
        assertThat(post.getResponses().get("429").getContent().get("application/problem+json").getExample())
                .isEqualTo(Map.of("code", "too_many_requests"));
    }

    @Test
    void aFragmentCannotDescribeWhatTheApplicationDoesNotServe() {
        assertThatThrownBy(() -> fragments("unknown-path").merge(servedApi()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("/api/people");
        assertThatThrownBy(() -> fragments("unknown-method").merge(servedApi()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("DELETE /api/users");
        assertThatThrownBy(() -> fragments("unanswered-status").merge(servedApi()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("answers no 200");
        assertThatThrownBy(() -> fragments("unknown-media-type").merge(servedApi()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("application/xml");
    }

    private static OpenApiFragments fragments(String folder) {
        return new OpenApiFragments(new DefaultResourceLoader(), "classpath*:openapi-fragments/" + folder + "/*.yaml");
    }

    /** What springdoc read: {@code POST /api/users} taking and answering JSON. */
    private static OpenAPI servedApi() {
        Operation post = new Operation()
                .requestBody(new RequestBody().content(new Content().addMediaType("application/json",
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/UserRequest")))))
                .responses(new ApiResponses().addApiResponse("201", new ApiResponse().description("Created")
                        .content(new Content().addMediaType("application/json",
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/UserView"))))));
        return new OpenAPI().paths(new Paths().addPathItem("/api/users", new PathItem().post(post)));
    }
}
