package org.ifl.schemas.topic;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/** How a topic is created: its partition count and topic-level configs. */
public record TopicSpec(int partitions, Map<String, String> configs) {

    public TopicSpec {
        if (partitions < 1) {
            throw new IllegalArgumentException("a topic needs at least one partition, not " + partitions);
        }
        configs = Map.copyOf(configs);
    }

    /** Keeps only the latest value per key, for ever. */
    public static TopicSpec compacted(int partitions) {
        return new TopicSpec(partitions, Map.of("cleanup.policy", "compact"));
    }

    /**
     * {@code message.timestamp.type} for a topic whose records carry their event time in their payload: the broker
     * stamps each record with when it wrote it, and retention counts from then.
     */
    public static final String WRITE_TIME = "LogAppendTime";

    /**
     * Deletes records {@code retention} after the broker wrote them; {@code null} keeps them for ever. Retention
     * counts from the write ({@link #WRITE_TIME}), not from the time a producer gives: a replay of a two-year-old
     * run is kept as long as a live one, and the stages read each record's event time from its payload.
     */
    public static TopicSpec retained(int partitions, Duration retention) {
        return new TopicSpec(partitions, Map.of("cleanup.policy", "delete",
                "retention.ms", retention == null ? "-1" : Long.toString(retention.toMillis()),
                "message.timestamp.type", WRITE_TIME));
    }

    /** A short description for tables: "compacted" or "retained 30 d". */
    public String retentionSummary() {
        if ("compact".equals(configs.get("cleanup.policy"))) {
            return "compacted";
        }
        long ms = Long.parseLong(configs.getOrDefault("retention.ms", "604800000"));
        return ms < 0 ? "kept for ever" : "deleted after " + Duration.ofMillis(ms).toDays() + " d";
    }

    public Map<String, String> sortedConfigs() {
        return new TreeMap<>(configs);
    }
}
