package io.wework.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;

class QuerySenderTest {

    private final QueryGateway gateway = mock(QueryGateway.class);

    @Test
    void returnsTheAnswer() {
        when(gateway.query(eq("q"), any(org.axonframework.messaging.responsetypes.ResponseType.class)))
                .thenReturn(CompletableFuture.completedFuture("answer"), CompletableFuture.completedFuture(Optional.of("a")));
        QuerySender sender = new QuerySender(gateway, new QuerySettings(Duration.ofSeconds(10)));
        assertThat(sender.ask("q", String.class)).isEqualTo("answer");
        assertThat(sender.askOptional("q", String.class)).contains("a");
    }

    @Test
    void givesUpAfterTheConfiguredTimeout() {
        when(gateway.query(eq("q"), any(org.axonframework.messaging.responsetypes.ResponseType.class)))
                .thenAnswer(call -> new CompletableFuture<>());
        QuerySender sender = new QuerySender(gateway, new QuerySettings(Duration.ofMillis(100)));
        long start = System.nanoTime();
        assertThatThrownBy(() -> sender.ask("q", String.class))
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(TimeoutException.class);
        assertThatThrownBy(() -> sender.askOptional("q", String.class))
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(TimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
}
