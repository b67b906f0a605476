package io.wework.identity.command.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * One step of one event type's history: the stored JSON payload of {@code type} at revision
 * {@code from} becomes revision {@code to} through {@link #upgrade}. A new event revision needs only a
 * subclass naming the three and the change of the payload.
 */
abstract class JsonRevisionUpcaster extends SingleEventUpcaster {

    private final String type;
    private final String from;
    private final String to;

    JsonRevisionUpcaster(String type, String from, String to) {
        this.type = type;
        this.from = from;
        this.to = to;
    }

    /** Changes {@code payload}, the stored JSON object of revision {@code from}, into revision {@code to}. */
    protected abstract void upgrade(ObjectNode payload);

    @Override
    protected final boolean canUpcast(IntermediateEventRepresentation representation) {
        return type.equals(representation.getType().getName()) && from.equals(representation.getType().getRevision());
    }

    @Override
    protected final IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(type, to), JsonNode.class, node -> {
            ObjectNode payload = (ObjectNode) node;
            upgrade(payload);
            return payload;
        });
    }
}
