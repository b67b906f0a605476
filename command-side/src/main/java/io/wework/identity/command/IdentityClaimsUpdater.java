package io.wework.identity.command;

import io.wework.identity.api.IdentityErrors;
import io.wework.identity.api.UserRegisteredEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps {@link IdentityClaims} in step with the events. Runs in a subscribing processor, inside the
 * transaction that appends the event, and propagates its failure: when a concurrent registration
 * already took the e-mail, this throws and the whole command rolls back (nothing stored).
 */
@Component
@ProcessingGroup(IdentityClaimsUpdater.GROUP)
class IdentityClaimsUpdater {

    static final String GROUP = "identity-claims";

    private final IdentityClaims claims;

    IdentityClaimsUpdater(IdentityClaims claims) {
        this.claims = claims;
    }

    @EventHandler
    void on(UserRegisteredEvent event) {
        if (event.email() != null && !claims.claim(IdentityClaims.Type.EMAIL, event.email(), event.userId())) {
            throw IdentityErrors.emailTaken();
        }
        if (event.phoneNumber() != null && !claims.claim(IdentityClaims.Type.PHONE, event.phoneNumber(), event.userId())) {
            throw IdentityErrors.phoneTaken();
        }
    }
}
