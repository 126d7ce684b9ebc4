package org.ifl.lidstream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.ifl.lidstream.internal.label.LanguageNormaliser;
import org.ifl.lidstream.internal.validate.CompletionValidator;
import org.ifl.lidstream.topology.LidTopology;
import org.ifl.platform.kafka.ClusterAccess;
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
        try (TopologyTestDriver driver = driver(200)) {
            Pipes pipes = pipes(driver);
            TestInputTopic<String, Completion> in = pipes.in();
            TestOutputTopic<String, LabeledCompletion> out = pipes.out();
            TestOutputTopic<String, DeadLetter> dead = pipes.dead();

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
            assertEquals("rejected: completion c: text has 420 bytes, more than the limit of 200 bytes"
                    + " (ifl.lid.max-text-bytes)", letters.get(0).getReason());
            assertEquals(3, scored.get(), "the oversized one is not scored");
        }
    }

    @Test
    void anExplanationsEntitiesAreMatchedAgainstItsDatasetsVocabulary() {
        try (TopologyTestDriver driver = driver(10_000)) {
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

    @Test
    void eachCompletionLidCannotScoreIsOneDeadLetterNamingTheFieldAndTheValueAndTheOthersAreLabeled() {
        try (TopologyTestDriver driver = driver(10_000)) {
            Pipes pipes = pipes(driver);
            TestInputTopic<String, Completion> in = pipes.in();
            TestOutputTopic<String, LabeledCompletion> out = pipes.out();
            TestOutputTopic<String, DeadLetter> dead = pipes.dead();

            Completion valid = TestCompletions.answer("valid", "de", "de", TestCompletions.ANSWERS.get("de"));
            String deKey = RecordKey.cell(valid.getPair());
            Completion explanation = explanation(valid, PromptPattern.L_EN, "de", "en");
            Map<String, Sent> invalid = new LinkedHashMap<>(); // by the reason of its dead letter
            Completion xx = TestCompletions.answer("xx", "de", "xx", TestCompletions.ANSWERS.get("de"));
            invalid.put("rejected: completion xx: condition.expectedLanguage 'xx' is not one of the project's"
                    + " languages " + LANGUAGES + ", the ones lid-stream labels: its fidelity could never be 1",
                    new Sent(deKey, xx));
            Completion pipe = TestCompletions.answer("pipe", "e|n", "e|n", TestCompletions.ANSWERS.get("en"));
            invalid.put("rejected: completion pipe: pair.language 'e|n' is not an ISO 639-1 code (de, zh, he...);"
                    + " condition.instructionLanguage 'e|n' is not an ISO 639-1 code (de, zh, he...);"
                    + " condition.expectedLanguage 'e|n' is not one of the project's languages " + LANGUAGES
                    + ", the ones lid-stream labels: its fidelity could never be 1",
                    new Sent(RecordKey.cell(pipe.getPair()), pipe));
            invalid.put("rejected: tombstone: a null value is not a completion (key ref-vlm|step-1|maxm|de)",
                    new Sent(deKey, null));
            Completion blankModel = Completion.newBuilder(valid).setCompletionId("blank-model")
                    .setPair(PairKey.newBuilder(valid.getPair()).setModel(" ").build()).build();
            invalid.put("rejected: completion blank-model: pair.model ' ' is blank",
                    new Sent(RecordKey.cell(blankModel.getPair()), blankModel));
            invalid.put("rejected: completion silent: text is missing and there is no error: a completion has a"
                    + " text, or an error saying why it has none",
                    new Sent(deKey, TestCompletions.answer("silent", "de", "de", null)));
            invalid.put("rejected: completion seconds: completedAt 1970-01-21T10:00:00Z is before"
                    + " 2000-01-01T00:00:00Z: not when a completion was made (a zero, or seconds taken for"
                    + " milliseconds?)", new Sent(deKey, Completion.newBuilder(valid).setCompletionId("seconds")
                            .setCompletedAt(Instant.ofEpochMilli(1_764_000_000L)).build()));
            invalid.put("rejected: completion future: completedAt 2026-12-03T00:00:00Z is more than 1 day after"
                    + " lid-stream's clock (2026-12-01T00:00:00Z)", new Sent(deKey, Completion.newBuilder(valid)
                            .setCompletionId("future").setCompletedAt(Instant.parse("2026-12-03T00:00:00Z")).build()));
            invalid.put("rejected: completion wrong-key: key 'ref-vlm|step-1|maxm' is not the completion's cell"
                    + " 'ref-vlm|step-1|maxm|de' (model|checkpoint|dataset|language)", new Sent(
                        "ref-vlm|step-1|maxm", Completion.newBuilder(valid).setCompletionId("wrong-key").build()));
            Completion references = Completion.newBuilder(explanation).setCompletionId("references")
                    .setReferences(ItemReferences.newBuilder().setEntities(List.of(
                            new ReferenceEntity("Q762", Map.of("en", List.of("Leonardo"))),
                            new ReferenceEntity("Q19675", Map.of("fr", List.of("Musée du Louvre")))))
                            .setCooccurringPairs(List.of(List.of("Q762", "Q12418"))).build())
                    .build();
            invalid.put("rejected: completion references: references.entities[1] ('Q19675') has no surface form in"
                    + " condition.expectedLanguage 'en', so it could never be found: references.entities[1]"
                    + ".surfaceForms {fr=[Musée du Louvre]}; references.cooccurringPairs[0] [Q762, Q12418] names"
                    + " 'Q12418', which is not in references.entities",
                    new Sent(RecordKey.cell(references.getPair()), references));
            Completion pattern = Completion.newBuilder(explanation(valid, PromptPattern.EN_L, "de", "de"))
                    .setCompletionId("pattern").build();
            invalid.put("rejected: completion pattern: condition.instructionLanguage 'de' contradicts"
                    + " condition.pattern EN_L, which asks in 'en'",
                    new Sent(RecordKey.cell(pattern.getPair()), pattern));

            List<String> labeledIds = new ArrayList<>();
            int n = 0;
            for (Sent bad : invalid.values()) {
                Completion before = Completion.newBuilder(n % 2 == 0 ? valid : explanation)
                        .setCompletionId("valid-" + n++).build();
                in.pipeInput(RecordKey.cell(before.getPair()), before);
                labeledIds.add(before.getCompletionId());
                in.pipeInput(bad.key(), bad.value());
            }
            Completion last = Completion.newBuilder(valid).setCompletionId("valid-last").build();
            in.pipeInput(deKey, last);
            labeledIds.add(last.getCompletionId());

            List<LabeledCompletion> results = out.readValuesToList();
            assertEquals(labeledIds, results.stream().map(r -> r.getCompletion().getCompletionId()).toList());
            for (LabeledCompletion result : results) {
                assertEquals(1, result.getScores().getFidelity(), result.getCompletion().getCompletionId());
            }
            assertEquals(labeledIds.size(), scored.get(), "only the valid ones are scored");
            List<String> reasons = dead.readValuesToList().stream().map(DeadLetter::getReason).toList();
            assertEquals(List.copyOf(invalid.keySet()), reasons);
        }
    }

    /** The driver's eval.completions input and its eval.labeled and eval.dlq outputs. */
    private record Pipes(TestInputTopic<String, Completion> in, TestOutputTopic<String, LabeledCompletion> out,
            TestOutputTopic<String, DeadLetter> dead) {
    }

    private Pipes pipes(TopologyTestDriver driver) {
        Topic<String, Completion> completions = topics.topic(Topics.COMPLETIONS);
        Topic<String, LabeledCompletion> labeled = topics.topic(Topics.LABELED);
        Topic<String, DeadLetter> dlq = topics.topic(Topics.DEAD_LETTERS);
        return new Pipes(driver.createInputTopic(completions.name(), completions.keySerde().serializer(),
                completions.valueSerde().serializer()),
                driver.createOutputTopic(labeled.name(), labeled.keySerde().deserializer(),
                        labeled.valueSerde().deserializer()),
                driver.createOutputTopic(dlq.name(), dlq.keySerde().deserializer(), dlq.valueSerde().deserializer()));
    }

    /** A record as it was sent to eval.completions. */
    private record Sent(String key, Completion value) {
    }

    /** The project's languages, as the reasons list them: the 14 of the IFL paper and it, ko, pt. */
    private static final String LANGUAGES = "[ar, bn, de, en, es, fr, he, hi, it, ja, ko, pt, ro, ru, th, ur, zh]";
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    /** The topology on Lingua, its validator on a clock fixed at {@link #NOW}; texts up to {@code maxTextBytes}. */
    private TopologyTestDriver driver(int maxTextBytes) {
        CompletionScorer scorer = new CompletionScorer(TestCompletions.lingua(),
                LanguageNormaliser.withDefaultLatinLanguages(), Clock.systemUTC());
        CompletionValidator validator = new CompletionValidator(scorer.languages(), maxTextBytes,
                Clock.fixed(NOW, ZoneOffset.UTC));
        Properties config = StreamsStageConfig.exactlyOnce("lid-test", ClusterAccess.plain("unused:9092", REGISTRY), LidTopology.STAGE);
        return new TopologyTestDriver(LidTopology.build(topics, scorer, validator, nanos -> scored.incrementAndGet()),
                config);
    }

    /** {@code base} as an explanation of the Mona Lisa in {@code pattern}, asked in {@code instruction}. */
    private static Completion explanation(Completion base, PromptPattern pattern, String instruction,
            String expected) {
        return Completion.newBuilder(base)
                .setPair(PairKey.newBuilder(base.getPair()).setDataset("artwork/" + pattern).build())
                .setCondition(Condition.newBuilder(base.getCondition()).setTask(TaskKind.EXPLANATION)
                        .setPattern(pattern).setInstructionLanguage(instruction).setExpectedLanguage(expected)
                        .build())
                .setText(expected.equals("en") ? "The Mona Lisa was painted by Leonardo and hangs in the Louvre."
                        : TestCompletions.ANSWERS.get(expected))
                .setReferences(ItemReferences.newBuilder().setEntities(List.of(
                        new ReferenceEntity("Q762", Map.of("en", List.of("Leonardo"), "de", List.of("Leonardo"))),
                        new ReferenceEntity("Q19675", Map.of("en", List.of("Louvre"), "de", List.of("Louvre")))))
                        .setCooccurringPairs(List.of(List.of("Q762", "Q19675"))).build())
                .build();
    }
}
