package io.wework.identity.projection;

import io.wework.identity.api.AllSessionsEndedEvent;
import io.wework.identity.api.PasswordChangedEvent;
import io.wework.identity.api.SessionRefreshedEvent;
import io.wework.identity.api.SessionRevokedEvent;
import io.wework.identity.api.SessionStartedEvent;
import io.wework.identity.api.TelegramSettingsChangedEvent;
import io.wework.identity.api.UserActivatedEvent;
import io.wework.identity.api.UserContactChangedByAdminEvent;
import io.wework.identity.api.UserDeactivatedEvent;
import io.wework.identity.api.UserEmailChangedEvent;
import io.wework.identity.api.UserPhoneChangedEvent;
import io.wework.identity.api.UserPhoneReleasedEvent;
import io.wework.identity.api.UserProfileUpdatedEvent;
import io.wework.identity.api.UserRegisteredEvent;
import io.wework.identity.api.UserRoleChangedEvent;
import io.wework.identity.api.UsernameSetEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;

/**
 * The {@code users_view} row as a pure function of a user's events: {@link #apply} folds one event
 * into the row. A row's {@code version} is the sequence number of the user's last event folded in,
 * whatever its type (a login moves it too), so "row at version n" means exactly "every event up to
 * n", and two rows of one user at the same version are equal. That is what lets the inline
 * projection, a replay and a catch-up from the event store write the same table concurrently.
 */
public final class UserFold {

    /** The aggregate type whose events build this row. */
    public static final String AGGREGATE_TYPE = "User";

    private UserFold() {
    }

    /** A new row from a registration. */
    public static UserEntity created(UserRegisteredEvent event, long sequence) {
        UserEntity user = UserEntity.created(event.userId(), event.registeredAt());
        user.setEmail(storable(event.email()));
        user.setPhoneNumber(storable(event.phoneNumber()));
        user.setFullName(storable(event.fullName()));
        user.setRole(event.role());
        user.setActive(true);
        user.setVersion(sequence);
        return user;
    }

    /**
     * Folds {@code event} (sequence {@code sequence}) into {@code user}, which must be at {@code sequence - 1}.
     * Besides the profile, the row keeps what decides whether an access token may be used
     * ({@link AuthState}): active, role, the password-change cutoff and the sessions that have not ended.
     */
    public static void apply(UserEntity user, Object event, long sequence) {
        user.setVersion(sequence);
        if (event instanceof UserProfileUpdatedEvent e) {
            if (e.fullName() != null) {
                user.setFullName(storable(e.fullName()));
            }
            if (e.bio() != null) {
                user.setBio(storable(e.bio()));
            }
            if (e.avatar() != null) {
                user.setAvatar(storable(e.avatar()));
            }
            user.setUpdatedAt(e.updatedAt());
        } else if (event instanceof UsernameSetEvent e) {
            user.setUsername(storable(e.username()));
            user.setUpdatedAt(e.setAt());
        } else if (event instanceof UserEmailChangedEvent e) {
            user.setEmail(storable(e.email()));
            user.setUpdatedAt(e.changedAt());
        } else if (event instanceof UserPhoneChangedEvent e) {
            user.setPhoneNumber(storable(e.phoneNumber()));
            user.setUpdatedAt(e.changedAt());
        } else if (event instanceof UserPhoneReleasedEvent e) {
            user.setPhoneNumber(null);
            user.setUpdatedAt(e.releasedAt());
        } else if (event instanceof TelegramSettingsChangedEvent e) {
            user.setTelegramEnabled(e.enabled());
            user.setTelegramBotToken(storable(e.encryptedBotToken()));
            user.setTelegramChatId(storable(e.chatId()));
            user.setUpdatedAt(e.changedAt());
        } else if (event instanceof UserRoleChangedEvent e) {
            user.setRole(e.role());
            user.setUpdatedAt(e.changedAt());
        } else if (event instanceof UserDeactivatedEvent e) {
            user.setActive(false);
            user.setUpdatedAt(e.deactivatedAt());
        } else if (event instanceof UserActivatedEvent e) {
            user.setActive(true);
            user.setUpdatedAt(e.activatedAt());
        } else if (event instanceof PasswordChangedEvent e) {
            user.setTokensNotBefore(e.changedAt());
            user.setUpdatedAt(e.changedAt());
        } else if (event instanceof UserContactChangedByAdminEvent e) {
            // the change's sessions end by the AllSessionsEndedEvent applied with it
            user.setUpdatedAt(e.changedAt());
        } else if (event instanceof SessionStartedEvent e) {
            user.setSessions(user.getSessions().started(e.sessionId(), e.expiresAt(), e.startedAt()));
        } else if (event instanceof SessionRefreshedEvent e) {
            user.setSessions(user.getSessions().refreshed(e.sessionId(), e.expiresAt()));
        } else if (event instanceof SessionRevokedEvent e) {
            user.setSessions(user.getSessions().ended(e.sessionId()));
        } else if (event instanceof AllSessionsEndedEvent) {
            user.setSessions(LiveSessions.NONE);
        }
    }

    /**
     * Folds the events of {@code events} into {@code start} (a row, or {@code null} before the
     * registration), skipping those the row already holds.
     */
    public static UserEntity foldAll(UserEntity start, DomainEventStream events) {
        UserEntity user = start;
        while (events.hasNext()) {
            DomainEventMessage<?> message = events.next();
            user = fold(user, message.getPayload(), message.getSequenceNumber());
        }
        return user;
    }

    /** One step of {@link #foldAll}: the row after {@code event}, or {@code user} unchanged when it already holds it. */
    static UserEntity fold(UserEntity user, Object event, long sequence) {
        if (event instanceof UserRegisteredEvent registered) {
            // a row at a negative version is known to be incomplete (see V8): fold it again from the start
            return user != null && user.getVersion() >= 0 ? user : created(registered, sequence);
        }
        if (user != null && user.getVersion() < sequence) {
            apply(user, event, sequence);
        }
        return user;
    }

    /**
     * {@code text} as a {@code users_view} column can hold it: PostgreSQL's text types cannot store NUL
     * (U+0000), so the row shows U+FFFD in its place. The edge refuses NUL in every request
     * (io.wework.platform.web.ControlCharacters); an event holding one was stored before that rule, or
     * around the API. The row must stay writable: a user whose events hold a NUL can still be changed,
     * deactivated above all.
     */
    static String storable(String text) {
        return text == null || text.indexOf('\u0000') < 0 ? text : text.replace('\u0000', '\uFFFD');
    }
}
