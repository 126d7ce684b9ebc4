package org.ifl.platform.deadletter;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many records each stage of this JVM has dead-lettered, for its metrics. Static because Kafka Streams
 * instantiates exception handlers itself, by class name.
 */
public final class DeadLetterCounts {
    private static final Map<String, AtomicLong> BY_STAGE = new ConcurrentHashMap<>();

    private DeadLetterCounts() {
    }

    static void increment(String stage) {
        BY_STAGE.computeIfAbsent(stage, s -> new AtomicLong()).incrementAndGet();
    }

    public static long count(String stage) {
        AtomicLong count = BY_STAGE.get(stage);
        return count == null ? 0 : count.get();
    }
}
