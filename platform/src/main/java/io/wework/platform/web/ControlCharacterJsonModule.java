package io.wework.platform.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * Applies {@link ControlCharacters} to every string the HTTP {@code ObjectMapper} reads into a
 * {@code String} (record fields, list elements, untyped values). Registered as a Spring bean, so
 * only Spring's ObjectMapper (the API's) gets it; the event store's mapper
 * ({@code AxonInfrastructureConfig.storageObjectMapper()}) is built separately and reads stored
 * events as they are.
 */
public class ControlCharacterJsonModule extends SimpleModule {

    public ControlCharacterJsonModule() {
        super("wework-control-characters");
        addDeserializer(String.class, new CheckedStringDeserializer());
    }

    /**
     * Thrown while a string is read; a {@link JsonMappingException}, so Jackson records the path of
     * the field it was read for ({@code full_name}, {@code items[2]}).
     */
    public static final class RefusedTextException extends JsonMappingException {
        final String value;
        final int index;

        RefusedTextException(JsonParser parser, String value, int index) {
            super(parser, "A string holds a character that is not allowed");
            this.value = value;
            this.index = index;
        }

        /** The problem's detail, naming {@code field}. */
        public String detail(String field) {
            return ControlCharacters.detail(field, value, index);
        }
    }

    static final class CheckedStringDeserializer extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = super.deserialize(p, ctxt);
            if (value != null) {
                int refused = ControlCharacters.firstRefused(value);
                if (refused >= 0) {
                    throw new RefusedTextException(p, value, refused);
                }
            }
            return value;
        }
    }
}
