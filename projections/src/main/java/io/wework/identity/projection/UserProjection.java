package io.wework.identity.projection;

import io.wework.identity.api.UserRegisteredEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.stereotype.Component;

/**
 * Builds {@code users_view} (and refreshes the Redis entry after commit). Runs in the pooled
 * streaming processor {@value #GROUP}: rows and the processor's token commit in one transaction,
 * so each event takes effect exactly once.
 */
@Component
@ProcessingGroup(UserProjection.GROUP)
public class UserProjection {

    public static final String GROUP = "users";

    private final UserViewRepository users;
    private final UserCache cache;

    public UserProjection(UserViewRepository users, UserCache cache) {
        this.users = users;
        this.cache = cache;
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
    }
}
