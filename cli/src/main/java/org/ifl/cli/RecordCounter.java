package org.ifl.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Counts the records of topics by reading them ({@link CommittedRead}): every partition from its beginning to the
 * end offset it had when counting began (the last stable offset), so transaction markers and aborted records are
 * not counted.
 */
final class RecordCounter implements AutoCloseable {
    private final CommittedRead read;

    /**
     * @param kafkaConfig  the cluster's client settings (bootstrap servers, security)
     * @param stallTimeout give up when no partition makes progress for this long
     */
    RecordCounter(Map<String, Object> kafkaConfig, Duration stallTimeout) {
        this.read = new CommittedRead(kafkaConfig, "ifl-topics-exact-count", stallTimeout);
    }

    /** Records per topic of {@code topics}; a topic's partitions are 0 to its partition count - 1. */
    Map<String, Long> count(List<TopicSummary> topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        Map<String, Long> counts = new HashMap<>();
        for (TopicSummary topic : topics) {
            counts.put(topic.name(), 0L);
            for (int p = 0; p < topic.partitions(); p++) {
                partitions.add(new TopicPartition(topic.name(), p));
            }
        }
        read.toEnd(partitions, "counting records", record -> counts.merge(record.topic(), 1L, Long::sum));
        return counts;
    }

    @Override
    public void close() {
        read.close();
    }
}
