package io.wework.identity.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Telegram notification settings changed. The bot token is AES-GCM encrypted (never in clear). */
@Revision("1")
public record TelegramSettingsChangedEvent(String userId, boolean enabled, String encryptedBotToken, String chatId, Instant changedAt) {

    @Override
    public String toString() {
        return "TelegramSettingsChangedEvent[userId=" + userId + ", enabled=" + enabled + "]";
    }
}
