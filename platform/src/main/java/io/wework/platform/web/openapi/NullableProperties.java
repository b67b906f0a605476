package io.wework.platform.web.openapi;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.annotation.Annotation;
import java.util.Iterator;
import java.util.Set;

/**
 * The HTTP JSON writes every property, nulls included ({@code default-property-inclusion:
 * always}): a property of a reference type is {@code nullable} in the document unless a
 * validation constraint rules null out. Primitives never are.
 *
 * <p>An object-typed property is written as a {@code $ref}, next to which OpenAPI 3.0 ignores
 * {@code nullable}: its component schema is marked instead (the object may be null wherever it
 * appears). Holds no state: swagger's converters are one JVM-wide chain, which every application
 * context in the JVM registers its converters into.
 */
class NullableProperties implements ModelConverter {

    private static final Set<String> NOT_NULL = Set.of("NotNull", "NotBlank", "NotEmpty", "Nonnull", "NonNull");

    @Override
    public Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        Schema<?> resolved = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
        if (resolved == null || !type.isSchemaProperty() || type.getType() == null) {
            return resolved;
        }
        JavaType javaType = TypeFactory.defaultInstance().constructType(type.getType());
        if (javaType.isPrimitive() || declaredNotNull(type.getCtxAnnotations())) {
            return resolved;
        }
        if (resolved.get$ref() != null) {
            Schema<?> component = context.getDefinedModels().get(resolved.get$ref().substring(resolved.get$ref().lastIndexOf('/') + 1));
            if (component != null) {
                markNullable(component);
            }
        } else {
            markNullable(resolved);
        }
        return resolved;
    }

    private static void markNullable(Schema<?> schema) {
        if (schema.getSpecVersion() == SpecVersion.V31) {
            if (schema.getTypes() != null) {
                schema.addType("null");
            }
        } else {
            schema.setNullable(true);
        }
    }

    private static boolean declaredNotNull(Annotation[] annotations) {
        if (annotations == null) {
            return false;
        }
        for (Annotation annotation : annotations) {
            if (NOT_NULL.contains(annotation.annotationType().getSimpleName())) {
                return true;
            }
        }
        return false;
    }
}
