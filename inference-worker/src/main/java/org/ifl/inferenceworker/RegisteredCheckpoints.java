package org.ifl.inferenceworker;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.ifl.platform.CauseChain;
import org.ifl.platform.kafka.ClusterAccess;
import org.ifl.platform.kafka.TransientFailure;
import org.ifl.schemas.avro.Checkpoint;
import org.ifl.schemas.topic.RecordKey;
import org.ifl.schemas.topic.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registrations on eval.checkpoints (compacted, keyed {@code model|checkpoint}: the latest wins), read from
 * the beginning by a consumer of its own with no group. A checkpoint not known yet is looked up after reading the
 * topic to its end, so a registration published just before its queries is found; known ones are refreshed at
 * most every {@code refreshInterval}, so a re-registration is seen. A record that is not a registration is logged
 * and skipped (stats-stream, which owns the topic's readers' dead letters, sends it to eval.dlq). A broker or
 * registry that does not answer is retried, backing off, for up to {@code resolveTimeout}; then the lookup fails
 * and the checkpoint's batch gets CHECKPOINT_UNAVAILABLE.
 */
public final class RegisteredCheckpoints implements CheckpointBackends.Registrations, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RegisteredCheckpoints.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Consumer<byte[], byte[]> consumer;
    private final Topic<String, Checkpoint> topic;
    private final Duration refreshInterval;
    private final Duration resolveTimeout;
    private final Map<String, Checkpoint> latest = new HashMap<>();
    private long refreshedAt = Long.MIN_VALUE;

    public RegisteredCheckpoints(Consumer<byte[], byte[]> consumer, Topic<String, Checkpoint> topic,
            Duration refreshInterval, Duration resolveTimeout) {
        this.consumer = consumer;
        this.topic = topic;
        this.refreshInterval = refreshInterval;
        this.resolveTimeout = resolveTimeout;
    }

    /** A reader of {@code topic} on {@code cluster}: no group, nothing committed, committed records only. */
    public static RegisteredCheckpoints open(ClusterAccess cluster, Topic<String, Checkpoint> topic) {
        Properties config = cluster.kafkaProperties();
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "ifl-inference-worker-checkpoints");
        return new RegisteredCheckpoints(new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer()), topic, Duration.ofSeconds(10), Duration.ofSeconds(60));
    }

    @Override
    public synchronized Checkpoint find(String model, String checkpoint) throws CheckpointUnavailableException {
        String key = RecordKey.checkpoint(model, checkpoint);
        long now = System.nanoTime();
        if (!latest.containsKey(key) || now - refreshedAt >= refreshInterval.toNanos()) {
            catchUp();
            refreshedAt = System.nanoTime();
        }
        return latest.get(key);
    }

    /** Reads the topic up to the end it had when called. */
    private void catchUp() throws CheckpointUnavailableException {
        long deadline = System.nanoTime() + resolveTimeout.toNanos();
        for (int retry = 1; ; retry++) {
            try {
                readToEnd(deadline);
                return;
            } catch (RuntimeException e) {
                if (!TransientFailure.isTransient(e) || System.nanoTime() + TransientFailure.backOff(retry).toNanos()
                        >= deadline) {
                    throw new CheckpointUnavailableException(topic.name() + " could not be read: "
                            + CauseChain.describe(e), e);
                }
                if (retry == 1) {
                    LOG.warn("{} could not be read ({}); retrying for up to {} s", topic.name(),
                            TransientFailure.describe(e), resolveTimeout.toSeconds());
                }
                sleep(TransientFailure.backOff(retry));
            }
        }
    }

    private void readToEnd(long deadline) throws CheckpointUnavailableException {
        if (consumer.assignment().isEmpty()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), remaining(deadline)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment(), remaining(deadline));
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey(), remaining(deadline)) < e.getValue())) {
            if (System.nanoTime() >= deadline) {
                throw new CheckpointUnavailableException(topic.name() + " was not read to its end within "
                        + resolveTimeout.toSeconds() + " s");
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                apply(record);
            }
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        String key = record.key() == null ? null : new String(record.key(), java.nio.charset.StandardCharsets.UTF_8);
        if (record.value() == null) {
            if (key != null) {
                latest.remove(key);
            }
            return;
        }
        Checkpoint registration;
        try {
            registration = topic.valueSerde().deserializer().deserialize(record.topic(), record.headers(),
                    record.value());
        } catch (RuntimeException e) {
            if (TransientFailure.isTransient(e)) {
                consumer.seek(new TopicPartition(record.topic(), record.partition()), record.offset());
                throw e;
            }
            LOG.warn("{}-{}@{} is not a checkpoint registration and is skipped: {}", record.topic(),
                    record.partition(), record.offset(), CauseChain.describe(e));
            return;
        }
        latest.put(RecordKey.checkpoint(registration.getModel(), registration.getCheckpoint()), registration);
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
    }

    private static void sleep(Duration wait) throws CheckpointUnavailableException {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CheckpointUnavailableException("interrupted while reading eval.checkpoints", e);
        }
    }

    @Override
    public synchronized void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
