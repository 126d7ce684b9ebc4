package org.ifl.platform.service;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * One set of tag keys for each Kafka Streams state-store meter, whatever the store's kind. Streams names the store
 * of a state metric by a tag that says its kind ({@code rocksdb-state-id}, {@code rocksdb-window-state-id},
 * {@code in-memory-state-id}, ...) under one metric name, and Prometheus takes one set of tag keys per name: in a
 * stage with a key-value and a window store, the second kind's meters failed to register. Here every store's meters
 * carry {@code store} (its name) and {@code store.kind} ({@code rocksdb}, {@code rocksdb.window}, ...) instead.
 */
@Singleton
final class StateStoreMeterTags implements MeterFilter {
    /** The meters {@code KafkaStreamsMetrics} makes of the group {@code stream-state-metrics}. */
    static final String STATE_METERS = "kafka.stream.state.";
    static final String STORE = "store";
    static final String STORE_KIND = "store.kind";
    private static final String STORE_ID = ".state.id";

    @Override
    public Meter.Id map(Meter.Id id) {
        if (!id.getName().startsWith(STATE_METERS)) {
            return id;
        }
        List<Tag> tags = new ArrayList<>();
        boolean renamed = false;
        for (Tag tag : id.getTagsAsIterable()) {
            if (tag.getKey().endsWith(STORE_ID)) {
                tags.add(Tag.of(STORE, tag.getValue()));
                tags.add(Tag.of(STORE_KIND, tag.getKey().substring(0, tag.getKey().length() - STORE_ID.length())));
                renamed = true;
            } else {
                tags.add(tag);
            }
        }
        return renamed ? id.replaceTags(tags) : id;
    }
}
