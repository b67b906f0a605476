package io.wework.identity.projection;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.wework.identity.api.UserRegisteredEvent;
import io.wework.platform.processing.ReadModelWriteException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.ConcurrentMap;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes {@code users_view} for both of its processors: {@link UserInlineProjection} (every new
 * event, inside the command's own transaction) and {@link UserProjection} (a replay). The rows a
 * transaction touches are folded in memory ({@link UserFold}) and written once, when its unit of
 * work prepares to commit, as conditional upserts ({@link UserRows}).
 * <p>
 * The inline path needs the row at the version just before the event. It takes it from a small
 * node-local map of rows it wrote (a row at version n is the same on every node, so the map can
 * never be stale, only absent), else from the table; when the row is missing or behind (a replay
 * truncated the table, or one is still rebuilding it), it folds the user's stored events from the
 * event store instead. So the inline row is right whatever else runs.
 */
@Component
public class UsersViewWriter {

    private static final String BATCH = UsersViewWriter.class.getName() + ".batch";

    private final UserRows rows;
    private final UserCache cache;
    private final AuthStateGuard authState;
    private final ObjectProvider<EventStore> eventStore;
    /** Rows this node committed, by user id; copies go in and come out. */
    private final ConcurrentMap<String, UserEntity> recent;

    public UsersViewWriter(UserRows rows, UserCache cache, AuthStateGuard authState, ObjectProvider<EventStore> eventStore,
                           UserCacheSettings settings) {
        this.rows = rows;
        this.cache = cache;
        this.authState = authState;
        this.eventStore = eventStore;
        this.recent = Caffeine.newBuilder().maximumSize(settings.inlineRows()).<String, UserEntity>build().asMap();
    }

    /**
     * The rows one unit of work changed and, inline, the access state each started from ({@code null}
     * when the row was missing or behind), or that it is a new user's.
     */
    private static final class Batch {
        final Map<String, UserEntity> rows = new LinkedHashMap<>();
        final Map<String, AuthState> accessBefore = new HashMap<>();
        final Set<String> newUsers = new HashSet<>();
        final boolean inline;

        Batch(boolean inline) {
            this.inline = inline;
        }
    }

    /** A new event of the command's own transaction. */
    void applyInline(DomainEventMessage<?> message) {
        if (!UserFold.AGGREGATE_TYPE.equals(message.getType())) {
            return;
        }
        Batch batch = batch(true);
        String id = message.getAggregateIdentifier();
        long sequence = message.getSequenceNumber();
        UserEntity row = batch.rows.get(id);
        boolean first = row == null;
        if (first) {
            row = startingRow(id, message.getPayload());
        }
        boolean behind = row == null ? !(message.getPayload() instanceof UserRegisteredEvent) : row.getVersion() < sequence - 1;
        if (first && row == null && !behind) {
            batch.newUsers.add(id);
        } else if (first) {
            batch.accessBefore.put(id, row == null || behind ? null : AuthState.of(row));
        }
        if (behind) {
            // missing or behind: fold what the event store holds (this transaction's own events included)
            row = UserFold.foldAll(row, eventStore.getObject().readEvents(id, row == null ? 0 : row.getVersion() + 1));
        }
        record(batch, id, row, message);
    }

    /** An event of a replay (in order, from the first event). */
    void applyReplayed(DomainEventMessage<?> message) {
        if (!UserFold.AGGREGATE_TYPE.equals(message.getType())) {
            return;
        }
        Batch batch = batch(false);
        String id = message.getAggregateIdentifier();
        UserEntity row = batch.rows.get(id);
        if (row == null && !(message.getPayload() instanceof UserRegisteredEvent)) {
            // a registration needs no lookup: if the row exists, it is at least as new and the upsert keeps it
            row = rows.find(id).orElse(null);
            if (row == null) {
                row = UserFold.foldAll(null, eventStore.getObject().readEvents(id, 0));
            }
        }
        if (row != null && row.getVersion() < message.getSequenceNumber() - 1) {
            // never fold an event onto a row that misses earlier ones
            row = UserFold.foldAll(row, eventStore.getObject().readEvents(id, row.getVersion() + 1));
        }
        record(batch, id, row, message);
    }

    /** A replay starts from an empty table and without the Redis entries built from the old one. */
    void reset() {
        rows.truncate();
        cache.dropAll();
        authState.dropAll();
    }

    private void record(Batch batch, String id, UserEntity row, DomainEventMessage<?> message) {
        UserEntity next = UserFold.fold(row, message.getPayload(), message.getSequenceNumber());
        if (next == null) {
            return; // events of a user whose registration the store does not hold: nothing to show
        }
        batch.rows.put(id, next);
    }

    /** The row at the version before {@code event}, as far as memory or the table know it. */
    private UserEntity startingRow(String id, Object event) {
        UserEntity known = recent.get(id);
        if (known != null) {
            return known.copy();
        }
        if (event instanceof UserRegisteredEvent) {
            return null;
        }
        return rows.find(id).orElse(null);
    }

    /**
     * The rows of a unit of work, written in its prepare-commit phase after every event handler has
     * run. Inline: the root unit of work, the command's, so the rows are written after the identity
     * claims (a claim lost to a concurrent command fails the command before any row is written). A
     * replay: the unit of work handling the event, which is the batch's, or an event's own when a
     * failed batch is retried event by event (so that the event that cannot be stored is dead-lettered).
     */
    private Batch batch(boolean inline) {
        UnitOfWork<?> unitOfWork = inline ? CurrentUnitOfWork.get().root() : CurrentUnitOfWork.get();
        return unitOfWork.getOrComputeResource(BATCH, key -> {
            Batch batch = new Batch(inline);
            unitOfWork.onPrepareCommit(u -> flush(batch));
            return batch;
        });
    }

    private void flush(Batch batch) {
        if (batch.rows.isEmpty()) {
            return;
        }
        if (!batch.inline) {
            rows.upsert(batch.rows.values());
            return; // a replay leaves Redis alone: readers use the event store until it ends
        }
        try {
            rows.upsert(batch.rows.values());
        } catch (DataIntegrityViolationException e) {
            // PostgreSQL refused the data itself (a value its columns cannot hold): fail the command clearly
            throw new ReadModelWriteException("users_view", "the rows of " + batch.rows.keySet(), e);
        }
        for (UserEntity row : batch.rows.values()) {
            AuthState before = batch.accessBefore.get(row.getId());
            boolean newUser = batch.newUsers.contains(row.getId());
            if (!newUser) {
                // before the commit: whatever becomes of the write after it, the old profile is no longer served
                cache.markBeforeCommit(row.getId(), row.getVersion());
            }
            cache.refreshAfterCommit(row);
            if (newUser) {
                authState.refreshAfterCommit(row); // no entry can exist yet: nothing to invalidate
            } else if (before == null || !before.sameAccess(AuthState.of(row))) {
                // before the commit: whatever becomes of the write after it, the old state is no longer served
                authState.markBeforeCommit(row.getId(), row.getVersion());
                authState.refreshAfterCommit(row);
            }
        }
        Map<String, UserEntity> committed = new LinkedHashMap<>();
        batch.rows.forEach((id, row) -> committed.put(id, row.copy()));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                recent.putAll(committed);
            }
        });
    }
}
