package org.ifl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.ifl.cli.IflCommandTest.Run;
import org.ifl.platform.EmbeddedPlatform;
import org.ifl.schemas.topic.TopicContract;
import org.ifl.schemas.topic.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ifl topics} against a real broker: plain records, a committed and an aborted transaction. */
class TopicsCommandIT {
    @TempDir
    static Path dataDir;
    static EmbeddedPlatform platform;

    @BeforeAll
    static void startPlatformWithRecords() throws Exception {
        platform = EmbeddedPlatform.start(EmbeddedPlatform.Settings.ephemeral(dataDir));
        // One request at a time, each acknowledged: on a loaded machine a fire-and-forget batch sent while the new
        // topic's partitions came up was lost (83 of 100 arrived in one full-suite run).
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers(),
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        try (KafkaProducer<byte[], byte[]> plain =
                new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 100; i++) {
                plain.send(new ProducerRecord<>(Topics.QUERIES.name(), ("q" + i).getBytes(), new byte[] {1})).get();
            }
        }
        Map<String, Object> transactional = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                platform.bootstrapServers(), ProducerConfig.TRANSACTIONAL_ID_CONFIG, "topics-command-it");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(transactional, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(Topics.COMPLETIONS.name(), 0, ("c" + i).getBytes(), new byte[1]))
                        .get();
            }
            producer.commitTransaction();
            producer.beginTransaction();
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(Topics.COMPLETIONS.name(), 0, ("a" + i).getBytes(), new byte[1]));
            }
            producer.flush();
            producer.abortTransaction();
        }
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void listsEveryTopicFoundThroughTheDataDirectory() {
        Run run = Run.of("topics", "--data-dir", dataDir.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(0).startsWith("Kafka cluster at " + platform.bootstrapServers()), lines.get(0));
        for (TopicContract<?, ?> contract : Topics.ALL) {
            assertTrue(lines.stream().anyMatch(l -> l.matches(contract.name().replace(".", "\\.")
                    + " +yes +" + contract.spec().partitions() + " .*")), contract.name() + " in\n" + run.out());
        }
        assertTrue(lines.stream().anyMatch(l -> l.matches("_schemas +- +1 +compact .*")), run.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("eval\\.queries +yes +6 +delete +100")), run.out());
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("__")), run.out());
        assertTrue(run.out().contains("--exact counts them"), run.out());
    }

    @Test
    void exactCountsLeaveOutTransactionMarkersAndAbortedRecords() {
        Run run = Run.of("topics", "--bootstrap-servers", platform.bootstrapServers(), "--exact", "--all");
        assertEquals(0, run.exitCode(), run.err());
        // 10 committed + commit marker + 5 aborted + abort marker = 17 offsets, 10 records
        assertTrue(run.out().lines().anyMatch(l -> l.matches("eval\\.completions +yes +6 +delete +17 +10")),
                run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.matches("eval\\.queries +yes +6 +delete +100 +100")),
                run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("__transaction_state ")), run.out());
        assertTrue(run.out().contains("from --bootstrap-servers"), run.out());
    }
}
