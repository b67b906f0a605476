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
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "springdoc.api-docs.enabled", matchIfMissing = true)
public class OpenApiConfig {

    /**
     * Swagger's model resolver on a copy of the HTTP {@link ObjectMapper}: property names follow
     * its naming strategy, as on the wire. (A copy, because the resolver registers its own
     * annotation introspector on the mapper it is given.) Ordered first, so that springdoc's own
     * converters stay in front of it and it replaces swagger's default resolver at the end of the chain.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    public ModelResolver wireModelResolver(ObjectMapper objectMapper, SpringDocConfigProperties springDoc) {
        return new ModelResolver(objectMapper.copy()).openapi31(springDoc.isOpenapi31());
    }

    @Bean
    NullableProperties nullableProperties() {
        return new NullableProperties();
    }

    @Bean
    PortablePatterns portablePatterns() {
        return new PortablePatterns();
    }

    /** {@code java.lang.Object} (values of a {@code Map<String, Object>}) is any JSON value, not an object. */
    @Bean
    public ModelConverter anyJsonValue() {
        return new AnyJsonValue();
    }

    @Bean
    public OperationCustomizer formBodies() {
        return new FormBodies();
    }

    @Bean
    public OpenApiCustomizer wireDocument(WebInvocationPrivilegeEvaluator accessRules, ResourceLoader resources,
                                          NullableProperties nullableProperties, PortablePatterns portablePatterns) {
        return new WireDocument(nullableProperties, portablePatterns, new OpenApiFragments(resources),
                new AccessRequirements(accessRules), new ProblemResponses());
    }
}
