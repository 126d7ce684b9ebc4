package org.ifl.statsstream.topology;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values a processor last read from or wrote to one of its stores, as objects, for the most recently
 * used keys: a read served here skips the store's cache lookup and the deserialization. What is written to
 * the store (it stays the truth, changelogged) is put here too. Only the processor that owns the store
 * writes to it, so an entry is never stale while the processor runs; the processor empties it in
 * {@code init}, which Kafka Streams calls again whenever the task's stores are restored.
 */
final class RecentValues<K, V> {
    private final Map<K, V> values;

    RecentValues(int capacity) {
        this.values = new LinkedHashMap<>(capacity * 4 / 3 + 1, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The value of {@code key}: remembered, or read by {@code store} (and remembered if not null). */
    V get(K key, java.util.function.Function<K, V> store) {
        V value = values.get(key);
        if (value == null) {
            value = store.apply(key);
            if (value != null) {
                values.put(key, value);
            }
        }
        return value;
    }

    void put(K key, V value) {
        values.put(key, value);
    }

    void remove(K key) {
        values.remove(key);
    }

    void clear() {
        values.clear();
    }
}
