package io.wework.identity.command;

import io.wework.identity.api.IdentityErrors;
import io.wework.identity.api.Role;
import io.wework.identity.api.UserActivatedEvent;
import io.wework.identity.api.UserDeactivatedEvent;
import io.wework.identity.api.UserEmailChangedEvent;
import io.wework.identity.api.UserPhoneChangedEvent;
import io.wework.identity.api.UserPhoneReleasedEvent;
import io.wework.identity.api.UserPhoneVerifiedEvent;
import io.wework.identity.api.UserRegisteredEvent;
import io.wework.identity.api.UserRoleChangedEvent;
import io.wework.identity.api.UsernameSetEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps {@link IdentityClaims} in step with the events. Runs in a subscribing processor, inside the
 * transaction that appends the event, and propagates its failure: when a concurrent command already
 * took the e-mail, phone or username, this throws and the whole command rolls back (nothing stored).
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
        if (event.phoneNumber() != null && !claims.claimPhone(event.phoneNumber(), event.userId(), event.phoneVerified())) {
            throw IdentityErrors.phoneTaken();
        }
        if (event.role() == Role.SUPER_ADMIN) {
            claims.claim(IdentityClaims.Type.SUPER_ADMIN, event.userId(), event.userId());
        }
    }

    @EventHandler
    void on(UsernameSetEvent event) {
        if (!claims.claim(IdentityClaims.Type.USERNAME, event.username(), event.userId())) {
            throw IdentityErrors.usernameTaken();
        }
    }

    @EventHandler
    void on(UserEmailChangedEvent event) {
        if (!claims.claim(IdentityClaims.Type.EMAIL, event.email(), event.userId())) {
            throw IdentityErrors.emailTaken();
        }
        if (event.previousEmail() != null) {
            claims.release(IdentityClaims.Type.EMAIL, event.previousEmail(), event.userId());
        }
    }

    /** A phone set by an admin is held unproved. */
    @EventHandler
    void on(UserPhoneChangedEvent event) {
        if (!claims.claimPhone(event.phoneNumber(), event.userId(), false)) {
            throw IdentityErrors.phoneTaken();
        }
        if (event.previousPhoneNumber() != null) {
            claims.release(IdentityClaims.Type.PHONE, event.previousPhoneNumber(), event.userId());
        }
    }

    @EventHandler
    void on(UserPhoneVerifiedEvent event) {
        if (!claims.markProved(event.phoneNumber(), event.userId())) {
            throw IdentityErrors.phoneNotOnAccount();
        }
    }

    @EventHandler
    void on(UserPhoneReleasedEvent event) {
        claims.release(IdentityClaims.Type.PHONE, event.phoneNumber(), event.userId());
    }

    @EventHandler
    void on(UserRoleChangedEvent event) {
        if (event.role() == Role.SUPER_ADMIN) {
            claims.claim(IdentityClaims.Type.SUPER_ADMIN, event.userId(), event.userId());
        } else if (event.previousRole() == Role.SUPER_ADMIN) {
            claims.release(IdentityClaims.Type.SUPER_ADMIN, event.userId(), event.userId());
        }
    }

    @EventHandler
    void on(UserDeactivatedEvent event) {
        claims.claim(IdentityClaims.Type.DEACTIVATED, event.userId(), event.userId());
    }

    @EventHandler
    void on(UserActivatedEvent event) {
        claims.release(IdentityClaims.Type.DEACTIVATED, event.userId(), event.userId());
    }
}
