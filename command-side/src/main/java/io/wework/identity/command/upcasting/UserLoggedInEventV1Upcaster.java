package io.wework.identity.command.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
public class UserLoggedInEventV1Upcaster extends JsonRevisionUpcaster {

    static final String TYPE = "io.wework.identity.api.UserLoggedInEvent";

    public UserLoggedInEventV1Upcaster() {
        super(TYPE, "1", "2");
    }

    @Override
    protected void upgrade(ObjectNode payload) {
        JsonNode method = payload.remove("method");
        payload.set("authMethod", method);
        payload.putNull("sessionId");
    }
}
