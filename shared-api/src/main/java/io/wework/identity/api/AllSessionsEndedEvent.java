package io.wework.identity.api;

import io.wework.common.api.PublicEvent;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * Every session of the account ended at once: {@code deactivated}, {@code role_changed} (or, for history
 * written before this event existed, {@code reactivated}). Every refresh token and every access token of
 * those sessions is refused from now on, on every node; a later change (a reactivation, the old role given
 * back) never revives them, because only a new login opens a session again, with a new id. Any command
 * handler of the {@code User} aggregate may end every session this way (its {@code endAllSessions}).
 */
@Revision("1")
@PublicEvent("session.all_ended")
public record AllSessionsEndedEvent(String userId, String reason, Instant endedAt) {
}
