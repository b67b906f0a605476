package io.wework.platform.axon.upcasters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code UserLoggedInEvent} revision 1 {@code {userId, method, loggedInAt}} → revision 2
 * {@code {userId, authMethod, sessionId, loggedInAt}}: {@code method} was renamed and the session
 * a login opens is now named (unknown, {@code null}, for revision-1 logins). Upcasters live in
 * platform because every side that reads stored events needs them.
 */
@Component
@Order(1)
public class UserLoggedInEventV1Upcaster extends SingleEventUpcaster {

    static final String TYPE = "io.wework.identity.api.UserLoggedInEvent";

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return TYPE.equals(representation.getType().getName()) && "1".equals(representation.getType().getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(TYPE, "2"), JsonNode.class, node -> {
            ObjectNode payload = (ObjectNode) node;
            JsonNode method = payload.remove("method");
            payload.set("authMethod", method);
            payload.putNull("sessionId");
            return payload;
        });
    }
}
