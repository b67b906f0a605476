package io.wework.platform.axon;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * The cache of loaded aggregates behind Axon's caching repository ({@code @Aggregate(cache = …)}),
 * which never hands out a stale copy: on every hit it asks the event store whether events were
 * stored after the cached version (one indexed query that normally finds nothing) and answers a
 * miss when they were, so the repository reloads the aggregate (snapshot plus later events). A
 * change made by another node is therefore always seen before a command is decided. Two nodes
 * appending at the same moment are still told apart by the store's unique (aggregate, sequence)
 * key: the loser rolls back, the repository drops its entry, and the command answers 409
 * {@code concurrent_modification} (nothing stored; the client retries on fresh state).
 * <p>
 * Size-bounded (least recently used evicted, Caffeine); Axon itself ships only a weak-reference
 * cache, which every young-generation collection empties, and JCache/Ehcache adapters. Entry
 * listeners are not supported (Axon's repositories register none).
 */
public final class CheckedAggregateCache implements Cache {

    private final ConcurrentMap<Object, Object> entries;
    private final Supplier<EventStore> eventStore;

    public CheckedAggregateCache(long maxEntries, Supplier<EventStore> eventStore) {
        this.entries = Caffeine.newBuilder().maximumSize(maxEntries).build().asMap();
        this.eventStore = eventStore;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Object value = entries.get(key);
        if (value instanceof AggregateCacheEntry<?> entry && isStale(key.toString(), entry)) {
            entries.remove(key, value);
            return null;
        }
        return (V) value;
    }

    private boolean isStale(String aggregateId, AggregateCacheEntry<?> entry) {
        // the entry holds the live aggregate; the arguments are only needed to rebuild a deserialized one
        EventSourcedAggregate<?> aggregate = entry.recreateAggregate(null, null, null, null);
        Long version = aggregate == null ? null : aggregate.version();
        if (version == null) {
            return true;
        }
        return eventStore.get().readEvents(aggregateId, version + 1).hasNext();
    }

    @Override
    public void put(Object key, Object value) {
        entries.put(key, value);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return entries.putIfAbsent(key, value) == null;
    }

    @Override
    public boolean remove(Object key) {
        return entries.remove(key) != null;
    }

    @Override
    public void removeAll() {
        entries.clear();
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        throw new UnsupportedOperationException("entry listeners are not supported");
    }
}
