package org.ifl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ifl.cli.IflCommandTest.Run;
import org.ifl.platform.EmbeddedPlatform;
import org.ifl.platform.testkit.CommittedRecords;
import org.ifl.schemas.avro.Checkpoint;
import org.ifl.schemas.avro.Completion;
import org.ifl.schemas.avro.Query;
import org.ifl.schemas.serde.RegistryAvroSerdes;
import org.ifl.schemas.topic.Topic;
import org.ifl.schemas.topic.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ifl checkpoint register / watch, publish and replay against a real embedded broker, as a user runs them. */
class ProducerCommandsIT {
    @TempDir
    static Path dataDir;
    static EmbeddedPlatform platform;
    static Topics topics;

    @BeforeAll
    static void startPlatform() {
        platform = EmbeddedPlatform.start(EmbeddedPlatform.Settings.ephemeral(dataDir));
        topics = new Topics(RegistryAvroSerdes.forUrl(platform.registryUrl()));
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    private static <V extends org.apache.avro.specific.SpecificRecord> List<ConsumerRecord<String, V>> read(
            org.ifl.schemas.topic.TopicContract<String, V> contract, java.util.function.Predicate<V> match,
            int count) {
        Topic<String, V> topic = topics.topic(contract);
        return CommittedRecords.read(platform.bootstrapServers(), topic.name(), topic.valueSerde().deserializer(),
                r -> match.test(r.value()), count);
    }

    @Test
    void registerPublishesTheCheckpointAndItsSuiteWithItsAttributes() {
        Run run = Run.of("checkpoint", "register", "--data-dir", dataDir.toString(), "--model", "vlm",
                "--checkpoint", "c1", "--uri", "/ckpt/c1", "--attr", "llm=vicuna-7b", "--attr", "data-language=en",
                "--baseline", "c0", "--suite", "sample");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("checkpoint vlm|c1: 1 of 1 records acknowledged by eval.checkpoints"),
                run.out());
        Checkpoint registered = read(Topics.CHECKPOINTS, c -> c.getCheckpoint().equals("c1"), 1).get(0).value();
        assertEquals("/ckpt/c1", registered.getLocation());
        assertEquals("c0", registered.getBaselineCheckpoint());
        assertEquals(List.of("sample"), registered.getSuites());
        assertEquals("vicuna-7b", registered.getAttributes().get("llm"));

        long items = run.out().lines().filter(l -> l.startsWith("sample: ")).count();
        assertEquals(1, items, run.out());
        List<ConsumerRecord<String, Query>> queries = read(Topics.QUERIES,
                q -> q.getPair().getCheckpoint().equals("c1"), 3);
        assertEquals("en", queries.get(0).value().getAttributes().get("data-language"));
    }

    @Test
    void watchRegistersEachCompleteCheckpointOnceAcrossRestarts(@TempDir Path checkpoints) throws Exception {
        Files.createDirectories(checkpoints.resolve("step-100"));
        Files.writeString(checkpoints.resolve("step-100/COMPLETE"), "");
        Files.createDirectories(checkpoints.resolve("step-200")); // no marker yet
        String[] watch = {"checkpoint", "watch", checkpoints.toString(), "--data-dir", dataDir.toString(),
            "--model", "watched", "--once", "--no-remedy", "--suite", "sample"};
        Run first = Run.of(watch);
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.out().contains("new checkpoint watched|step-100"), first.out());
        assertTrue(!first.out().contains("step-200"), first.out());

        Files.writeString(checkpoints.resolve("step-200/COMPLETE"), "");
        Run second = Run.of(watch);
        assertEquals(0, second.exitCode(), second.err());
        assertTrue(second.out().contains("new checkpoint watched|step-200"), second.out());
        assertTrue(!second.out().contains("step-100"), "registered once: " + second.out());

        List<ConsumerRecord<String, Checkpoint>> registered = read(Topics.CHECKPOINTS,
                c -> c.getModel().equals("watched"), 2);
        assertEquals(Set.of("step-100", "step-200"), registered.stream().map(r -> r.value().getCheckpoint())
                .collect(Collectors.toSet()));
        assertTrue(registered.stream().noneMatch(r -> r.value().getRemedyEnabled()));
    }

    @Test
    void malformedInputNamesFileLineAndFieldAndSendsNothing(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("multiq.csv"), "id,language,prompt,domain\n"
                + "1,German,Wie spät ist es?,time\n"
                + "2,Klingon,nuqneH,greeting\n");
        Run run = Run.of("publish", "--data-dir", dataDir.toString(), "--model", "vlm", "--checkpoint", "bad",
                "--suite", "multiq=" + csv);
        assertEquals(2, run.exitCode(), run.out());
        assertTrue(run.err().contains("nothing was published"), run.err());
        assertTrue(run.err().contains(csv + ":3: language: unknown language 'Klingon'"), run.err());
    }

    @Test
    void aDryRunCountsWithoutACluster(@TempDir Path elsewhere) {
        Run run = Run.of("publish", "--data-dir", elsewhere.toString(), "--model", "vlm", "--checkpoint", "dry",
                "--suite", "sample", "--dry-run");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("records would go to eval.queries (dry run: nothing sent)"), run.out());
    }

    @Test
    void replayingAFileTwiceSendsTheSameCompletionIds(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("run.jsonl"), String.join("\n",
                "{\"runId\":\"old\",\"model\":\"vlm\",\"checkpoint\":\"c0\",\"dataset\":\"maxm\",\"itemId\":\"q1\","
                        + "\"language\":\"de\",\"arm\":\"TEXT\",\"prompt\":\"Was ist das?\",\"text\":\"Ein Ball.\","
                        + "\"completedAt\":\"2025-03-01T10:00:00Z\"}",
                "{\"runId\":\"old\",\"model\":\"vlm\",\"checkpoint\":\"c0\",\"dataset\":\"maxm\",\"itemId\":\"q1\","
                        + "\"language\":\"de\",\"arm\":\"IMAGE\",\"prompt\":\"Was ist das?\",\"text\":\"A ball.\","
                        + "\"completedAt\":\"2025-03-01T10:00:01Z\"}") + "\n");
        for (int i = 0; i < 2; i++) {
            Run run = Run.of("replay", file.toString(), "--data-dir", dataDir.toString());
            assertEquals(0, run.exitCode(), run.err());
            assertTrue(run.out().contains("2 of 2 records acknowledged by eval.completions"), run.out());
        }
        List<ConsumerRecord<String, Completion>> replayed = read(Topics.COMPLETIONS,
                c -> c.getPair().getRunId().equals("old"), 4);
        assertEquals(2, replayed.stream().map(r -> r.value().getCompletionId()).distinct().count(),
                "two replays, the same two ids");
        assertTrue(replayed.stream().allMatch(r -> r.value().getReplayed()));
        ConsumerRecord<String, Completion> text = replayed.stream()
                .filter(r -> r.value().getCondition().getArm().name().equals("TEXT")).findFirst().orElseThrow();
        assertEquals(java.time.Instant.parse("2025-03-01T10:00:00Z"), text.value().getCompletedAt(),
                "the original completion time travels in the record");
        assertEquals(org.apache.kafka.common.record.TimestampType.LOG_APPEND_TIME, text.timestampType(),
                "retention counts from the replay, not from 2025");
        assertEquals("vlm|c0|maxm|de", replayed.get(0).key(), "keyed by cell, as a worker's");
    }

    @Test
    void aReplayWithOneBadLineInTheMiddlePublishesNothingAndADryRunSaysWhatItWouldPublish(@TempDir Path dir)
            throws Exception {
        String good = "{\"runId\":\"mid\",\"model\":\"vlm\",\"checkpoint\":\"c0\",\"dataset\":\"maxm\","
                + "\"itemId\":\"q%d\",\"language\":\"de\",\"arm\":\"TEXT\",\"prompt\":\"Was?\",\"text\":\"Ja.\","
                + "\"completedAt\":\"%s\"}%n";
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 5; i++) {
            lines.append(String.format(java.util.Locale.ROOT, good, i, i == 3 ? "9999-01-01T00:00:00Z"
                    : "2025-03-01T10:00:00Z"));
        }
        Path file = Files.writeString(dir.resolve("mid.jsonl"), lines);
        Run bad = Run.of("replay", file.toString(), "--data-dir", dataDir.toString());
        assertEquals(2, bad.exitCode(), bad.out());
        assertTrue(bad.err().contains("nothing was published"), bad.err());
        assertTrue(bad.err().contains(file + ":3: completedAt: 9999-01-01T00:00:00Z is after "), bad.err());

        Files.writeString(file, lines.toString().replace("9999-01-01", "2025-03-01"));
        Run dry = Run.of("replay", file.toString(), "--data-dir", dataDir.toString(), "--dry-run");
        assertEquals(0, dry.exitCode(), dry.err());
        assertTrue(dry.out().contains("would publish 5 completions to eval.completions (dry run: nothing sent); "
                + "checked in "), dry.out());
        assertTrue(dry.out().contains("limits: eval.completions's configuration"), "asks the running broker: "
                + dry.out());
        assertTrue(!dry.out().contains("replayed") && !dry.out().contains("published"), dry.out());

        Run run = Run.of("replay", file.toString(), "--data-dir", dataDir.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("5 of 5 records acknowledged by eval.completions"), run.out());
        assertEquals(5, read(Topics.COMPLETIONS, c -> c.getPair().getRunId().equals("mid"), 5).size(),
                "the good file, all of it; of the bad one, nothing");
    }

    @Test
    void aDryRunReplayWithoutAPlatformChecksAgainstKafkasDefaults(@TempDir Path elsewhere) throws Exception {
        Path file = Files.writeString(elsewhere.resolve("one.jsonl"), "{\"runId\":\"x\",\"model\":\"vlm\","
                + "\"checkpoint\":\"c0\",\"dataset\":\"maxm\",\"itemId\":\"q1\",\"language\":\"de\",\"arm\":\"TEXT\","
                + "\"prompt\":\"Was?\",\"text\":\"Ja.\",\"completedAt\":\"2025-03-01T10:00:00Z\"}\n");
        Run run = Run.of("replay", file.toString(), "--data-dir", elsewhere.toString(), "--dry-run");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("would publish 1 completion to eval.completions"), run.out());
        assertTrue(run.out().contains("limits: Kafka's defaults (no broker was asked)"), run.out());
    }

    @Test
    void anExplanationSuitePublishesFourPatternsAndItsEntityVocabulary(@TempDir Path dir) throws Exception {
        Path artworks = Files.writeString(dir.resolve("artworks.jsonl"), String.join("\n",
                "{\"id\": \"Q12418\", \"image\": \"https://e.org/mona.jpg\", \"titles\": {\"en\": \"Mona Lisa\","
                        + " \"de\": \"Mona Lisa\"}, \"articles\": {\"en\": {\"text\": \"Painted by Leonardo in Florence.\","
                        + " \"entities\": [{\"id\": \"Q762\", \"forms\": {\"en\": [\"Leonardo\"], \"de\": [\"Leonardo\"]}},"
                        + " {\"id\": \"Q2044\", \"forms\": {\"en\": [\"Florence\"], \"de\": [\"Florenz\"]}}]},"
                        + " \"de\": {\"text\": \"Von Leonardo in Florenz gemalt.\", \"entities\": [{\"id\": \"Q762\","
                        + " \"forms\": {\"de\": [\"Leonardo da Vinci\", \"Leonardo\"]}}, {\"id\": \"Q2044\","
                        + " \"forms\": {\"de\": [\"Florenz\"]}}]}}}") + "\n");
        Run run = Run.of("publish", "--data-dir", dataDir.toString(), "--model", "vlm", "--checkpoint", "art",
                "--suite", "artwork=" + artworks);
        assertEquals(0, run.exitCode(), run.err() + run.out());
        assertTrue(run.out().contains("entity vocabulary: 2 of 2 records acknowledged by eval.entities"), run.out());
        List<ConsumerRecord<String, Query>> queries = read(Topics.QUERIES,
                q -> q.getPair().getCheckpoint().equals("art"), 8);
        assertEquals(Set.of("artwork/EN_EN", "artwork/EN_L", "artwork/L_EN", "artwork/L_L"),
                queries.stream().map(r -> r.value().getPair().getDataset()).collect(Collectors.toSet()));
        List<ConsumerRecord<String, org.ifl.schemas.avro.DatasetEntity>> vocabulary = read(Topics.ENTITIES,
                e -> e.getDataset().equals("artwork"), 2);
        assertEquals(Set.of("artwork|Q762", "artwork|Q2044"),
                vocabulary.stream().map(ConsumerRecord::key).collect(Collectors.toSet()));
        assertEquals(List.of("Leonardo da Vinci", "Leonardo"), vocabulary.stream()
                .filter(r -> r.key().endsWith("Q762")).findFirst().orElseThrow().value().getEntity().getSurfaceForms()
                .get("de"), "the forms every article gave, merged, each once, the first seen first");
    }
}
