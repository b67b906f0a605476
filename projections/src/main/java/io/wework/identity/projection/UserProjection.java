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
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

/**
 * Builds {@code users_view}, and after each commit refreshes the Redis profile entry and the
 * account's access state. Runs in the pooled streaming processor {@value #GROUP}: rows and the
 * processor's token commit in one transaction, so each event takes effect exactly once; an event
 * whose sequence number the row already reflects is skipped.
 */
@Component
@ProcessingGroup(UserProjection.GROUP)
public class UserProjection {

    public static final String GROUP = "users";

    private final UserViewRepository users;
    private final UserCache cache;
    private final AuthStateGuard authState;

    public UserProjection(UserViewRepository users, UserCache cache, AuthStateGuard authState) {
        this.users = users;
        this.cache = cache;
        this.authState = authState;
    }

    @EventHandler
    void on(UserRegisteredEvent event, @SequenceNumber long sequence) {
        if (users.existsById(event.userId())) {
            return; // already applied
        }
        UserEntity user = UserEntity.created(event.userId(), event.registeredAt());
        user.setEmail(event.email());
        user.setPhoneNumber(event.phoneNumber());
        user.setFullName(event.fullName());
        user.setRole(event.role());
        user.setActive(true);
        user.setVersion(sequence);
        users.save(user);
        cache.refreshAfterCommit(user);
        authState.refreshAfterCommit(user);
    }

    @EventHandler
    void on(UserProfileUpdatedEvent event, @SequenceNumber long sequence) {
        update(event.userId(), sequence, event.updatedAt(), false, user -> {
            if (event.fullName() != null) {
                user.setFullName(event.fullName());
            }
            if (event.bio() != null) {
                user.setBio(event.bio());
            }
            if (event.avatar() != null) {
                user.setAvatar(event.avatar());
            }
        });
    }

    @EventHandler
    void on(UsernameSetEvent event, @SequenceNumber long sequence) {
        update(event.userId(), sequence, event.setAt(), false, user -> user.setUsername(event.username()));
    }

    @EventHandler
    void on(UserEmailChangedEvent event, @SequenceNumber long sequence) {
        update(event.userId(), sequence, event.changedAt(), false, user -> user.setEmail(event.email()));
    }

    @EventHandler
    void on(UserPhoneChangedEvent event, @SequenceNumber long sequence) {
        update(event.userId(), sequence, event.changedAt(), false, user -> user.setPhoneNumber(event.phoneNumber()));
    }

    @EventHandler
    void on(UserRoleChangedEvent event, @SequenceNumber long sequence) {
        update(event.userId(), sequence, event.changedAt(), true, user -> user.setRole(event.role()));
    }

    @EventHandler
    void on(UserDeactivatedEvent event, @SequenceNumber long sequence) {
        update(event.userId(), sequence, event.deactivatedAt(), true, user -> user.setActive(false));
    }

    @EventHandler
    void on(UserActivatedEvent event, @SequenceNumber long sequence) {
        update(event.userId(), sequence, event.activatedAt(), true, user -> user.setActive(true));
    }

    @EventHandler
    void on(PasswordChangedEvent event, @SequenceNumber long sequence) {
        update(event.userId(), sequence, event.changedAt(), true, user -> user.setTokensNotBefore(event.changedAt()));
    }

    @EventHandler
    void on(TelegramSettingsChangedEvent event, @SequenceNumber long sequence) {
        update(event.userId(), sequence, event.changedAt(), false, user -> {
            user.setTelegramEnabled(event.enabled());
            user.setTelegramBotToken(event.encryptedBotToken());
            user.setTelegramChatId(event.chatId());
        });
    }

    @EventHandler
    void on(SessionRevokedEvent event, @Timestamp Instant at) {
        authState.denyAfterCommit(event.accessTokenId(), event.accessTokenExpiresAt(), Instant.now());
    }

    private void update(String userId, long sequence, Instant at, boolean accessChanged, Consumer<UserEntity> change) {
        users.findById(userId).filter(user -> user.getVersion() < sequence).ifPresent(user -> {
            change.accept(user);
            user.setVersion(sequence);
            user.setUpdatedAt(at);
            cache.refreshAfterCommit(user);
            if (accessChanged) {
                authState.refreshAfterCommit(user);
            }
        });
    }
}
