package io.wework.identity.api;

/** Telegram settings as stored: the bot token is encrypted. */
public record TelegramSettingsView(boolean enabled, String encryptedBotToken, String chatId) {

    @Override
    public String toString() {
        return "TelegramSettingsView[enabled=" + enabled + "]";
    }
}
