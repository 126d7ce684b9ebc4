package org.ifl.cli;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.ifl.platform.kafka.ClusterAccess;
import org.ifl.schemas.topic.TopicContract;
import org.ifl.schemas.topic.Topics;

/**
 * One topic's values as the stages committed them ({@link CommittedRead}, no consumer group): {@link #toEnd} from
 * the beginning to the end it has when called, then {@link #pollOnce} for what arrives after. A record whose value
 * cannot be read (not this topic's schema) is counted and skipped: the stage that wrote it is the one to route it
 * to the dead letters.
 */
final class TopicScan<V extends SpecificRecord> implements AutoCloseable {
    private final CommittedRead read;
    private final Deserializer<V> values;
    private final String topic;
    private long unreadable;

    TopicScan(ClusterAccess cluster, TopicContract<String, V> contract, String clientId, Duration stallTimeout) {
        this.read = new CommittedRead(cluster.kafkaConfig(), clientId, stallTimeout);
        this.values = new Topics(cluster.serdes()).topic(contract).valueSerde().deserializer();
        this.topic = contract.name();
    }

    /** Every value now in the topic, in each partition's order. */
    void toEnd(Consumer<ConsumerRecord<String, V>> each) {
        read.toEnd(read.partitionsOf(topic), "reading " + topic, raw -> deliver(raw, each));
    }

    /** What arrived since the last read: one poll of at most 200 ms; returns how many records came. */
    int pollOnce(Consumer<ConsumerRecord<String, V>> each) {
        return read.pollOnce(raw -> deliver(raw, each));
    }

    /** Records skipped because their value could not be read. */
    long unreadable() {
        return unreadable;
    }

    private void deliver(ConsumerRecord<byte[], byte[]> raw, Consumer<ConsumerRecord<String, V>> each) {
        if (raw.value() == null) {
            return; // a tombstone: nothing to read
        }
        V value;
        try {
            value = values.deserialize(topic, raw.value());
        } catch (SerializationException e) {
            unreadable++;
            return;
        }
        String key = raw.key() == null ? null : new String(raw.key(), StandardCharsets.UTF_8);
        each.accept(new ConsumerRecord<>(raw.topic(), raw.partition(), raw.offset(), raw.timestamp(),
                raw.timestampType(), raw.serializedKeySize(), raw.serializedValueSize(), key, value,
                raw.headers(), raw.leaderEpoch()));
    }

    @Override
    public void close() {
        read.close();
    }
}
