package io.wework.platform.web.openapi;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.oas.models.media.MapSchema;
import io.swagger.v3.oas.models.media.Schema;
import java.util.Iterator;
import java.util.Map;

/**
 * {@code java.lang.Object} stands for any JSON value: a {@code Map<String, Object>} (event payloads,
 * history data) is an object whose values may be anything, where swagger's OpenAPI 3.0 resolver
 * says its values are objects, and an {@code Object} is the empty schema.
 */
class AnyJsonValue implements ModelConverter {

    @Override
    public Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        if (type.getType() != null) {
            JavaType javaType = TypeFactory.defaultInstance().constructType(type.getType());
            if (javaType.getRawClass() == Object.class) {
                return new Schema<>();
            }
            if (Map.class.isAssignableFrom(javaType.getRawClass()) && javaType.getContentType() != null
                    && javaType.getContentType().getRawClass() == Object.class) {
                return new MapSchema().additionalProperties(true);
            }
        }
        return chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
    }
}
