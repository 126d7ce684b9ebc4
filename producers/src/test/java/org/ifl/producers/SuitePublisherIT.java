package org.ifl.producers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ifl.platform.EmbeddedPlatform;
import org.ifl.platform.kafka.TopicProducers;
import org.ifl.platform.testkit.CommittedRecords;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.Query;
import org.ifl.schemas.serde.RegistryAvroSerdes;
import org.ifl.schemas.topic.RecordKey;
import org.ifl.schemas.topic.Topic;
import org.ifl.schemas.topic.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled sample suite published to a real embedded broker, twice, and read back. */
class SuitePublisherIT {

    @Test
    void theSampleSuitePublishedTwiceGivesTheSameQueriesKeyedAndPartitionedByPair(@TempDir Path dir)
            throws IOException {
        SuiteContents suite = new SampleSuite().read(dir.resolve("images"));
        int items = suite.items().size();
        EvaluationTarget target = new EvaluationTarget("eval", "vlm", "c1", true, Map.of("llm", "test"), null);
        try (EmbeddedPlatform platform = EmbeddedPlatform.start(EmbeddedPlatform.Settings.ephemeral(
                dir.resolve("platform")))) {
            TopicProducers producers = new TopicProducers(platform.clusterAccess());
            SuitePublisher.Report first;
            SuitePublisher.Report second;
            try (RecordSender<Query> sender = RecordSender.open(producers, Topics.QUERIES, "publisher-it")) {
                SuitePublisher publisher = new SuitePublisher(sender, null, new ImageChecker(0), Clock.systemUTC());
                first = publisher.publish("sample", suite, target, Progress.silent(items));
                second = publisher.publish("sample", suite, target, Progress.silent(items));
            }
            assertTrue(first.complete(), first.describe());
            assertEquals(items, first.published());
            assertEquals(3L * items, first.queries(), "TEXT, IMAGE and IMAGE_REMEDY per item");
            assertEquals(3L * items, first.delivery().acknowledged());
            assertEquals(6L * items, second.delivery().acknowledged(), "the sender counts across publishes");

            Topic<String, Query> queries = new Topics(RegistryAvroSerdes.forUrl(platform.registryUrl()))
                    .topic(Topics.QUERIES);
            List<ConsumerRecord<String, Query>> read = CommittedRecords.read(platform.bootstrapServers(),
                    queries.name(), queries.valueSerde().deserializer(), r -> true, 6 * items);
            assertEquals(6 * items, read.size());

            Map<String, Integer> partitionOfPair = new HashMap<>();
            Map<String, Set<Arm>> armsOfPair = new HashMap<>();
            for (ConsumerRecord<String, Query> r : read) {
                Query q = r.value();
                assertEquals(RecordKey.pair(q.getPair()), r.key(), "keyed by pair");
                Integer before = partitionOfPair.putIfAbsent(r.key(), r.partition());
                assertTrue(before == null || before == r.partition(), "every arm of " + r.key() + " in one partition");
                armsOfPair.computeIfAbsent(r.key(), k -> new HashSet<>()).add(q.getCondition().getArm());
                assertEquals("test", q.getAttributes().get("llm"));
                assertTrue(q.getImage() == null || q.getImage().getSha256() != null, "local images are checked");
            }
            assertEquals(items, armsOfPair.size());
            armsOfPair.forEach((pair, arms) -> assertEquals(Set.of(Arm.values()), arms, pair));
            assertTrue(partitionOfPair.values().stream().distinct().count() > 1, "pairs spread over partitions");

            Map<String, Long> idCounts = read.stream().collect(Collectors.groupingBy(r -> r.value().getQueryId(),
                    Collectors.counting()));
            assertEquals(3 * items, idCounts.size(), "publishing again gives the same query ids");
            assertFalse(idCounts.values().stream().anyMatch(n -> n != 2));
        }
    }

    @Test
    void aSendTheBrokerRefusesIsCountedAndNamedAndTheRestIsSent(@TempDir Path dir) throws IOException {
        SuiteContents sample = new SampleSuite().read(dir.resolve("images"));
        SuiteItem first = sample.items().get(0);
        // An image over the producer's 1 MiB request limit, sent inline: its two image arms cannot be sent.
        java.awt.image.BufferedImage noise = new java.awt.image.BufferedImage(1024, 1024,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int y = 0; y < 1024; y++) {
            for (int x = 0; x < 1024; x++) {
                noise.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        Path big = dir.resolve("noise.png");
        javax.imageio.ImageIO.write(noise, "png", big.toFile());
        SuiteItem oversized = new SuiteItem(first.dataset(), "oversized", first.language(), first.question(),
                ImageSource.local(big), first.description(), first.answers(), first.attributes(), null,
                first.origin());
        SuiteContents suite = new SuiteContents(List.of(oversized, sample.items().get(1)), List.of());
        EvaluationTarget target = new EvaluationTarget("eval", "vlm", "c2", true, Map.of(), null);
        try (EmbeddedPlatform platform = EmbeddedPlatform.start(EmbeddedPlatform.Settings.ephemeral(
                dir.resolve("platform")))) {
            TopicProducers producers = new TopicProducers(platform.clusterAccess());
            SuitePublisher.Report report;
            try (RecordSender<Query> sender = RecordSender.open(producers, Topics.QUERIES, "publisher-it-refused")) {
                report = new SuitePublisher(sender, null, new ImageChecker(64L << 20), Clock.systemUTC())
                        .publish("sample", suite, target, Progress.silent(2));
            }
            assertFalse(report.complete());
            assertEquals(6, report.delivery().sent());
            assertEquals(4, report.delivery().acknowledged());
            assertEquals(2, report.delivery().failed());
            String firstFailure = report.delivery().firstFailure();
            assertTrue(firstFailure.startsWith("record eval|vlm|c2|sample|oversized|" + first.language() + ": "),
                    firstFailure);
            assertTrue(report.describe().contains("4 of 6 records acknowledged by eval.queries; 2 failed"),
                    report.describe());
        }
    }
}
