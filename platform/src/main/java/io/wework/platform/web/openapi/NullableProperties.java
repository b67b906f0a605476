package io.wework.platform.web.openapi;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.annotation.Annotation;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springdoc.core.customizers.PropertyCustomizer;

/**
 * The HTTP JSON writes every property, nulls included ({@code default-property-inclusion:
 * always}): a property of a reference type is {@code nullable} in the document unless a
 * validation constraint rules null out. Primitives never are.
 *
 * <p>An object-typed property is written as a {@code $ref}, next to which OpenAPI 3.0 ignores
 * {@code nullable}: such components are remembered, and {@link #markComponents} marks them
 * instead (the object may be null wherever it appears).
 */
class NullableProperties implements PropertyCustomizer {

    private static final Set<String> NOT_NULL = Set.of("NotNull", "NotBlank", "NotEmpty", "Nonnull", "NonNull");

    private final Set<String> nullableComponents = ConcurrentHashMap.newKeySet();

    @Override
    public Schema customize(Schema property, AnnotatedType type) {
        if (property == null || type.getType() == null) {
            return property;
        }
        JavaType javaType = TypeFactory.defaultInstance().constructType(type.getType());
        if (javaType.isPrimitive() || declaredNotNull(type.getCtxAnnotations())) {
            return property;
        }
        if (property.get$ref() != null) {
            nullableComponents.add(property.get$ref().substring(property.get$ref().lastIndexOf('/') + 1));
            return property;
        }
        if (property.getSpecVersion() == SpecVersion.V31) {
            if (property.getTypes() != null) {
                property.addType("null");
            }
        } else {
            property.setNullable(true);
        }
        return property;
    }

    /** Marks the component schemas that some property of a reference type refers to. */
    void markComponents(OpenAPI api) {
        if (api.getComponents() == null || api.getComponents().getSchemas() == null) {
            return;
        }
        nullableComponents.forEach(name -> {
            Schema<?> component = api.getComponents().getSchemas().get(name);
            if (component == null) {
                return;
            }
            if (component.getSpecVersion() == SpecVersion.V31) {
                if (component.getTypes() != null) {
                    component.addType("null");
                }
            } else {
                component.setNullable(true);
            }
        });
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
