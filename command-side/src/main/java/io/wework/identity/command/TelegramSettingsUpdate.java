package io.wework.identity.command;

import io.wework.identity.api.ChangeTelegramSettingsCommand;
import io.wework.identity.api.TelegramSettingsView;
import io.wework.platform.crypto.SecretBox;
import io.wework.platform.messaging.CommandSender;
import org.springframework.stereotype.Component;

/**
 * A user sets their Telegram notifications. The bot token is encrypted before it leaves this class
 * (AES-GCM): commands, events and the read model only ever hold the ciphertext.
 */
@Component
public class TelegramSettingsUpdate {

    /** The settings as their owner sees them: the bot token in clear. */
    public record Settings(boolean enabled, String botToken, String chatId) {
        @Override
        public String toString() {
            return "Settings[enabled=" + enabled + "]";
        }
    }

    private final CommandSender commands;
    private final SecretBox secrets;

    public TelegramSettingsUpdate(CommandSender commands, SecretBox secrets) {
        this.commands = commands;
        this.secrets = secrets;
    }

    /** @return the settings after the change */
    public Settings change(String userId, Boolean enabled, String botToken, String chatId) {
        TelegramSettingsView view = commands.send(new ChangeTelegramSettingsCommand(userId, enabled,
                secrets.encrypt(botToken), chatId));
        return new Settings(view.enabled(), secrets.decrypt(view.encryptedBotToken()), view.chatId());
    }
}
