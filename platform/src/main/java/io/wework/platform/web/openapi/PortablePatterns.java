package io.wework.platform.web.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.annotation.Annotation;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A schema {@code pattern} is an ECMA-262 5.1 regular expression (OpenAPI 3.0), which has no Unicode
 * classes: a Java {@code @Pattern} using {@code \p{L}} or inline flags would be read by clients as
 * something else (in ECMA-262 5.1 {@code \p{L}} matches the text "p{L}"). Such a pattern is left out
 * and the rule is said in words instead: the constraint's message, where the model resolver has it
 * ({@link WireModelResolver}), and the server's regex.
 */
final class PortablePatterns {

    private static final Pattern JAVA_ONLY = Pattern.compile("\\\\[pP]\\{|\\(\\?[a-zA-Z]+\\)|[*+?}]\\+");

    private PortablePatterns() {
    }

    /** Called with the validation annotations that gave {@code schema} its pattern. */
    static void sayInWords(Schema<?> schema, Annotation[] annotations) {
        if (schema == null || schema.getPattern() == null || !JAVA_ONLY.matcher(schema.getPattern()).find()) {
            return;
        }
        String message = null;
        if (annotations != null) {
            for (Annotation annotation : annotations) {
                if (annotation instanceof jakarta.validation.constraints.Pattern pattern
                        && pattern.regexp().equals(schema.getPattern()) && !pattern.message().startsWith("{")) {
                    message = pattern.message();
                }
            }
        }
        sayInWords(schema, message);
    }

    /** Any Java-only pattern left in the document (from wherever it came) is said in words. */
    static void apply(OpenAPI api) {
        Set<Schema<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
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

    private static void sayInWords(Schema<?> schema, String message) {
        String regex = schema.getPattern();
        if (regex == null || !JAVA_ONLY.matcher(regex).find()) {
            return;
        }
        String rule = "Checked by the server with the Java regular expression `" + regex + "`";
        if (message != null) {
            rule = message.substring(0, 1).toUpperCase() + message.substring(1) + ". " + rule;
        }
        schema.setPattern(null);
        schema.setDescription(schema.getDescription() == null ? rule : schema.getDescription() + ". " + rule);
    }

    private static void visit(Schema<?> schema, Set<Schema<?>> seen) {
        if (schema == null || !seen.add(schema)) {
            return;
        }
        sayInWords(schema, (String) null);
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(property -> visit(property, seen));
        }
        visit(schema.getItems(), seen);
        if (schema.getAdditionalProperties() instanceof Schema<?> values) {
            visit(values, seen);
        }
        for (List<Schema> composed : List.of(nullToEmpty(schema.getAllOf()), nullToEmpty(schema.getAnyOf()),
                nullToEmpty(schema.getOneOf()))) {
            composed.forEach(part -> visit(part, seen));
        }
    }

    private static List<Schema> nullToEmpty(List<Schema> list) {
        return list == null ? List.of() : list;
    }
}
