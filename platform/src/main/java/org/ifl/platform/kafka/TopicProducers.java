package org.ifl.platform.kafka;

import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.avro.specific.SpecificRecord;
import org.ifl.schemas.topic.Topic;
import org.ifl.schemas.topic.TopicContract;
import org.ifl.schemas.topic.Topics;

/**
 * Producers for the topics the stages write with plain clients (producers, inference workers): idempotent (a retried send is never written twice),
 * acknowledged by every in-sync replica, batched and compressed, values through the schema registry.
 */
public final class TopicProducers {
    public static final int LINGER_MS = 10;
    public static final int BATCH_BYTES = 256 * 1024;
    public static final String COMPRESSION = "lz4";

    private final ClusterAccess cluster;
    private final Topics topics;

    public TopicProducers(ClusterAccess cluster) {
        this.cluster = cluster;
        this.topics = new Topics(cluster.serdes());
    }

    public <V extends SpecificRecord> Producer<String, V> create(TopicContract<String, V> contract, String clientId) {
        Topic<String, V> topic = topics.topic(contract);
        Properties config = cluster.kafkaProperties();
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_BYTES);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, COMPRESSION);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
        return new KafkaProducer<>(config, topic.keySerde().serializer(), topic.valueSerde().serializer());
    }
}
