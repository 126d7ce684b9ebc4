package org.ifl.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads partitions as the stages committed them, without a consumer group (nothing is committed, nothing of the
 * cluster changes): {@link #toEnd} from each partition's beginning to the end offset it had when the read began
 * (read_committed: the last stable offset, so transaction markers and aborted records are skipped), then
 * {@link #pollOnce} for what arrives after. Fails when no partition makes progress for the stall timeout.
 */
final class CommittedRead implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Duration stallTimeout;
    private final List<TopicPartition> read = new ArrayList<>();

    /** @param kafkaConfig the cluster's client settings (bootstrap servers, security) */
    CommittedRead(Map<String, Object> kafkaConfig, String clientId, Duration stallTimeout) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(stallTimeout.toMillis(), 30_000));
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) stallTimeout.toMillis());
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.stallTimeout = stallTimeout;
    }

    /** The partitions of {@code topic}; a failure naming it when the cluster has no such topic. */
    List<TopicPartition> partitionsOf(String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, stallTimeout);
        if (infos == null || infos.isEmpty()) {
            throw new CommandFailure("no topic " + topic + " on the cluster; create the topics with `ifl topics "
                    + "create` or start the platform");
        }
        return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    /** Every record now in {@code partitions}, each partition in its order; {@code doing} names the work in a failure. */
    void toEnd(List<TopicPartition> partitions, String doing, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        read.clear();
        read.addAll(partitions);
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
            return;
        }
        consumer.seekToBeginning(remaining.keySet());
        Map<TopicPartition, Long> nonEmptyEnds = Map.copyOf(remaining);

        Map<TopicPartition, Long> positions = new HashMap<>();
        long lastProgress = System.nanoTime();
        while (!remaining.isEmpty()) {
            boolean progressed = false;
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                Long end = remaining.get(new TopicPartition(record.topic(), record.partition()));
                if (end != null && record.offset() < end) {
                    each.accept(record);
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
                throw new CommandFailure(doing + " made no progress for " + stallTimeout.toSeconds()
                        + " s; still unread: " + remaining.keySet());
            }
        }
        // A poll may have fetched past an end (records left out above): the next read starts at the end again.
        nonEmptyEnds.forEach(consumer::seek);
    }

    /**
     * What arrived in the partitions of the last {@link #toEnd} since it read them (one poll of at most 200 ms),
     * each after what was read before; a partition empty then is read from its beginning.
     */
    int pollOnce(Consumer<ConsumerRecord<byte[], byte[]>> each) {
        if (!consumer.assignment().containsAll(read) || !consumer.paused().isEmpty()) {
            consumer.assign(read); // the partitions read keep their positions; the others start at the beginning
            consumer.resume(read);
        }
        int n = 0;
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
            each.accept(record);
            n++;
        }
        return n;
    }

    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(1)));
    }
}
