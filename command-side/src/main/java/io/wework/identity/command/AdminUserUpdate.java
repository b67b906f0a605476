package io.wework.identity.command;

import io.wework.identity.api.AdminUpdateUserCommand;
import io.wework.identity.api.IdentityErrors;
import io.wework.identity.api.Role;
import io.wework.identity.api.UserView;
import io.wework.platform.messaging.CommandSender;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

/**
 * An admin changes a user's role, activation or contact data; the {@code User} aggregate applies
 * the super_admin rules to the acting admin's role.
 */
@Component
public class AdminUserUpdate {

    private final CommandSender commands;

    public AdminUserUpdate(CommandSender commands) {
        this.commands = commands;
    }

    /** Null fields stay as they are. @return the user after the change; 404 {@code user_not_found} for an unknown id */
    public UserView update(String userId, Role actorRole, Role role, Boolean active, String fullName, String phoneNumber,
                           String email) {
        try {
            return commands.send(new AdminUpdateUserCommand(userId, actorRole, role, active,
                    fullName == null ? null : fullName.trim(), phoneNumber, email == null ? null : Text.lower(email)));
        } catch (AggregateNotFoundException e) {
            throw IdentityErrors.userNotFound();
        }
    }
}
