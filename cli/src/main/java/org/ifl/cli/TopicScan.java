package org.ifl.cli;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.ifl.platform.kafka.ClusterAccess;
import org.ifl.schemas.topic.TopicContract;
import org.ifl.schemas.topic.Topics;

/**
 * Reads one topic's values from its beginning, without a consumer group (nothing is committed, nothing of the
 * cluster changes): {@link #toEnd} to the end offsets it finds when called (read_committed, so only what the
 * stages committed), then {@link #pollOnce} for what arrives after. A record whose value cannot be read (not this
 * topic's schema) is counted and skipped: the stage that wrote it is the one to route it to the dead letters.
 */
final class TopicScan<V extends SpecificRecord> implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Deserializer<V> values;
    private final String topic;
    private final Duration stallTimeout;
    private long unreadable;

    TopicScan(ClusterAccess cluster, TopicContract<String, V> contract, String clientId, Duration stallTimeout) {
        Map<String, Object> config = cluster.kafkaConfig();
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) stallTimeout.toMillis());
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.values = new Topics(cluster.serdes()).topic(contract).valueSerde().deserializer();
        this.topic = contract.name();
        this.stallTimeout = stallTimeout;
    }

    /** Every value now in the topic, in each partition's order; returns how many were read. */
    long toEnd(Consumer<ConsumerRecord<String, V>> each) {
        List<TopicPartition> partitions = new ArrayList<>();
        List<PartitionInfo> infos = consumer.partitionsFor(topic, stallTimeout);
        if (infos == null || infos.isEmpty()) {
            throw new CommandFailure("no topic " + topic + " on the cluster; create the topics with `ifl topics "
                    + "create` or start the platform");
        }
        infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions, stallTimeout));
        long read = 0;
        long lastProgress = System.nanoTime();
        while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey(), stallTimeout) < e.getValue())) {
            int polled = deliver(each);
            read += polled;
            if (polled > 0) {
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > stallTimeout.toNanos()) {
                throw new CommandFailure("reading " + topic + " made no progress for " + stallTimeout.toSeconds()
                        + " s; is the cluster reachable?");
            }
        }
        return read;
    }

    /** What arrived since the last read: one poll of at most 200 ms. */
    int pollOnce(Consumer<ConsumerRecord<String, V>> each) {
        return deliver(each);
    }

    /** Records skipped because their value could not be read. */
    long unreadable() {
        return unreadable;
    }

    private int deliver(Consumer<ConsumerRecord<String, V>> each) {
        int n = 0;
        for (ConsumerRecord<byte[], byte[]> raw : consumer.poll(POLL)) {
            if (raw.value() == null) {
                continue; // a tombstone: nothing to read
            }
            V value;
            try {
                value = values.deserialize(topic, raw.value());
            } catch (SerializationException e) {
                unreadable++;
                continue;
            }
            String key = raw.key() == null ? null : new String(raw.key(), StandardCharsets.UTF_8);
            each.accept(new ConsumerRecord<>(raw.topic(), raw.partition(), raw.offset(), raw.timestamp(),
                    raw.timestampType(), raw.serializedKeySize(), raw.serializedValueSize(), key, value,
                    raw.headers(), raw.leaderEpoch()));
            n++;
        }
        return n;
    }

    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(1)));
    }
}
