package io.wework.platform.web.openapi;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.annotation.Annotation;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springdoc.core.customizers.PropertyCustomizer;

/**
 * A schema {@code pattern} is an ECMA-262 5.1 regular expression (OpenAPI 3.0), which has no Unicode
 * classes: a Java {@code @Pattern} using {@code \p{L}} or inline flags would be read by clients as
 * something else (in ECMA-262 5.1 {@code \p{L}} matches the text "p{L}"). Such a pattern is left out
 * and the rule is said in words instead: the constraint's message (remembered while the properties
 * are resolved) and the server's regex.
 */
class PortablePatterns implements PropertyCustomizer {

    private static final Pattern JAVA_ONLY = Pattern.compile("\\\\[pP]\\{|\\(\\?[a-zA-Z]+\\)|[*+?}]\\+");

    private final Map<String, String> messages = new ConcurrentHashMap<>();

    @Override
    public Schema customize(Schema property, AnnotatedType type) {
        if (type.getCtxAnnotations() != null) {
            for (Annotation annotation : type.getCtxAnnotations()) {
                if (annotation instanceof jakarta.validation.constraints.Pattern pattern
                        && JAVA_ONLY.matcher(pattern.regexp()).find() && !pattern.message().startsWith("{")) {
                    messages.putIfAbsent(pattern.regexp(), pattern.message());
                }
            }
        }
        return property;
    }

    void apply(OpenAPI api) {
        Set<Schema<?>> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        if (api.getComponents() != null && api.getComponents().getSchemas() != null) {
            api.getComponents().getSchemas().values().forEach(schema -> visit(schema, seen));
        }
        if (api.getPaths() != null) {
            api.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
                if (operation.getParameters() != null) {
                    operation.getParameters().forEach(parameter -> visit(parameter.getSchema(), seen));
                }
            }));
        }
    }

    private void visit(Schema<?> schema, Set<Schema<?>> seen) {
        if (schema == null || !seen.add(schema)) {
            return;
        }
        String regex = schema.getPattern();
        if (regex != null && JAVA_ONLY.matcher(regex).find()) {
            String rule = "Checked by the server with the Java regular expression `" + regex + "`";
            String message = messages.get(regex);
            if (message != null) {
                rule = message.substring(0, 1).toUpperCase() + message.substring(1) + ". " + rule;
            }
            schema.setPattern(null);
            schema.setDescription(schema.getDescription() == null ? rule : schema.getDescription() + ". " + rule);
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(property -> visit(property, seen));
        }
        visit(schema.getItems(), seen);
        if (schema.getAdditionalProperties() instanceof Schema<?> values) {
            visit(values, seen);
        }
        for (var composed : new java.util.List[] {schema.getAllOf(), schema.getAnyOf(), schema.getOneOf()}) {
            if (composed != null) {
                for (Object part : composed) {
                    visit((Schema<?>) part, seen);
                }
            }
        }
    }
}
