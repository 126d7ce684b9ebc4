package org.ifl.platform.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ifl.platform.kafka.TopicProvisioner;
import org.ifl.schemas.registry.CompatibilityLevel;
import org.ifl.schemas.registry.SchemaRegistryException;
import org.ifl.schemas.registry.SchemaStore;

/**
 * Keeps a {@link SchemaStore}'s changes in a compacted single-partition Kafka topic, as Confluent's registry
 * does: JSON keys and values in the same shape ({@code {"keytype":"SCHEMA","subject":..,"version":..}} ->
 * {@code {"subject":..,"version":..,"id":..,"schema":..}}). Reading the topic from the start rebuilds the
 * store with the same ids. One registry instance writes to a topic at a time.
 */
public final class KafkaSchemaJournal implements SchemaStore.Journal, AutoCloseable {
    public static final String DEFAULT_TOPIC = "_schemas";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final String topic;
    private final KafkaProducer<String, String> producer;
    private final Map<String, Object> clientConfig;

    /** @param kafkaConfig the client settings: bootstrap servers, and security settings of a secured cluster */
    public KafkaSchemaJournal(Map<String, Object> kafkaConfig, String topic) {
        this.topic = topic;
        this.clientConfig = Map.copyOf(kafkaConfig);
        ensureTopic();
        this.producer = new KafkaProducer<>(with(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.CLIENT_ID_CONFIG, "schema-registry-journal"),
                new StringSerializer(), new StringSerializer());
    }

    /** The client settings with {@code keysAndValues} added. */
    private Map<String, Object> with(Object... keysAndValues) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return config;
    }

    private void ensureTopic() {
        try (Admin admin = Admin.create(clientConfig)) {
            new TopicProvisioner(admin, (short) 1).createMissing(List.of(new NewTopic(topic, 1, (short) 1)
                    .configs(Map.of("cleanup.policy", "compact"))));
        }
    }

    /** Applies every change in the topic, oldest first, to {@code store}; returns how many it read. */
    public int replayInto(SchemaStore store) {
        TopicPartition partition = new TopicPartition(topic, 0);
        int count = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(with(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    SchemaStore.Event event = decode(record.key(), record.value());
                    if (event != null) {
                        store.apply(event);
                        count++;
                    }
                }
            }
        }
        return count;
    }

    @Override
    public void append(SchemaStore.Event event) {
        try {
            producer.send(new ProducerRecord<>(topic, key(event), value(event)))
                    .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(SchemaRegistryException.STORE_ERROR, "interrupted writing " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new SchemaRegistryException(SchemaRegistryException.STORE_ERROR,
                    "cannot write to the schema topic " + topic + ": " + e, e);
        }
    }

    static String key(SchemaStore.Event event) {
        ObjectNode key = JSON.createObjectNode();
        if (event instanceof SchemaStore.SchemaRegistered registered) {
            key.put("keytype", "SCHEMA").put("subject", registered.subject()).put("version", registered.version())
                    .put("magic", 1);
        } else if (event instanceof SchemaStore.CompatibilitySet set) {
            key.put("keytype", "CONFIG").put("subject", set.subject()).put("magic", 0);
        }
        return key.toString();
    }

    static String value(SchemaStore.Event event) {
        ObjectNode value = JSON.createObjectNode();
        if (event instanceof SchemaStore.SchemaRegistered registered) {
            value.put("subject", registered.subject()).put("version", registered.version())
                    .put("id", registered.id()).put("schema", registered.schema()).put("deleted", false);
        } else if (event instanceof SchemaStore.CompatibilitySet set) {
            value.put("compatibilityLevel", set.level().name());
        }
        return value.toString();
    }

    static SchemaStore.Event decode(String keyJson, String valueJson) {
        if (keyJson == null || valueJson == null) {
            return null;
        }
        try {
            JsonNode key = JSON.readTree(keyJson);
            JsonNode value = JSON.readTree(valueJson);
            switch (key.path("keytype").asText()) {
                case "SCHEMA":
                    if (value.path("deleted").asBoolean(false)) {
                        return null;
                    }
                    return new SchemaStore.SchemaRegistered(value.path("subject").asText(),
                            value.path("version").asInt(), value.path("id").asInt(), value.path("schema").asText());
                case "CONFIG":
                    JsonNode subject = key.path("subject");
                    return new SchemaStore.CompatibilitySet(subject.isNull() || subject.isMissingNode()
                            ? null : subject.asText(), CompatibilityLevel.parse(value.path("compatibilityLevel").asText()));
                default:
                    return null; // NOOP and other record types of Confluent's format carry no state we keep
            }
        } catch (IOException e) {
            throw new IllegalStateException("unreadable record in the schema topic: key " + keyJson, e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
