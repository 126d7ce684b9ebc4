package org.ifl.platform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.ifl.platform.deadletter.QueryCheckTopologyAccess;
import org.ifl.platform.kafka.ClusterAccess;
import org.ifl.platform.kafka.StreamsStageConfig;
import org.ifl.platform.testkit.CommittedRecords;
import org.ifl.schemas.ContractSamples;
import org.ifl.schemas.avro.DeadLetter;
import org.ifl.schemas.avro.Query;
import org.ifl.schemas.serde.RegistryAvroSerdes;
import org.ifl.schemas.topic.Topic;
import org.ifl.schemas.topic.TopicContract;
import org.ifl.schemas.topic.Topics;

/**
 * What must hold on any cluster + registry pair the platform runs against: the embedded one
 * ({@code PlatformIT}) and a broker in a container ({@code PlatformTestcontainersIT}).
 */
final class PlatformScenarios {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private PlatformScenarios() {
    }

    /** Every contract's sample goes through a real producer and comes back equal through a real consumer. */
    static void everyContractRoundTrips(String bootstrapServers, String registryUrl) {
        Topics topics = new Topics(RegistryAvroSerdes.forUrl(registryUrl));
        for (TopicContract<?, ?> contract : Topics.ALL) {
            Topic<String, SpecificRecord> topic = bind(topics, contract);
            ContractSamples.Sample sample = ContractSamples.of(contract);
            try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(producerConfig(bootstrapServers),
                    topic.keySerde().serializer(), topic.valueSerde().serializer())) {
                producer.send(new ProducerRecord<>(topic.name(), sample.key(), sample.value())).get();
            } catch (Exception e) {
                throw new AssertionError("cannot produce to " + topic.name() + ": " + e, e);
            }
            ConsumerRecord<String, SpecificRecord> ours = CommittedRecords.read(bootstrapServers, topic.name(),
                    topic.valueSerde().deserializer(), r -> sample.key().equals(r.key()), 1).get(0);
            assertEquals(sample.value(), ours.value(), contract.name());
        }
    }

    /**
     * A Streams stage with exactly-once v2 meets a record that is not Avro between two good ones: the bad one
     * lands in the dead-letter topic with its reason and bytes, and both good ones are processed.
     */
    static void corruptRecordIsDeadLetteredAndTheNextIsProcessed(ClusterAccess cluster) {
        String bootstrapServers = cluster.bootstrapServers();
        Topics topics = new Topics(cluster.serdes());
        Topic<String, Query> queries = topics.topic(Topics.QUERIES);
        Topic<String, DeadLetter> deadLetters = topics.topic(Topics.DEAD_LETTERS);
        String run = UUID.randomUUID().toString();
        Properties config = StreamsStageConfig.exactlyOnce("dead-letter-it-" + run, cluster, "it-stage");
        config.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/ifl-streams-" + run);
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        createTopic(bootstrapServers, QueryCheckTopologyAccess.CHECKED);

        byte[] notAvro = ("not avro " + run).getBytes(StandardCharsets.UTF_8);
        try (KafkaStreams streams = new KafkaStreams(QueryCheckTopologyAccess.build(queries), config)) {
            startAndAwaitRunning(streams);
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(bootstrapServers),
                    new StringSerializer(), new ByteArraySerializer())) {
                Query first = Query.newBuilder(ContractSamples.query()).setQueryId(run + "-1").build();
                Query second = Query.newBuilder(ContractSamples.query()).setQueryId(run + "-2").build();
                // One key: one partition, so the order good, bad, good is the order processed.
                producer.send(new ProducerRecord<>(queries.name(), run,
                        queries.valueSerde().serializer().serialize(queries.name(), first))).get();
                producer.send(new ProducerRecord<>(queries.name(), run, notAvro)).get();
                producer.send(new ProducerRecord<>(queries.name(), run,
                        queries.valueSerde().serializer().serialize(queries.name(), second))).get();
            } catch (Exception e) {
                throw new AssertionError("cannot produce queries: " + e, e);
            }

            List<String> processed = CommittedRecords.read(bootstrapServers, QueryCheckTopologyAccess.CHECKED,
                    queries.valueSerde().deserializer(), r -> r.value().getQueryId().startsWith(run), 2).stream()
                    .map(r -> r.value().getQueryId()).toList();
            assertEquals(List.of(run + "-1", run + "-2"), processed);

            DeadLetter letter = CommittedRecords.read(bootstrapServers, deadLetters.name(),
                    deadLetters.valueSerde().deserializer(), r -> r.value().getValue() != null
                            && new String(r.value().getValue().array(), StandardCharsets.UTF_8).equals("not avro " + run),
                    1).get(0).value();
            assertEquals("it-stage", letter.getStage());
            assertTrue(letter.getReason().contains("WRONG_MAGIC_BYTE"), letter.getReason());
            assertEquals(queries.name(), letter.getSourceTopic());
            assertArrayEquals(run.getBytes(StandardCharsets.UTF_8), letter.getKey().array());
        }
    }

    private static void createTopic(String bootstrapServers, String name) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new AssertionError("cannot create " + name + ": " + e, e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void startAndAwaitRunning(KafkaStreams streams) {
        streams.start();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline || streams.state() == KafkaStreams.State.ERROR) {
                throw new AssertionError("streams did not reach RUNNING: " + streams.state());
            }
            sleep(100);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Topic<String, SpecificRecord> bind(Topics topics, TopicContract contract) {
        return (Topic<String, SpecificRecord>) topics.topic(contract);
    }

    static Map<String, Object> producerConfig(String bootstrapServers) {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
