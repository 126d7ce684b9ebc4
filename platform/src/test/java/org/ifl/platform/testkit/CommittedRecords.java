package org.ifl.platform.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** For integration tests of every module: what a read_committed consumer finds in a topic, waited for. */
public final class CommittedRecords {
    private static final Duration WAIT = Await.WAIT;

    private CommittedRecords() {
    }

    /**
     * Reads {@code topic} from the start (committed records only) until {@code count} records that {@code match}
     * arrived, and returns those; fails the test when they do not within 90 s. Values that do not deserialize
     * (the corrupt records dead-letter tests write on purpose) are skipped, and so are records other tests
     * wrote to the same topic, when {@code match} leaves them out.
     */
    public static <V> List<ConsumerRecord<String, V>> read(String bootstrapServers, String topic,
            Deserializer<V> values, Predicate<ConsumerRecord<String, V>> match, int count) {
        List<ConsumerRecord<String, V>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (records.size() < count) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("read " + records.size() + " of " + count + " records from " + topic);
                }
                for (ConsumerRecord<String, byte[]> raw : consumer.poll(Duration.ofMillis(200))) {
                    V value;
                    try {
                        value = values.deserialize(topic, raw.value());
                    } catch (SerializationException e) {
                        continue;
                    }
                    ConsumerRecord<String, V> record = new ConsumerRecord<>(raw.topic(), raw.partition(),
                            raw.offset(), raw.timestamp(), raw.timestampType(), raw.serializedKeySize(),
                            raw.serializedValueSize(), raw.key(), value, raw.headers(), raw.leaderEpoch());
                    if (match.test(record)) {
                        records.add(record);
                    }
                }
            }
        }
        return records;
    }

    /** Every record, until {@code count} arrived. */
    public static <V> List<ConsumerRecord<String, V>> read(String bootstrapServers, String topic,
            Deserializer<V> values, int count) {
        return read(bootstrapServers, topic, values, record -> true, count);
    }

    /**
     * Every committed value in {@code topic} up to its end when called: what is there now, for asserting that
     * something is absent. Fails the test when the end is not reached within the wait.
     */
    public static <V> List<V> readToEnd(String bootstrapServers, String topic, Deserializer<V> values) {
        List<V> read = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(topic + " not read to its end within " + WAIT);
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    read.add(values.deserialize(topic, r.value()));
                }
            }
        }
        return read;
    }
}
