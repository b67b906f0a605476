package io.wework.platform.web.openapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.jackson.ModelResolver;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ResourceLoader;
import org.springframework.security.web.access.WebInvocationPrivilegeEvaluator;

/**
 * The served OpenAPI document ({@code /v3/api-docs}) describes the API as it answers: schemas
 * named by the application's own {@link ObjectMapper} (snake_case), errors as problem+json,
 * bearer security where the security filter chain asks for it, and what the code cannot tell
 * springdoc (domain error statuses, examples) from the features' {@code openapi/*.yaml} fragments.
 *
 * <p>The model converters are ordered: springdoc adds each one in front of those added before, so
 * the resolver, ordered first, ends the chain (replacing swagger's default one), with
 * {@link AnyJsonValue} and then {@link NullableProperties} in front of it, and springdoc's own
 * converters in front of them.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "springdoc.api-docs.enabled", matchIfMissing = true)
public class OpenApiConfig {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    public ModelResolver wireModelResolver(ObjectMapper objectMapper, SpringDocConfigProperties springDoc) {
        return new WireModelResolver(objectMapper).openapi31(springDoc.isOpenapi31());
    }

    /** {@code java.lang.Object} (values of a {@code Map<String, Object>}) is any JSON value, not an object. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 1)
    public ModelConverter anyJsonValue() {
        return new AnyJsonValue();
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 2)
    public ModelConverter nullableProperties() {
        return new NullableProperties();
    }

    @Bean
    public OperationCustomizer formBodies() {
        return new FormBodies();
    }

    @Bean
    public OpenApiCustomizer wireDocument(WebInvocationPrivilegeEvaluator accessRules, ResourceLoader resources) {
        return new WireDocument(new OpenApiFragments(resources), new AccessRequirements(accessRules), new ProblemResponses());
    }
}
