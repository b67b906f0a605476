package io.wework.platform.web.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The schemas springdoc resolves with the platform's converters and customizers, as in the application. */
class WireSchemasTest {

    record Progress(double percentDone) {
    }

    record Account(@NotBlank String userId, String fullName, boolean isActive, Long lastSequence, Instant createdAt,
                   Map<String, Object> payloadData, List<String> recentEvents, Progress replayProgress,
                   @Pattern(regexp = "^(?=.*\\p{L})(?=.*\\d).*$", message = "must contain a letter and a digit") String secretWord,
                   @Pattern(regexp = "^09\\d{9}$") String phoneNumber) {
    }


    @Test
    void propertiesAreNamedAsTheHttpObjectMapperWritesThem() {
        Map<String, Schema> schemas = resolve();
        assertThat(schemas.get("Account").getProperties()).containsOnlyKeys("user_id", "full_name", "is_active",
                "last_sequence", "created_at", "payload_data", "recent_events", "replay_progress", "secret_word",
                "phone_number");
        assertThat(schemas.get("Progress").getProperties()).containsOnlyKeys("percent_done");
    }

    @Test
    void referenceTypesAreNullableUnlessAConstraintForbidsNull() {
        Map<String, Schema> schemas = resolve();
        Map<String, Schema> account = schemas.get("Account").getProperties();
        assertThat(account.get("full_name").getNullable()).isTrue();
        assertThat(account.get("last_sequence").getNullable()).isTrue();
        assertThat(account.get("created_at").getNullable()).isTrue();
        assertThat(account.get("recent_events").getNullable()).isTrue();
        assertThat(account.get("user_id").getNullable()).as("@NotBlank").isNull();
        assertThat(account.get("is_active").getNullable()).as("primitive").isNull();
        assertThat(((Schema<?>) schemas.get("Progress").getProperties().get("percent_done")).getNullable()).isNull();

        assertThat(account.get("replay_progress").get$ref()).isEqualTo("#/components/schemas/Progress");
        assertThat(schemas.get("Progress").getNullable()).as("an object property may be null").isTrue();
        assertThat(schemas.get("Account").getNullable()).as("never a property").isNull();
    }

    @Test
    void aMapOfObjectsHoldsAnyJsonValues() {
        Schema<?> payload = (Schema<?>) resolve().get("Account").getProperties().get("payload_data");
        assertThat(payload.getType()).isEqualTo("object");
        assertThat(payload.getAdditionalProperties()).isEqualTo(Boolean.TRUE);
    }

    @Test
    void aJavaOnlyPatternIsSaidInWordsAndAPortableOneIsKept() {
        Map<String, Schema> schemas = resolve();
        Schema<?> secret = (Schema<?>) schemas.get("Account").getProperties().get("secret_word");
        assertThat(secret.getPattern()).isNull();
        assertThat(secret.getDescription()).startsWith("Must contain a letter and a digit.")
                .contains("`^(?=.*\\p{L})(?=.*\\d).*$`");
        assertThat(((Schema<?>) schemas.get("Account").getProperties().get("phone_number")).getPattern())
                .isEqualTo("^09\\d{9}$");
    }

    @Test
    void aJavaOnlyPatternLeftAnywhereInTheDocumentIsSaidInWords() {
        Schema<?> parameter = new io.swagger.v3.oas.models.media.StringSchema().pattern("^\\p{Lu}+$");
        OpenAPI api = new OpenAPI().components(new Components()).paths(new io.swagger.v3.oas.models.Paths()
                .addPathItem("/api/things", new io.swagger.v3.oas.models.PathItem().get(new io.swagger.v3.oas.models.Operation()
                        .addParametersItem(new io.swagger.v3.oas.models.parameters.QueryParameter().name("code")
                                .schema(parameter)))));
        PortablePatterns.apply(api);
        assertThat(parameter.getPattern()).isNull();
        assertThat(parameter.getDescription()).contains("`^\\p{Lu}+$`");
    }

    /** The converters in the order the application chains them (each added in front of the previous). */
    private static Map<String, Schema> resolve() {
        ModelConverters converters = new ModelConverters(false);
        converters.addConverter(new WireModelResolver(new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).findAndRegisterModules()));
        converters.addConverter(new AnyJsonValue());
        converters.addConverter(new NullableProperties());
        return converters.resolveAsResolvedSchema(new AnnotatedType(Account.class).resolveAsRef(true)).referencedSchemas;
    }
}
