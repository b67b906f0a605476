package io.wework.platform.web.openapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.annotation.Annotation;

/**
 * Swagger's model resolver on a copy of the HTTP {@link ObjectMapper}: property names follow its
 * naming strategy, as on the wire (a copy, because the resolver registers its own annotation
 * introspector on the mapper it is given). Constraints it turns into schema keywords stay portable:
 * a Java-only {@code @Pattern} is said in words ({@link PortablePatterns}).
 */
class WireModelResolver extends ModelResolver {

    WireModelResolver(ObjectMapper httpObjectMapper) {
        super(httpObjectMapper.copy());
    }

    @Override
    protected boolean applyBeanValidatorAnnotations(Schema property, Annotation[] annotations, Schema parent,
                                                    boolean applyNotNullAnnotations) {
        boolean modified = super.applyBeanValidatorAnnotations(property, annotations, parent, applyNotNullAnnotations);
        PortablePatterns.sayInWords(property, annotations);
        return modified;
    }
}
