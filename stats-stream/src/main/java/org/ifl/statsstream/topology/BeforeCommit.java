package org.ifl.statsstream.topology;

import java.util.Map;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * A store that holds nothing and tells its processor when the task is about to commit. A processor otherwise
 * never learns of a commit; this lets it keep sums that change with every record as objects and write them to
 * their stores once per commit instead of once per record.
 *
 * <p>How: before a task commits its transaction (exactly-once) or its offsets, Kafka Streams flushes the cache
 * of each of the task's stores, in the order they registered, then the task's producer; the task's stores
 * commit only afterwards. This store takes part as a cache ({@link CachedStateStore}, an interface internal to
 * Kafka Streams), so what {@link #runBeforeEachCommit}'s action writes to the other stores is sent within the
 * commit that covers the records it sums. The stores it writes must not be cached themselves (their caches
 * may flush before this one). {@code ExactlyOnceSumsIT} fails if a Kafka Streams upgrade changes this.
 */
final class BeforeCommit implements StateStore, CachedStateStore<Object, Object> {
    private final String name;
    private Runnable action = () -> { };
    private boolean open;

    private BeforeCommit(String name) {
        this.name = name;
    }

    /** The action the task's commit runs; replaces the one before (a processor sets it in {@code init}). */
    void runBeforeEachCommit(Runnable action) {
        this.action = action;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        context.register(root, (key, value) -> {
            throw new IllegalStateException(name + " has no changelog and restores nothing");
        });
        open = true;
    }

    /** Called by the task before each commit: runs the action. */
    @Override
    public void flushCache() {
        action.run();
    }

    /** Called when the task closes without committing: what the action would have written is dropped by the
     *  processor, whose {@code init} starts from the stores again. */
    @Override
    public void clearCache() {
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<Object, Object> listener, boolean sendOldValues) {
        return false;
    }

    @Override
    public void close() {
        action = () -> { };
        open = false;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    static StoreBuilder<BeforeCommit> builder(String name) {
        return new StoreBuilder<>() {
            @Override
            public StoreBuilder<BeforeCommit> withCachingEnabled() {
                return this;
            }

            @Override
            public StoreBuilder<BeforeCommit> withCachingDisabled() {
                return this;
            }

            @Override
            public StoreBuilder<BeforeCommit> withLoggingEnabled(Map<String, String> config) {
                throw new UnsupportedOperationException(name + " holds nothing to log");
            }

            @Override
            public StoreBuilder<BeforeCommit> withLoggingDisabled() {
                return this;
            }

            @Override
            public BeforeCommit build() {
                return new BeforeCommit(name);
            }

            @Override
            public Map<String, String> logConfig() {
                return Map.of();
            }

            @Override
            public boolean loggingEnabled() {
                return false;
            }

            @Override
            public String name() {
                return name;
            }
        };
    }
}
