package io.wework.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.wework.common.api.DomainException;
import io.wework.common.api.MetadataKeys;
import io.wework.platform.security.AuthenticatedUser;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

class CommandSenderTest {

    private final CommandGateway gateway = mock(CommandGateway.class);
    private final CommandSender sender = new CommandSender(gateway, new CommandSettings(Duration.ofMillis(2500)));

    @AfterEach
    void clearCaller() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void waitsForTheAnswerAtMostTheConfiguredTimeout() {
        when(gateway.sendAndWait("cmd", 2500L, TimeUnit.MILLISECONDS)).thenReturn("answer");
        String answer = sender.send("cmd");
        assertThat(answer).isEqualTo("answer");
    }

    @Test
    void handlerExceptionsComeOutUnchanged() {
        DomainException refused = new DomainException(DomainException.Kind.CONFLICT, "email_taken", "taken");
        when(gateway.sendAndWait(any(), anyLong(), any())).thenThrow(refused);
        assertThatThrownBy(() -> sender.send("cmd")).isSameAs(refused);
        assertThatThrownBy(() -> sender.send("cmd", "u1")).isSameAs(refused);
        assertThatThrownBy(() -> sender.sendAs("cmd", "u1")).isSameAs(refused);
    }

    @Test
    void anAnonymousRequestActsAsTheGivenActor() {
        sender.send("login", "u1");
        CommandMessage<?> sent = sentMessage();
        assertThat(sent.getPayload()).isEqualTo("login");
        assertThat(sent.getMetaData()).containsEntry(MetadataKeys.ACTOR_ID, "u1");
    }

    @Test
    void anAuthenticatedCallerStaysTheActor() {
        // the dispatch interceptor stamps the caller; the fallback actor must not replace it
        authenticate();
        sender.send("change", "u1");
        CommandMessage<?> sent = sentMessage();
        assertThat(sent.getPayload()).isEqualTo("change");
        assertThat(sent.getMetaData()).doesNotContainKey(MetadataKeys.ACTOR_ID);
    }

    @Test
    void aSystemJobActsAsItselfWhoeverTheCaller() {
        authenticate();
        sender.sendAs("bootstrap", "system:bootstrap");
        CommandMessage<?> sent = sentMessage();
        assertThat(sent.getPayload()).isEqualTo("bootstrap");
        assertThat(sent.getMetaData()).containsEntry(MetadataKeys.ACTOR_ID, "system:bootstrap");
    }

    private static void authenticate() {
        SecurityContextHolder.getContext().setAuthentication(
                new UsernamePasswordAuthenticationToken(mock(AuthenticatedUser.class), null, List.of()));
    }

    private CommandMessage<?> sentMessage() {
        ArgumentCaptor<Object> captor = ArgumentCaptor.forClass(Object.class);
        verify(gateway).sendAndWait(captor.capture(), eq(2500L), eq(TimeUnit.MILLISECONDS));
        return GenericCommandMessage.asCommandMessage(captor.getValue());
    }
}
