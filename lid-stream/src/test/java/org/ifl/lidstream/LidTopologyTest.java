package org.ifl.lidstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.ifl.lidstream.internal.label.LanguageNormaliser;
import org.ifl.lidstream.topology.LidTopology;
import org.ifl.platform.kafka.StreamsStageConfig;
import org.ifl.schemas.avro.Completion;
import org.ifl.schemas.avro.Condition;
import org.ifl.schemas.avro.DatasetEntity;
import org.ifl.schemas.avro.DeadLetter;
import org.ifl.schemas.avro.EntityScores;
import org.ifl.schemas.avro.ItemReferences;
import org.ifl.schemas.avro.LabeledCompletion;
import org.ifl.schemas.avro.PairKey;
import org.ifl.schemas.avro.PromptPattern;
import org.ifl.schemas.avro.ReferenceEntity;
import org.ifl.schemas.avro.TaskKind;
import org.ifl.schemas.registry.SchemaRegistryClients;
import org.ifl.schemas.serde.RegistryAvroSerdes;
import org.ifl.schemas.topic.RecordKey;
import org.ifl.schemas.topic.Topic;
import org.ifl.schemas.topic.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LidTopologyTest {
    private static final String REGISTRY = "mem://lid-topology-test";
    private final Topics topics = new Topics(RegistryAvroSerdes.forUrl(REGISTRY));
    private final AtomicLong scored = new AtomicLong();

    @AfterEach
    void dropRegistry() {
        SchemaRegistryClients.dropInMemory("lid-topology-test");
    }

    @Test
    void labelsEveryCompletionKeepsItsKeyAndDeadLettersOversizedText() {
        CompletionScorer scorer = new CompletionScorer(TestCompletions.lingua(),
                LanguageNormaliser.withDefaultLatinLanguages(), Clock.systemUTC());
        Properties config = StreamsStageConfig.exactlyOnce("lid-test", "unused:9092", REGISTRY, LidTopology.STAGE);
        int maxBytes = 200;
        try (TopologyTestDriver driver = new TopologyTestDriver(
                LidTopology.build(topics, scorer, maxBytes, nanos -> scored.incrementAndGet()), config)) {
            Topic<String, Completion> completions = topics.topic(Topics.COMPLETIONS);
            Topic<String, LabeledCompletion> labeled = topics.topic(Topics.LABELED);
            Topic<String, DeadLetter> dlq = topics.topic(Topics.DEAD_LETTERS);
            TestInputTopic<String, Completion> in = driver.createInputTopic(completions.name(),
                    completions.keySerde().serializer(), completions.valueSerde().serializer());
            TestOutputTopic<String, LabeledCompletion> out = driver.createOutputTopic(labeled.name(),
                    labeled.keySerde().deserializer(), labeled.valueSerde().deserializer());
            TestOutputTopic<String, DeadLetter> dead = driver.createOutputTopic(dlq.name(),
                    dlq.keySerde().deserializer(), dlq.valueSerde().deserializer());

            List<Completion> sent = new ArrayList<>();
            sent.add(TestCompletions.answer("a", "ja", "ja", TestCompletions.ANSWERS.get("ja")));
            sent.add(TestCompletions.answer("b", "ja", "ja", TestCompletions.ANSWERS.get("en")));
            sent.add(TestCompletions.answer("c", "ru", "ru", "Это ".repeat(60))); // 60 x (3 x 2 + 1) = 420 bytes
            sent.add(TestCompletions.failed("d", "ar"));
            for (Completion completion : sent) {
                in.pipeInput(RecordKey.cell(completion.getPair()), completion);
            }

            List<TestRecord<String, LabeledCompletion>> results = out.readRecordsToList();
            assertEquals(List.of("a", "b", "d"),
                    results.stream().map(r -> r.value().getCompletion().getCompletionId()).toList());
            for (TestRecord<String, LabeledCompletion> result : results) {
                assertEquals(RecordKey.cell(result.value().getCompletion().getPair()), result.key());
            }
            assertEquals(1, results.get(0).value().getScores().getFidelity());
            assertEquals("en", results.get(1).value().getLabel().getLanguage());
            assertEquals(0, results.get(1).value().getScores().getFidelity());
            assertEquals("INFERENCE_ERROR", results.get(2).value().getScores().getStatus().name());
            assertEquals(sent.get(0), results.get(0).value().getCompletion(), "the completion travels on whole");

            List<DeadLetter> letters = dead.readValuesToList();
            assertEquals(1, letters.size());
            assertEquals(LidTopology.STAGE, letters.get(0).getStage());
            assertTrue(letters.get(0).getReason().contains("completion c has a text of 420 bytes, more than the limit"
                    + " of 200 bytes"), letters.get(0).getReason());
            assertEquals(3, scored.get(), "the oversized one is not scored");
        }
    }

    @Test
    void anExplanationsEntitiesAreMatchedAgainstItsDatasetsVocabulary() {
        CompletionScorer scorer = new CompletionScorer(TestCompletions.lingua(),
                LanguageNormaliser.withDefaultLatinLanguages(), Clock.systemUTC());
        Properties config = StreamsStageConfig.exactlyOnce("lid-test", "unused:9092", REGISTRY, LidTopology.STAGE);
        try (TopologyTestDriver driver = new TopologyTestDriver(
                LidTopology.build(topics, scorer, 10_000, nanos -> scored.incrementAndGet()), config)) {
            Topic<String, Completion> completions = topics.topic(Topics.COMPLETIONS);
            Topic<String, DatasetEntity> entities = topics.topic(Topics.ENTITIES);
            Topic<String, LabeledCompletion> labeled = topics.topic(Topics.LABELED);
            TestInputTopic<String, Completion> in = driver.createInputTopic(completions.name(),
                    completions.keySerde().serializer(), completions.valueSerde().serializer());
            TestOutputTopic<String, LabeledCompletion> out = driver.createOutputTopic(labeled.name(),
                    labeled.keySerde().deserializer(), labeled.valueSerde().deserializer());
            // The artwork dataset's vocabulary holds a painter this item's references do not name.
            driver.createInputTopic(entities.name(), entities.keySerde().serializer(),
                    entities.valueSerde().serializer()).pipeInput(RecordKey.of("artwork", "Q5582"),
                    new DatasetEntity("artwork", new ReferenceEntity("Q5582", Map.of("en", List.of("Van Gogh"))),
                            java.time.Instant.parse("2026-12-01T00:00:00Z")));

            Completion base = TestCompletions.answer("x", "de", "en",
                    "The Mona Lisa was painted by Leonardo, not by Van Gogh.");
            Completion explanation = Completion.newBuilder(base)
                    .setPair(PairKey.newBuilder(base.getPair()).setDataset("artwork/L_EN").build())
                    .setCondition(Condition.newBuilder(base.getCondition()).setTask(TaskKind.EXPLANATION)
                            .setPattern(PromptPattern.L_EN).build())
                    .setReferences(ItemReferences.newBuilder().setEntities(List.of(
                            new ReferenceEntity("Q762", Map.of("en", List.of("Leonardo"))),
                            new ReferenceEntity("Q19675", Map.of("en", List.of("Louvre"))))).build())
                    .build();
            in.pipeInput(RecordKey.cell(explanation.getPair()), explanation);

            EntityScores s = out.readValue().getEntityScores();
            assertEquals(1, s.getMatchedEntities(), "Leonardo");
            assertEquals(2, s.getGeneratedEntities(), "Leonardo and, from the vocabulary, Van Gogh");
            assertEquals(0.5, s.getCoverageExact(), 1e-12);
            assertEquals(0.5, s.getPrecision(), 1e-12);
            assertEquals(0.5, s.getF1(), 1e-12);
        }
    }
}
