package org.ifl.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Counts the records of topics by reading them: a read_committed consumer, without a group, reads every
 * partition from its beginning to the end offset it had when counting began (the last stable offset), so
 * transaction markers and aborted records are not counted.
 */
final class RecordCounter implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Duration stallTimeout;

    /** {@code stallTimeout}: give up when no partition makes progress for this long. */
    /** @param kafkaConfig the cluster's client settings (bootstrap servers, security) */
    RecordCounter(Map<String, Object> kafkaConfig, Duration stallTimeout) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "ifl-topics-exact-count");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(stallTimeout.toMillis(), 30_000));
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) stallTimeout.toMillis());
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.stallTimeout = stallTimeout;
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
        consumer.assign(partitions); // a read_committed consumer learns last stable offsets of assigned ones
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, stallTimeout);
        Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions, stallTimeout);
        Map<TopicPartition, Long> remaining = new HashMap<>();
        ends.forEach((tp, end) -> {
            if (end > begins.get(tp)) {
                remaining.put(tp, end);
            }
        });
        consumer.assign(remaining.keySet());
        if (remaining.isEmpty()) {
            return counts;
        }
        consumer.seekToBeginning(remaining.keySet());

        Map<TopicPartition, Long> positions = new HashMap<>();
        long lastProgress = System.nanoTime();
        while (!remaining.isEmpty()) {
            boolean progressed = false;
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                Long end = remaining.get(tp);
                if (end != null && record.offset() < end) {
                    counts.merge(record.topic(), 1L, Long::sum);
                    progressed = true;
                }
            }
            List<TopicPartition> done = new ArrayList<>();
            for (Map.Entry<TopicPartition, Long> partition : remaining.entrySet()) {
                long position = consumer.position(partition.getKey(), stallTimeout);
                Long before = positions.put(partition.getKey(), position);
                progressed |= before == null || before != position; // markers move it without records
                if (position >= partition.getValue()) {
                    done.add(partition.getKey());
                }
            }
            done.forEach(remaining::remove);
            consumer.pause(done);
            if (progressed) {
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > stallTimeout.toNanos()) {
                throw new CommandFailure("counting records made no progress for " + stallTimeout.toSeconds()
                        + " s; still unread: " + remaining.keySet());
            }
        }
        return counts;
    }

    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(1)));
    }
}
