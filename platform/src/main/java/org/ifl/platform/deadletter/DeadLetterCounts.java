package org.ifl.platform.deadletter;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many records each stage of this JVM has dead-lettered, by {@link DeadLetterReason}, for its metrics. Static
 * because Kafka Streams instantiates exception handlers itself, by class name.
 */
public final class DeadLetterCounts {
    private static final Map<String, AtomicLong> BY_STAGE_AND_REASON = new ConcurrentHashMap<>();

    private DeadLetterCounts() {
    }

    static void increment(String stage, DeadLetterReason reason) {
        BY_STAGE_AND_REASON.computeIfAbsent(key(stage, reason), s -> new AtomicLong()).incrementAndGet();
    }

    public static long count(String stage, DeadLetterReason reason) {
        AtomicLong count = BY_STAGE_AND_REASON.get(key(stage, reason));
        return count == null ? 0 : count.get();
    }

    /** All of the stage's dead letters, whatever their reason. */
    public static long count(String stage) {
        long total = 0;
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            total += count(stage, reason);
        }
        return total;
    }

    private static String key(String stage, DeadLetterReason reason) {
        return stage + '\0' + reason.name();
    }
}
