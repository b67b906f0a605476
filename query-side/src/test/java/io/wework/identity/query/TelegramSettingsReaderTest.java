package io.wework.identity.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.wework.identity.api.FindTelegramSettingsQuery;
import io.wework.identity.api.TelegramSettingsView;
import io.wework.platform.crypto.SecretBox;
import io.wework.platform.messaging.QuerySender;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TelegramSettingsReaderTest {

    private static final String USER = "0193f1b2-0000-7000-8000-000000000001";
    private static final String BOT_TOKEN = "123456:ABCdefGHIjklMNOpqrSTUvwx";

    private final SecretBox secrets = new SecretBox("k7Q2xW9pL4mN8vB3cR6tY1uI5oP0aS2dF".getBytes(StandardCharsets.UTF_8));
    private final QuerySender queries = mock(QuerySender.class);
    private final TelegramSettingsReader reader = new TelegramSettingsReader(queries, secrets);

    @Test
    void theOwnerReadsTheBotTokenInClear() {
        when(queries.ask(new FindTelegramSettingsQuery(USER), TelegramSettingsView.class))
                .thenReturn(new TelegramSettingsView(true, secrets.encrypt(BOT_TOKEN), "42"));
        assertThat(reader.read(USER)).isEqualTo(new TelegramSettingsReader.Settings(true, BOT_TOKEN, "42"));
    }

    @Test
    void noSettingsReadAsOffAndEmpty() {
        when(queries.ask(new FindTelegramSettingsQuery(USER), TelegramSettingsView.class))
                .thenReturn(new TelegramSettingsView(false, null, null));
        assertThat(reader.read(USER)).isEqualTo(new TelegramSettingsReader.Settings(false, null, null));
    }
}
