package io.wework.identity.projection;

import java.util.Optional;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * A user's {@code users_view} row as the readers' fallback behind Redis, never older than the event
 * store: the row is compared with the user's last stored sequence number and, when it is missing or
 * behind (a replay interrupted by a crash, a row truncated by hand), the missing events are folded in
 * memory. One indexed query more, on cache misses only.
 */
@Component
public class UserRowReader {

    private final UserViewRepository users;
    private final ObjectProvider<EventStore> eventStore;

    public UserRowReader(UserViewRepository users, ObjectProvider<EventStore> eventStore) {
        this.users = users;
        this.eventStore = eventStore;
    }

    public Optional<UserEntity> current(String userId) {
        return current(userId, users.findById(userId));
    }

    /** {@code row}, or what the event store says the row should be when it is missing or behind. */
    public Optional<UserEntity> current(String userId, Optional<UserEntity> row) {
        EventStore store = eventStore.getObject();
        Optional<Long> last = store.lastSequenceNumberFor(userId);
        if (last.isEmpty() || (row.isPresent() && row.get().getVersion() >= last.get())) {
            return row;
        }
        UserEntity start = row.map(UserEntity::copy).orElse(null);
        return Optional.ofNullable(UserFold.foldAll(start, store.readEvents(userId, start == null ? 0 : start.getVersion() + 1)));
    }

    public Optional<UserEntity> byUsername(String username) {
        Optional<UserEntity> row = users.findByUsername(username);
        return row.isEmpty() ? row : current(row.get().getId(), row);
    }
}
