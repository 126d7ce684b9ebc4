package org.ifl.producers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.ifl.platform.EmbeddedPlatform;
import org.ifl.platform.kafka.TopicProducers;
import org.ifl.platform.testkit.CommittedRecords;
import org.ifl.schemas.avro.Completion;
import org.ifl.schemas.serde.RegistryAvroSerdes;
import org.ifl.schemas.topic.Topic;
import org.ifl.schemas.topic.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay against a real embedded broker whose eval.completions takes smaller records than Kafka's default:
 * the limit is the topic's, a file with one record over it in the middle publishes nothing, and a good file
 * publishes every record.
 */
class CompletionReplayerIT {
    private static final int TOPIC_MAX_MESSAGE_BYTES = 64 * 1024;

    private static String line(int item, String text) {
        return "{\"runId\":\"it\",\"model\":\"m\",\"checkpoint\":\"c\",\"dataset\":\"maxm\",\"itemId\":\"i" + item
                + "\",\"language\":\"de\",\"arm\":\"TEXT\",\"prompt\":\"Was ist das?\",\"text\":\"" + text
                + "\",\"completedAt\":\"2025-03-01T10:00:00Z\"}\n";
    }

    private static Path file(Path dir, String name, int lines, int bigLine) throws IOException {
        StringBuilder s = new StringBuilder();
        for (int i = 1; i <= lines; i++) {
            s.append(line(i, i == bigLine ? "x".repeat(TOPIC_MAX_MESSAGE_BYTES) : "Ein Ball " + i + "."));
        }
        return Files.writeString(dir.resolve(name), s, StandardCharsets.UTF_8);
    }

    @Test
    void aFileWithOneRecordTooLargeForTheTopicPublishesNothingAndAGoodFileAll(@TempDir Path dir)
            throws Exception {
        try (EmbeddedPlatform platform = EmbeddedPlatform.start(EmbeddedPlatform.Settings.ephemeral(
                dir.resolve("platform")));
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                        platform.bootstrapServers()))) {
            String topic = Topics.COMPLETIONS.name();
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(new ConfigEntry(
                    TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(TOPIC_MAX_MESSAGE_BYTES)),
                    AlterConfigOp.OpType.SET)))).all().get();
            ReplayLimits limits = ReplayLimits.ofTopic(admin, topic, Instant.now());
            for (long deadline = System.nanoTime() + 30_000_000_000L; limits.recordBytes() != TOPIC_MAX_MESSAGE_BYTES
                    && System.nanoTime() < deadline; ) {
                Thread.sleep(100); // the broker applies a config change a moment after acknowledging it
                limits = ReplayLimits.ofTopic(admin, topic, Instant.now());
            }
            assertEquals(TOPIC_MAX_MESSAGE_BYTES, limits.recordBytes(), limits.describe());
            assertTrue(limits.describe().startsWith("eval.completions's configuration"), limits.describe());

            CompletionReplayer replayer = new CompletionReplayer(ReplayFormats.jsonl(), ReplayDefaults.none(), limits,
                    System::nanoTime);
            TopicProducers producers = new TopicProducers(platform.clusterAccess());
            Path bad = file(dir, "bad.jsonl", 1_000, 500);
            InputException refused = assertThrows(InputException.class, () -> replayer.check(bad,
                    Progress.silent(Files.size(bad))));
            assertEquals(1, refused.problems().size(), refused.problems()::toString);
            assertTrue(refused.problems().get(0).toString().startsWith(bad + ":500: text: the record is "),
                    refused.problems()::toString);
            assertEquals(0, records(admin, topic), "nothing of a file with a problem is published");

            Path good = file(dir, "good.jsonl", 1_000, 0);
            CompletionReplayer.Checked checked = replayer.check(good, Progress.silent(Files.size(good)));
            CompletionReplayer.Report report;
            try (RecordSender<Completion> sender = RecordSender.open(producers, Topics.COMPLETIONS, "replay-it")) {
                report = replayer.send(checked, sender, 0, Progress.silent(checked.records()));
            }
            assertTrue(report.complete(), report.describe());
            assertEquals(1_000, report.delivery().acknowledged(), report.describe());
            assertTrue(report.describe().contains("1,000 completions sent to eval.completions; checked in "),
                    report.describe());
            assertEquals(1_000, records(admin, topic));
            Topic<String, Completion> completions = new Topics(RegistryAvroSerdes.forUrl(platform.registryUrl()))
                    .topic(Topics.COMPLETIONS);
            List<Completion> read = CommittedRecords.readToEnd(platform.bootstrapServers(), topic,
                    completions.valueSerde().deserializer());
            assertEquals(1_000, read.stream().map(Completion::getCompletionId).distinct().count());
        }
    }

    /** The records in {@code topic}: the sum of its partitions' end offsets. */
    private static long records(Admin admin, String topic) throws ExecutionException, InterruptedException {
        List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        return admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                .all().get().values().stream().mapToLong(o -> o.offset()).sum();
    }
}
