package io.wework.identity.query;

import io.wework.identity.api.FindTelegramSettingsQuery;
import io.wework.identity.api.TelegramSettingsView;
import io.wework.platform.crypto.SecretBox;
import io.wework.platform.messaging.QuerySender;
import org.springframework.stereotype.Component;

/**
 * A user's own Telegram settings with the bot token in clear: the read model and the query bus hold
 * it encrypted; it is decrypted here, for its owner only.
 */
@Component
public class TelegramSettingsReader {

    public record Settings(boolean enabled, String botToken, String chatId) {
        @Override
        public String toString() {
            return "Settings[enabled=" + enabled + "]";
        }
    }

    private final QuerySender queries;
    private final SecretBox secrets;

    public TelegramSettingsReader(QuerySender queries, SecretBox secrets) {
        this.queries = queries;
        this.secrets = secrets;
    }

    public Settings read(String userId) {
        TelegramSettingsView view = queries.ask(new FindTelegramSettingsQuery(userId), TelegramSettingsView.class);
        return new Settings(view.enabled(), secrets.decrypt(view.encryptedBotToken()), view.chatId());
    }
}
