package io.wework.identity.api;

import io.wework.common.api.PublicEvent;
import io.wework.common.api.Sensitive;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Telegram notification settings changed. The bot token is AES-GCM encrypted (never in clear). */
@Revision("1")
@PublicEvent("telegram.settings_changed")
public record TelegramSettingsChangedEvent(String userId, boolean enabled, @Sensitive String encryptedBotToken, String chatId, Instant changedAt) {

    @Override
    public String toString() {
        return "TelegramSettingsChangedEvent[userId=" + userId + ", enabled=" + enabled + "]";
    }
}
