package io.wework.identity.command.upcasting;

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
 * a login opens is now named (unknown, {@code null}, for revision-1 logins). The write model owns its
 * events' history, so its upcasters live here; as a Spring bean it reaches every reader of the store
 * (Axon's Spring Boot configuration puts every {@code EventUpcaster} bean into the upcaster chain that
 * {@code JdbcEventStoreConfig} hands the storage engine). A read side deployed without command-side
 * would need this bean too.
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
