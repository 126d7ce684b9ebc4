package org.ifl.benchmarks.chaos;

import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.ifl.schemas.avro.DeadLetter;
import org.ifl.schemas.serde.RegistryAvroSerdes;
import org.ifl.schemas.topic.Topic;
import org.ifl.schemas.topic.Topics;

/**
 * Every record on eval.dlq, counted by stage and kind of reason: the reason up to its first colon ("cannot
 * deserialize", "rejected", "processing failed in cells"), as the rest names the record. The first full reason of
 * each kind is kept as its example.
 *
 * @param counts by "stage: kind", sorted
 * @param examples the first reason of each "stage: kind"
 */
record DeadLetterTally(Map<String, Long> counts, Map<String, String> examples) {
    private static final Duration POLL = Duration.ofMillis(500);

    DeadLetterTally {
        counts = Collections.unmodifiableMap(new TreeMap<>(counts));
        examples = Map.copyOf(examples);
    }

    long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    static DeadLetterTally read(String bootstrapServers, String registryUrl, Duration timeout) {
        Topic<String, DeadLetter> topic = new Topics(RegistryAvroSerdes.forUrl(registryUrl))
                .topic(Topics.DEAD_LETTERS);
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "ifl-chaos-dead-letters");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, Long> counts = new TreeMap<>();
        Map<String, String> examples = new HashMap<>();
        try (KafkaConsumer<String, DeadLetter> consumer = new KafkaConsumer<>(config,
                topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(topic.name(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic.name() + " to its end in "
                            + timeout.toSeconds() + " s");
                }
                for (ConsumerRecord<String, DeadLetter> record : consumer.poll(POLL)) {
                    String reason = record.value().getReason();
                    int colon = reason.indexOf(':');
                    String kind = record.value().getStage() + ": " + (colon < 0 ? reason : reason.substring(0, colon));
                    counts.merge(kind, 1L, Long::sum);
                    examples.putIfAbsent(kind, reason);
                }
            }
        }
        return new DeadLetterTally(counts, examples);
    }
}
