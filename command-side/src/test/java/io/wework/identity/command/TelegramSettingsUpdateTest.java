package io.wework.identity.command;

import static io.wework.identity.command.TokenIssuerTest.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.wework.identity.api.ChangeTelegramSettingsCommand;
import io.wework.identity.api.TelegramSettingsView;
import io.wework.platform.crypto.SecretBox;
import io.wework.platform.messaging.CommandSender;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class TelegramSettingsUpdateTest {

    private static final String BOT_TOKEN = "123456:ABCdefGHIjklMNOpqrSTUvwx";

    private final SecretBox secrets = new SecretBox("k7Q2xW9pL4mN8vB3cR6tY1uI5oP0aS2dF".getBytes(StandardCharsets.UTF_8));
    private final CommandSender commands = mock(CommandSender.class);
    private final TelegramSettingsUpdate update = new TelegramSettingsUpdate(commands, secrets);

    @Test
    void theBotTokenLeavesOnlyEncryptedAndComesBackInClear() {
        ArgumentCaptor<ChangeTelegramSettingsCommand> sent = ArgumentCaptor.forClass(ChangeTelegramSettingsCommand.class);
        when(commands.send(sent.capture())).thenAnswer(call -> {
            ChangeTelegramSettingsCommand c = call.getArgument(0);
            return new TelegramSettingsView(Boolean.TRUE.equals(c.enabled()), c.encryptedBotToken(), c.chatId());
        });

        TelegramSettingsUpdate.Settings settings = update.change(USER, true, BOT_TOKEN, "42");

        ChangeTelegramSettingsCommand command = sent.getValue();
        assertThat(command.userId()).isEqualTo(USER);
        assertThat(command.encryptedBotToken()).startsWith("v1:").doesNotContain(BOT_TOKEN);
        assertThat(secrets.decrypt(command.encryptedBotToken())).isEqualTo(BOT_TOKEN);
        assertThat(settings).isEqualTo(new TelegramSettingsUpdate.Settings(true, BOT_TOKEN, "42"));
        assertThat(settings.toString()).doesNotContain(BOT_TOKEN);
    }

    @Test
    void noTokenStaysNoToken() {
        ArgumentCaptor<ChangeTelegramSettingsCommand> sent = ArgumentCaptor.forClass(ChangeTelegramSettingsCommand.class);
        when(commands.send(sent.capture())).thenReturn(new TelegramSettingsView(false, null, null));
        assertThat(update.change(USER, false, null, null)).isEqualTo(new TelegramSettingsUpdate.Settings(false, null, null));
        assertThat(sent.getValue().encryptedBotToken()).isNull();
    }
}
