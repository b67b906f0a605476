package io.wework.identity.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.wework.common.api.DomainException;
import io.wework.identity.api.AuthenticateUserCommand;
import io.wework.identity.api.AuthenticatedUser;
import io.wework.identity.api.IdentityErrors;
import io.wework.identity.api.RegisterUserCommand;
import io.wework.identity.api.Role;
import io.wework.identity.api.UserLoggedInEvent;
import io.wework.identity.api.UserRegisteredEvent;
import java.time.Clock;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.security.crypto.password.PasswordEncoder;

/** A WeWork account. Its events are the account's whole history. */
@Aggregate
public class User {

    @AggregateIdentifier
    private String id;
    private String passwordHash;
    private Role role;
    private boolean active;

    protected User() {
        // for Axon
    }

    @CommandHandler
    public User(RegisterUserCommand command, IdentityClaims claims, Clock clock) {
        if (command.email() == null && command.phoneNumber() == null) {
            throw new DomainException(DomainException.Kind.VALIDATION, "identity_required",
                    "An e-mail address or a phone number is required");
        }
        if (command.email() != null && claims.isTaken(IdentityClaims.Type.EMAIL, command.email())) {
            throw IdentityErrors.emailTaken();
        }
        if (command.phoneNumber() != null && claims.isTaken(IdentityClaims.Type.PHONE, command.phoneNumber())) {
            throw IdentityErrors.phoneTaken();
        }
        apply(new UserRegisteredEvent(command.userId(), command.email(), command.phoneNumber(), command.fullName(),
                command.passwordHash(), Role.USER, clock.instant()));
    }

    @CommandHandler
    public AuthenticatedUser handle(AuthenticateUserCommand command, PasswordEncoder passwordEncoder, Clock clock) {
        if (passwordHash == null || command.password() == null || !passwordEncoder.matches(command.password(), passwordHash)) {
            throw IdentityErrors.badCredentials();
        }
        if (!active) {
            throw IdentityErrors.inactive();
        }
        apply(new UserLoggedInEvent(id, command.method(), clock.instant()));
        return new AuthenticatedUser(id, role);
    }

    @EventSourcingHandler
    void on(UserRegisteredEvent event) {
        this.id = event.userId();
        this.passwordHash = event.passwordHash();
        this.role = event.role();
        this.active = true;
    }
}
