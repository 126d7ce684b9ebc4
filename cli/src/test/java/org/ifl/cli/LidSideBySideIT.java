package org.ifl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.ifl.platform.EmbeddedPlatform;
import org.ifl.platform.kafka.TopicProducers;
import org.ifl.platform.testkit.CommittedRecords;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.Completion;
import org.ifl.schemas.avro.Condition;
import org.ifl.schemas.avro.ItemReferences;
import org.ifl.schemas.avro.LabeledCompletion;
import org.ifl.schemas.avro.PairKey;
import org.ifl.schemas.avro.TaskKind;
import org.ifl.schemas.serde.RegistryAvroSerdes;
import org.ifl.schemas.topic.RecordKey;
import org.ifl.schemas.topic.Topic;
import org.ifl.schemas.topic.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code ifl lid} on one host, each against its own platform (as two {@code ifl up --data-dir} would run), given
 * nothing but {@code --data-dir}: each finds its platform through that directory and keeps its Kafka Streams state
 * in {@code <data-dir>/lid-stream}, the default, so the two never share a state directory (same application id,
 * same task directories, one lock) and both label their own completions at the same time.
 */
class LidSideBySideIT {
    private static final String APPLICATION_ID = "ifl-lid-stream";

    @TempDir
    Path dir;

    @Test
    void twoLidsOnTwoPlatformsKeepTheirStateUnderTheirOwnDataDirectoryAndBothLabel() throws Exception {
        Path dataA = dir.resolve("a");
        Path dataB = dir.resolve("b");
        try (EmbeddedPlatform platformA = EmbeddedPlatform.start(EmbeddedPlatform.Settings.ephemeral(dataA));
                EmbeddedPlatform platformB = EmbeddedPlatform.start(EmbeddedPlatform.Settings.ephemeral(dataB));
                ChildIfl lidA = lid("lid-a", dataA);
                ChildIfl lidB = lid("lid-b", dataB)) {
            String healthA = lidA.awaitHealthUrl();
            String healthB = lidB.awaitHealthUrl();
            assertEquals(platformA.bootstrapServers(), ChildIfl.awaitRunning(healthA, "lid-stream")
                    .path("details").path("broker").path("bootstrapServers").asText());
            assertEquals(platformB.bootstrapServers(), ChildIfl.awaitRunning(healthB, "lid-stream")
                    .path("details").path("broker").path("bootstrapServers").asText());
            assertTrue(lidA.out().contains("using the platform running with " + dataA.toAbsolutePath()), lidA.out());
            assertTrue(lidB.out().contains("using the platform running with " + dataB.toAbsolutePath()), lidB.out());

            send(platformA, completion("on-a", "de", "Auf dem Bild sind zwei rote Kreise. Der große liegt links."));
            send(platformB, completion("on-b", "en", "There are two red circles in the picture. The large is left."));
            LabeledCompletion labeledA = labeled(platformA);
            LabeledCompletion labeledB = labeled(platformB);
            assertEquals("on-a", labeledA.getCompletion().getCompletionId());
            assertEquals("de", labeledA.getLabel().getLanguage());
            assertEquals(1, labeledA.getScores().getFidelity());
            assertEquals("on-b", labeledB.getCompletion().getCompletionId());
            assertEquals("en", labeledB.getLabel().getLanguage());
            assertEquals(1, labeledB.getScores().getFidelity());

            // The state directory each derived from its own --data-dir, and none in the working directory's default.
            assertTrue(Files.isDirectory(dataA.resolve("lid-stream").resolve(APPLICATION_ID)), "lid A's state");
            assertTrue(Files.isDirectory(dataB.resolve("lid-stream").resolve(APPLICATION_ID)), "lid B's state");
            assertFalse(Files.exists(dir.resolve(DataDirOption.DEFAULT)), "the default data directory is unused");

            assertTrue(lidA.isAlive() && lidB.isAlive(), lidA.err() + lidB.err());
            for (ChildIfl lid : List.of(lidA, lidB)) {
                assertEquals(0, lid.stop(), lid.out() + lid.err());
                assertTrue(lid.out().contains("stopped"), lid.out());
                assertFalse(lid.out().contains(" ERROR ") || lid.err().contains(" ERROR "), lid.out() + lid.err());
            }
        }
    }

    /** {@code ifl lid --data-dir <dataDir>}, Lingua restricted to the two languages sent so that it loads quickly. */
    private ChildIfl lid(String name, Path dataDir) throws Exception {
        return ChildIfl.start(dir, name, Map.of(), "lid", "--data-dir", dataDir.toString(), "--http-port", "-1",
                "--languages", "de,en");
    }

    private static Completion completion(String id, String language, String text) {
        Instant now = Instant.now();
        return Completion.newBuilder().setCompletionId(id).setQueryId(id)
                .setPair(new PairKey("run-1", "vlm", "c1", "maxm", "item-1", language))
                .setCondition(Condition.newBuilder().setArm(Arm.IMAGE).setTask(TaskKind.FIDELITY)
                        .setInstructionLanguage(language).setExpectedLanguage(language).build())
                .setPrompt("?").setReferences(ItemReferences.newBuilder().build()).setText(text).setBackend("test")
                .setQueriedAt(now).setCompletedAt(now).build();
    }

    private static void send(EmbeddedPlatform platform, Completion completion) throws Exception {
        try (Producer<String, Completion> producer = new TopicProducers(platform.clusterAccess()).create(Topics.COMPLETIONS, "completions")) {
            producer.send(new ProducerRecord<>(Topics.COMPLETIONS.name(), RecordKey.cell(completion.getPair()),
                    completion)).get();
        }
    }

    private static LabeledCompletion labeled(EmbeddedPlatform platform) {
        Topic<String, LabeledCompletion> labeled = new Topics(RegistryAvroSerdes.forUrl(platform.registryUrl()))
                .topic(Topics.LABELED);
        return CommittedRecords.read(platform.bootstrapServers(), labeled.name(), labeled.valueSerde().deserializer(),
                1).get(0).value();
    }
}
