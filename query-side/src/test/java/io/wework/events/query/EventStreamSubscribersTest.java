package io.wework.events.query;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.wework.platform.security.AccessTokenGuard;
import io.wework.platform.security.AuthenticatedUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Before each delivery a subscriber is checked again: a refused, unverifiable or expired one is closed. */
class EventStreamSubscribersTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private final AccessTokenGuard guard = mock(AccessTokenGuard.class);
    private final EventStreamSubscribers subscribers = new EventStreamSubscribers(
            new EventStreamSettings(Duration.ofMinutes(30)), guard, Clock.fixed(NOW, ZoneOffset.UTC));

    private static AuthenticatedUser admin(String id, Instant expiresAt) {
        return new AuthenticatedUser(id, "admin", "jti-" + id, "sid-" + id, NOW.minusSeconds(60), expiresAt,
                Set.of("ROLE_ADMIN", "ADMIN_ENDPOINTS"));
    }

    private static void assertClosed(SseEmitter emitter) {
        assertThatThrownBy(() -> emitter.send("more")).isInstanceOf(IllegalStateException.class);
    }

    private static void assertOpen(SseEmitter emitter) {
        assertThatCode(() -> emitter.send("more")).doesNotThrowAnyException();
    }

    @Test
    void aSubscriberTheGuardStillAcceptsKeepsItsStream() throws Exception {
        AuthenticatedUser kept = admin("a", NOW.plusSeconds(600));
        when(guard.refusal(kept)).thenReturn(Optional.empty());
        SseEmitter emitter = subscribers.subscribe(kept);
        subscribers.broadcast("{}");
        assertOpen(emitter);
    }

    @Test
    void aSubscriberWhoseSessionEndedOrRoleChangedIsClosed() throws Exception {
        AuthenticatedUser kept = admin("a", NOW.plusSeconds(600));
        AuthenticatedUser demoted = admin("b", NOW.plusSeconds(600));
        when(guard.refusal(kept)).thenReturn(Optional.empty());
        when(guard.refusal(demoted)).thenReturn(Optional.of("Your role changed; log in again"));
        SseEmitter keptStream = subscribers.subscribe(kept);
        SseEmitter demotedStream = subscribers.subscribe(demoted);
        subscribers.broadcast("{}");
        assertOpen(keptStream);
        assertClosed(demotedStream);
    }

    @Test
    void aSubscriberThatCannotBeCheckedIsClosed() throws Exception {
        AuthenticatedUser subscriber = admin("a", NOW.plusSeconds(600));
        when(guard.refusal(subscriber)).thenThrow(new AccessTokenGuard.Unavailable("Redis is down", null));
        SseEmitter emitter = subscribers.subscribe(subscriber);
        subscribers.broadcast("{}");
        assertClosed(emitter);
    }

    @Test
    void aSubscriberWhoseTokenExpiredIsClosed() throws Exception {
        AuthenticatedUser expired = admin("a", NOW);
        when(guard.refusal(expired)).thenReturn(Optional.empty());
        SseEmitter emitter = subscribers.subscribe(expired);
        subscribers.broadcast("{}");
        assertClosed(emitter);
    }
}
