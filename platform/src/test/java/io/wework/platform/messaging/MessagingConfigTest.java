package io.wework.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The senders get their timeouts from the Spring environment. */
class MessagingConfigTest {

    private final CommandGateway commandGateway = mock(CommandGateway.class);

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(MessagingConfig.class)
            .withBean(CommandGateway.class, () -> commandGateway)
            .withBean(QueryGateway.class, () -> mock(QueryGateway.class));

    @Test
    void theDefaultsApplyWhenNothingIsSet() {
        context.run(ctx -> {
            assertThat(ctx.getBean(CommandSettings.class).timeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(ctx.getBean(QuerySettings.class).timeout()).isEqualTo(Duration.ofSeconds(10));
            ctx.getBean(CommandSender.class).send("cmd");
            verify(commandGateway).sendAndWait("cmd", 30_000L, TimeUnit.MILLISECONDS);
        });
    }

    @Test
    void theSettingsReachTheSenders() {
        context.withPropertyValues("wework.commands.timeout=5s", "wework.queries.timeout=2s").run(ctx -> {
            assertThat(ctx.getBean(QuerySettings.class).timeout()).isEqualTo(Duration.ofSeconds(2));
            ctx.getBean(CommandSender.class).send("cmd");
            verify(commandGateway).sendAndWait(eq("cmd"), eq(5_000L), eq(TimeUnit.MILLISECONDS));
        });
    }

    @Test
    void aNonPositiveTimeoutStopsTheStart() {
        context.withPropertyValues("wework.commands.timeout=0s").run(ctx -> assertThat(ctx).hasFailed());
        verify(commandGateway, org.mockito.Mockito.never()).sendAndWait(any(), anyLong(), any());
    }
}
