package io.wework.identity.projection;

import io.wework.identity.api.PasswordChangedEvent;
import io.wework.identity.api.SessionRevokedEvent;
import io.wework.identity.api.TelegramSettingsChangedEvent;
import io.wework.identity.api.UserActivatedEvent;
import io.wework.identity.api.UserDeactivatedEvent;
import io.wework.identity.api.UserEmailChangedEvent;
import io.wework.identity.api.UserPhoneChangedEvent;
import io.wework.identity.api.UserProfileUpdatedEvent;
import io.wework.identity.api.UserRegisteredEvent;
import io.wework.identity.api.UserRoleChangedEvent;
import io.wework.identity.api.UsernameSetEvent;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Builds {@code users_view}, and after each commit refreshes the Redis profile entry and the
 * account's access state. Runs in the pooled streaming processor {@value #GROUP}: rows and the
 * processor's token commit in one transaction, so each event takes effect exactly once; an event
 * whose sequence number the row already reflects is skipped. During a replay rows are rebuilt but
 * Redis is left alone (half-replayed rows are stale); readers go to the event store meanwhile.
 */
@Component
@ProcessingGroup(UserProjection.GROUP)
public class UserProjection {

    public static final String GROUP = "users";

    private final UserViewRepository users;
    private final UserCache cache;
    private final AuthStateGuard authState;
    private final JdbcTemplate jdbc;
    /** Set by this node's reset handler, cleared by the first regular (non-replayed) event. */
    private volatile boolean rebuildingFromEmptyTable;

    public UserProjection(UserViewRepository users, UserCache cache, AuthStateGuard authState, JdbcTemplate jdbc) {
        this.users = users;
        this.cache = cache;
        this.authState = authState;
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(UserRegisteredEvent event, @SequenceNumber long sequence, ReplayStatus replay) {
        // A replay this node started runs on the table its reset handler truncated: no row can exist
        // yet, so the per-event existence query is skipped. Otherwise (tokens deleted by hand, a dead
        // letter retried) the row may exist.
        if (!(replay.isReplay() && rebuildingFromEmptyTable) && users.existsById(event.userId())) {
            return; // already applied
        }
        if (!replay.isReplay()) {
            rebuildingFromEmptyTable = false;
        }
        UserEntity user = created(event, sequence);
        users.save(user);
        if (!replay.isReplay()) {
            cache.refreshAfterCommit(user);
            authState.refreshAfterCommit(user);
        }
    }

    @EventHandler
    void on(UserProfileUpdatedEvent event, @SequenceNumber long sequence, ReplayStatus replay) {
        update(event.userId(), event, sequence, replay);
    }

    @EventHandler
    void on(UsernameSetEvent event, @SequenceNumber long sequence, ReplayStatus replay) {
        update(event.userId(), event, sequence, replay);
    }

    @EventHandler
    void on(UserEmailChangedEvent event, @SequenceNumber long sequence, ReplayStatus replay) {
        update(event.userId(), event, sequence, replay);
    }

    @EventHandler
    void on(UserPhoneChangedEvent event, @SequenceNumber long sequence, ReplayStatus replay) {
        update(event.userId(), event, sequence, replay);
    }

    @EventHandler
    void on(UserRoleChangedEvent event, @SequenceNumber long sequence, ReplayStatus replay) {
        update(event.userId(), event, sequence, replay);
    }

    @EventHandler
    void on(UserDeactivatedEvent event, @SequenceNumber long sequence, ReplayStatus replay) {
        update(event.userId(), event, sequence, replay);
    }

    @EventHandler
    void on(UserActivatedEvent event, @SequenceNumber long sequence, ReplayStatus replay) {
        update(event.userId(), event, sequence, replay);
    }

    @EventHandler
    void on(PasswordChangedEvent event, @SequenceNumber long sequence, ReplayStatus replay) {
        update(event.userId(), event, sequence, replay);
    }

    @EventHandler
    void on(TelegramSettingsChangedEvent event, @SequenceNumber long sequence, ReplayStatus replay) {
        update(event.userId(), event, sequence, replay);
    }

    @EventHandler
    void on(SessionRevokedEvent event, ReplayStatus replay) {
        if (!replay.isReplay()) {
            authState.denyAfterCommit(event.accessTokenId(), event.accessTokenExpiresAt(), Instant.now());
        }
    }

    /** A replay starts from an empty table and without the Redis entries built from the old one. */
    @ResetHandler
    void reset() {
        rebuildingFromEmptyTable = true;
        jdbc.update("TRUNCATE users_view");
        cache.dropAll();
        authState.dropAll();
    }

    private void update(String userId, Object event, long sequence, ReplayStatus replay) {
        users.findById(userId).filter(user -> user.getVersion() < sequence).ifPresent(user -> {
            boolean accessChanged = apply(user, event);
            user.setVersion(sequence);
            if (!replay.isReplay()) {
                cache.refreshAfterCommit(user);
                if (accessChanged) {
                    authState.refreshAfterCommit(user);
                }
            }
        });
    }

    private static UserEntity created(UserRegisteredEvent event, long sequence) {
        UserEntity user = UserEntity.created(event.userId(), event.registeredAt());
        user.setEmail(event.email());
        user.setPhoneNumber(event.phoneNumber());
        user.setFullName(event.fullName());
        user.setRole(event.role());
        user.setActive(true);
        user.setVersion(sequence);
        return user;
    }

    /**
     * The row as the events say it is, built in memory straight from the event store (used while the
     * table is being replayed). Empty when the user has no events.
     */
    public static Optional<UserEntity> fromEvents(DomainEventStream events) {
        UserEntity user = null;
        while (events.hasNext()) {
            DomainEventMessage<?> message = events.next();
            Object event = message.getPayload();
            if (event instanceof UserRegisteredEvent registered) {
                user = created(registered, message.getSequenceNumber());
            } else if (user != null) {
                apply(user, event);
                user.setVersion(message.getSequenceNumber());
            }
        }
        return Optional.ofNullable(user);
    }

    /** Applies one event to a row; true when the account's access state (active, role, token age) changed. */
    static boolean apply(UserEntity user, Object event) {
        if (event instanceof UserProfileUpdatedEvent e) {
            if (e.fullName() != null) {
                user.setFullName(e.fullName());
            }
            if (e.bio() != null) {
                user.setBio(e.bio());
            }
            if (e.avatar() != null) {
                user.setAvatar(e.avatar());
            }
            user.setUpdatedAt(e.updatedAt());
        } else if (event instanceof UsernameSetEvent e) {
            user.setUsername(e.username());
            user.setUpdatedAt(e.setAt());
        } else if (event instanceof UserEmailChangedEvent e) {
            user.setEmail(e.email());
            user.setUpdatedAt(e.changedAt());
        } else if (event instanceof UserPhoneChangedEvent e) {
            user.setPhoneNumber(e.phoneNumber());
            user.setUpdatedAt(e.changedAt());
        } else if (event instanceof TelegramSettingsChangedEvent e) {
            user.setTelegramEnabled(e.enabled());
            user.setTelegramBotToken(e.encryptedBotToken());
            user.setTelegramChatId(e.chatId());
            user.setUpdatedAt(e.changedAt());
        } else if (event instanceof UserRoleChangedEvent e) {
            user.setRole(e.role());
            user.setUpdatedAt(e.changedAt());
            return true;
        } else if (event instanceof UserDeactivatedEvent e) {
            user.setActive(false);
            user.setUpdatedAt(e.deactivatedAt());
            return true;
        } else if (event instanceof UserActivatedEvent e) {
            user.setActive(true);
            user.setUpdatedAt(e.activatedAt());
            return true;
        } else if (event instanceof PasswordChangedEvent e) {
            user.setTokensNotBefore(e.changedAt());
            user.setUpdatedAt(e.changedAt());
            return true;
        }
        return false;
    }
}
