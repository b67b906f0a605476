package io.wework.identity.command;

import io.wework.identity.api.UpdateProfileCommand;
import io.wework.identity.api.UserView;
import io.wework.platform.messaging.CommandSender;
import org.springframework.stereotype.Component;

/** A user edits their own profile; nulls leave a field as it is; the username is stored lower-case. */
@Component
public class ProfileUpdate {

    private final CommandSender commands;

    public ProfileUpdate(CommandSender commands) {
        this.commands = commands;
    }

    /** @return the account after the change */
    public UserView update(String userId, String fullName, String username, String bio, String avatar) {
        return commands.send(new UpdateProfileCommand(userId, Text.blankToNull(fullName),
                username == null ? null : Text.lower(username), bio, avatar));
    }
}
