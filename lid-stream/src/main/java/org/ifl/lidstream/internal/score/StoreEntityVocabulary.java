package org.ifl.lidstream.internal.score;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.ifl.entities.Entity;
import org.ifl.schemas.avro.DatasetEntity;
import org.ifl.schemas.topic.RecordKey;

/**
 * A dataset's vocabulary read from the global table of eval.entities (keys {@code dataset|entityId}, so a
 * dataset is one prefix). Matching needs each form normalised, so a dataset's entities are built once and kept
 * for {@link #REFRESH}, then read again: an entity published later is used within that time.
 */
public final class StoreEntityVocabulary implements EntityVocabulary {
    static final Duration REFRESH = Duration.ofSeconds(30);
    private static final StringSerializer KEYS = new StringSerializer();

    private final ReadOnlyKeyValueStore<String, ValueAndTimestamp<DatasetEntity>> store;
    private final LongSupplier nanos;
    private final Map<String, Loaded> loaded = new HashMap<>();

    public StoreEntityVocabulary(ReadOnlyKeyValueStore<String, ValueAndTimestamp<DatasetEntity>> store,
            LongSupplier nanos) {
        this.store = store;
        this.nanos = nanos;
    }

    private record Loaded(List<Entity> entities, long atNanos) {
    }

    @Override
    public List<Entity> entities(String dataset) {
        long now = nanos.getAsLong();
        Loaded cached = loaded.get(dataset);
        if (cached == null || now - cached.atNanos() > REFRESH.toNanos()) {
            List<Entity> entities = new ArrayList<>();
            try (KeyValueIterator<String, ValueAndTimestamp<DatasetEntity>> it =
                    store.prefixScan(RecordKey.of(dataset) + "|", KEYS)) {
                it.forEachRemaining(kv -> {
                    if (kv.value != null && kv.value.value() != null) {
                        var e = kv.value.value().getEntity();
                        entities.add(Entity.of(e.getEntityId(), e.getSurfaceForms()));
                    }
                });
            }
            cached = new Loaded(List.copyOf(entities), now);
            loaded.put(dataset, cached);
        }
        return cached.entities();
    }
}
