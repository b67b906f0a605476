package io.wework.identity.api;

/** The owner's Telegram settings (bot token still encrypted). */
public record FindTelegramSettingsQuery(String userId) {
}
