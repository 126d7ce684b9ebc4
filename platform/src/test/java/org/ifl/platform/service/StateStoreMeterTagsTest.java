package org.ifl.platform.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micronaut.context.ApplicationContext;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The state-store meters of a key-value and a window store, as {@code KafkaStreamsMetrics} names them, registered
 * with a service's meter registry: one name, one set of tag keys (what Prometheus requires), and both stores there.
 */
class StateStoreMeterTagsTest {
    private static final String NAME = StateStoreMeterTags.STATE_METERS + "number.file.errors.total";

    @Test
    void aKeyValueAndAWindowStoreShareTheTagKeysOfTheirCommonMeters() {
        try (ApplicationContext context = ApplicationContext.run()) {
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            register(meters, "rocksdb.state.id", "stats-cells");
            register(meters, "rocksdb.window.state.id", "stats-slices");

            Collection<Meter> registered = meters.find(NAME).meters();
            assertEquals(Set.of("stats-cells rocksdb", "stats-slices rocksdb.window"), registered.stream()
                    .map(m -> m.getId().getTag(StateStoreMeterTags.STORE) + " "
                            + m.getId().getTag(StateStoreMeterTags.STORE_KIND))
                    .collect(Collectors.toSet()));
            assertEquals(Set.of(Set.of("kafka.version", "task.id", "thread.id", "store", "store.kind")),
                    registered.stream().map(StateStoreMeterTagsTest::tagKeys).collect(Collectors.toSet()));
        }
    }

    @Test
    void otherMetersKeepTheirTags() {
        Meter.Id id = new Meter.Id("kafka.stream.thread.commit.total", Tags.of("thread.id", "t1"), null, null,
                Meter.Type.GAUGE);
        assertEquals(id, new StateStoreMeterTags().map(id));
    }

    private static void register(MeterRegistry meters, String storeTag, String store) {
        Gauge.builder(NAME, () -> 0.0).tags("kafka.version", "4.3.1", storeTag, store, "task.id", "1_1",
                "thread.id", "stats-StreamThread-1").register(meters);
    }

    private static Set<String> tagKeys(Meter meter) {
        return meter.getId().getTags().stream().map(Tag::getKey).collect(Collectors.toSet());
    }
}
