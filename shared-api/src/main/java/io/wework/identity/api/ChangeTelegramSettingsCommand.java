package io.wework.identity.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The owner's Telegram settings; the bot token arrives encrypted. */
public record ChangeTelegramSettingsCommand(@TargetAggregateIdentifier String userId, Boolean enabled, String encryptedBotToken, String chatId) {
}
