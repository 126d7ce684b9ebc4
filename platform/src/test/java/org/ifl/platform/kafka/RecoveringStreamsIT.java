package org.ifl.platform.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.ifl.platform.CauseChain;
import org.ifl.platform.testkit.Await;
import org.ifl.platform.testkit.CommittedRecords;
import org.ifl.schemas.topic.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RecoveringStreams} on a real broker: a record whose processing fails for the moment is read again by a
 * new stream thread and goes through, exactly once and without a dead letter; a failure of another kind stops the
 * client and says so.
 */
class RecoveringStreamsIT {
    private static final String TRANSIENT = "recovering.transient";
    private static final String FATAL = "recovering.fatal";
    private static final String OUTPUT = "recovering.out";

    @TempDir
    static Path dir;
    private static EmbeddedKafka kafka;

    /** Thrown by the test topology: not an Exception, so no handler takes it, and not transient. */
    private static final class Broken extends Error {
        Broken() {
            super("the topology is broken");
        }
    }

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, 0, Duration.ofSeconds(60));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            new TopicProvisioner(admin, (short) 1).ensure(List.of(Topics.DEAD_LETTERS));
            admin.createTopics(List.of(new NewTopic(TRANSIENT, 1, (short) 1), new NewTopic(FATAL, 1, (short) 1),
                    new NewTopic(OUTPUT, 1, (short) 1))).all().get();
        }
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    /** Passes values on; "flaky" fails the first time it is seen as the broker would, "broken" always, fatally. */
    private static Topology topology(String input, AtomicInteger flakyAttempts) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()))
                .mapValues(value -> {
                    if (value.equals("broken")) {
                        throw new Broken();
                    }
                    if (value.startsWith("flaky") && flakyAttempts.getAndIncrement() == 0) {
                        throw new TimeoutException("the broker did not answer in time (simulated)");
                    }
                    return value;
                })
                .to(OUTPUT, Produced.with(Serdes.String(), Serdes.String()));
        return builder.build();
    }

    private static Properties config(String applicationId) {
        Properties config = StreamsStageConfig.exactlyOnce(applicationId, ClusterAccess.plain(kafka.bootstrapServers(), "mem://recovering-streams-it"), "recovering-it");
        config.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve(applicationId).toString());
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        return config;
    }

    private static void send(String topic, String... values) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringSerializer(),
                new StringSerializer())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, "k", value)).get();
            }
        }
    }

    @Test
    void aTransientFailureIsReadAgainByANewThreadNotDeadLettered() throws Exception {
        AtomicInteger flakyAttempts = new AtomicInteger();
        send(TRANSIENT, "one", "flaky-two", "three");
        try (RecoveringStreams streams = new RecoveringStreams("recovering-it",
                () -> new KafkaStreams(topology(TRANSIENT, flakyAttempts), config("transient-" + System.nanoTime())),
                client -> () -> { }, 0).start()) {
            List<String> out = CommittedRecords.read(kafka.bootstrapServers(), OUTPUT, new StringDeserializer(), 3)
                    .stream().map(r -> r.value()).toList();

            assertEquals(List.of("one", "flaky-two", "three"), out, "each once, in order");
            assertEquals(1, streams.retries());
            assertEquals(2, flakyAttempts.get(), "failed once, then went through");
            Await.until("the stream to run again", () -> streams.state() == KafkaStreams.State.RUNNING);
            assertEquals(List.of(), CommittedRecords.readToEnd(kafka.bootstrapServers(), Topics.DEAD_LETTERS.name(),
                    new StringDeserializer()));
            assertFalse(streams.stopped().isDone());
        }
    }

    @Test
    void anyOtherFailureStopsTheClientAndSaysSo() throws Exception {
        send(FATAL, "broken");
        try (RecoveringStreams streams = new RecoveringStreams("recovering-it",
                () -> new KafkaStreams(topology(FATAL, new AtomicInteger()), config("fatal-" + System.nanoTime())),
                client -> () -> { }, 0).start()) {
            Throwable failure = streams.stopped().get(60, TimeUnit.SECONDS);

            assertTrue(CauseChain.contains(failure, Broken.class), failure.toString());
            Await.until("the client to be in ERROR", () -> streams.state() == KafkaStreams.State.ERROR);
            assertEquals(0, streams.retries());
        }
    }
}
