package io.wework.identity.command.upcasting;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code UserRegisteredEvent} revision 1 {@code {userId, email, phoneNumber, fullName, passwordHash, role,
 * registeredAt}} → revision 2, which says whether the phone was proved by a one-time code
 * ({@code phoneVerified}). Before revision 2 the only way to an account without an e-mail address was an
 * OTP login, which proves the phone; a phone given at sign-up with an e-mail address was never proved. So
 * {@code phoneVerified = email == null && phoneNumber != null}, the same rule Flyway's
 * {@code V9__identity_claims_proved_phone} applied to the phone claims already stored.
 */
@Component
@Order(2)
public class UserRegisteredEventV1Upcaster extends JsonRevisionUpcaster {

    static final String TYPE = "io.wework.identity.api.UserRegisteredEvent";

    public UserRegisteredEventV1Upcaster() {
        super(TYPE, "1", "2");
    }

    @Override
    protected void upgrade(ObjectNode payload) {
        boolean noEmail = !payload.hasNonNull("email");
        boolean phone = payload.hasNonNull("phoneNumber");
        payload.put("phoneVerified", noEmail && phone);
    }
}
