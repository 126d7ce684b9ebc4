package org.ifl.producers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.ifl.producers.internal.suite.Explanation;
import org.ifl.schemas.avro.AlignmentSetting;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.ImageRef;
import org.ifl.schemas.avro.ItemReferences;
import org.ifl.schemas.avro.PromptPattern;
import org.ifl.schemas.avro.Query;
import org.ifl.schemas.avro.TaskKind;
import org.ifl.schemas.topic.RecordKey;
import org.junit.jupiter.api.Test;

class FanOutTest {
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final Origin ORIGIN = new Origin(Path.of("suite.json"), 3);
    private static final CheckedImage IMAGE = new CheckedImage(
            ImageRef.newBuilder().setUri("/data/img/7.png").setSha256("ab").build(), null, true);
    private static final EvaluationTarget TARGET = new EvaluationTarget("eval", "llava", "step-1000", true,
            Map.of("llm", "vicuna-7b"), 256);

    private static SuiteItem question(String language) {
        return new SuiteItem("maxm", "q7", language, "Welche Farbe hat der Ball?", ImageSource.local(Path.of("7.png")),
                "Ein roter Ball auf einem Tisch.", List.of("rot"), Map.of("category", "color"), null, ORIGIN);
    }

    @Test
    void aQuestionBecomesThreeArmsSharingOnePairKey() {
        List<Query> queries = FanOut.queries(question("de"), TARGET, IMAGE, NOW);
        assertEquals(List.of(Arm.TEXT, Arm.IMAGE, Arm.IMAGE_REMEDY),
                queries.stream().map(q -> q.getCondition().getArm()).toList());
        assertEquals(1, queries.stream().map(q -> RecordKey.pair(q.getPair())).distinct().count());
        assertEquals("eval|llava|step-1000|maxm|q7|de", RecordKey.pair(queries.get(0).getPair()));
        assertEquals(List.of("eval|llava|step-1000|maxm|q7|de|TEXT", "eval|llava|step-1000|maxm|q7|de|IMAGE",
                "eval|llava|step-1000|maxm|q7|de|IMAGE_REMEDY"), queries.stream().map(Query::getQueryId).toList());

        Query text = queries.get(0);
        assertEquals("Ein roter Ball auf einem Tisch.", text.getDescription(), "TEXT carries the description");
        assertNull(text.getImage(), "and no image");
        Query image = queries.get(1);
        assertNull(image.getDescription());
        assertEquals("/data/img/7.png", image.getImage().getUri());
        for (Query q : queries) {
            assertEquals("Welche Farbe hat der Ball?", q.getPrompt());
            assertEquals(TaskKind.FIDELITY, q.getCondition().getTask());
            assertEquals("de", q.getCondition().getInstructionLanguage());
            assertEquals("de", q.getCondition().getExpectedLanguage());
            assertEquals(List.of("rot"), q.getReferences().getAnswers());
            assertEquals(Map.of("llm", "vicuna-7b", "category", "color"), q.getAttributes());
            assertEquals(256, q.getMaxNewTokens());
            assertEquals(NOW, q.getCreatedAt());
        }
    }

    @Test
    void idsAreTheSameEveryTimeAndDifferPerLanguageCheckpointAndRun() {
        List<String> once = FanOut.queries(question("de"), TARGET, IMAGE, NOW).stream().map(Query::getQueryId)
                .toList();
        List<String> again = FanOut.queries(question("de"), TARGET, IMAGE, NOW.plusSeconds(3600)).stream()
                .map(Query::getQueryId).toList();
        assertEquals(once, again);
        EvaluationTarget otherCheckpoint = new EvaluationTarget("eval", "llava", "step-2000", true, Map.of(), null);
        EvaluationTarget otherRun = new EvaluationTarget("rerun", "llava", "step-1000", true, Map.of(), null);
        for (List<Query> other : List.of(FanOut.queries(question("fr"), TARGET, IMAGE, NOW),
                FanOut.queries(question("de"), otherCheckpoint, IMAGE, NOW),
                FanOut.queries(question("de"), otherRun, IMAGE, NOW))) {
            assertTrue(other.stream().map(Query::getQueryId).noneMatch(once::contains), other.toString());
        }
    }

    @Test
    void withoutTheRemedyTwoArmsAndATextOnlyItemOne() {
        EvaluationTarget noRemedy = new EvaluationTarget("eval", "llava", "step-1000", false, Map.of(), null);
        assertEquals(List.of(Arm.TEXT, Arm.IMAGE), FanOut.queries(question("de"), noRemedy, IMAGE, NOW).stream()
                .map(q -> q.getCondition().getArm()).toList());

        SuiteItem multiq = new SuiteItem("multiq", "17", "ro", "Care este capitala Franței?", null, null, List.of(),
                Map.of("domain", "geography"), null, ORIGIN);
        List<Query> text = FanOut.queries(multiq, TARGET, null, NOW);
        assertEquals(1, text.size());
        assertEquals(Arm.TEXT, text.get(0).getCondition().getArm());
        assertNull(text.get(0).getDescription());
        assertNull(text.get(0).getImage());
        assertEquals("eval|llava|step-1000|multiq|17|ro|TEXT", text.get(0).getQueryId());
    }

    @Test
    void anExplanationItemIsAskedInFourPatternsEachItsOwnPairWithItsAlignment() {
        Map<PromptPattern, String> prompts = new EnumMap<>(PromptPattern.class);
        prompts.put(PromptPattern.EN_EN, "Explain this artwork.");
        prompts.put(PromptPattern.EN_L, "Explain this artwork in Japanese.");
        prompts.put(PromptPattern.L_EN, "この作品を英語で説明してください。");
        prompts.put(PromptPattern.L_L, "この作品を説明してください。");
        ItemReferences ja = ItemReferences.newBuilder().setReferenceText("モナ・リザは…").build();
        ItemReferences en = ItemReferences.newBuilder().setReferenceText("The Mona Lisa is…").build();
        SuiteItem art = new SuiteItem("artwork", "mona-lisa", "ja", prompts.get(PromptPattern.L_L),
                ImageSource.remote("https://example.org/mona.jpg"), null, List.of(), Map.of(),
                new Explanation("モナ・リザ", AlignmentSetting.ALIGNMENT_10, prompts, ja, en), ORIGIN);
        CheckedImage remote = new CheckedImage(ImageRef.newBuilder().setUri("https://example.org/mona.jpg").build(),
                null, false);

        List<Query> queries = FanOut.queries(art, TARGET, remote, NOW);
        assertEquals(8, queries.size(), "4 patterns x (IMAGE, IMAGE_REMEDY): no description, no TEXT arm");
        record Expect(String dataset, String instruction, String expected, ItemReferences references) {
        }
        Map<PromptPattern, Expect> expected = Map.of(
                PromptPattern.EN_EN, new Expect("artwork/EN_EN", "en", "en", en),
                PromptPattern.EN_L, new Expect("artwork/EN_L", "en", "ja", ja),
                PromptPattern.L_EN, new Expect("artwork/L_EN", "ja", "en", en),
                PromptPattern.L_L, new Expect("artwork/L_L", "ja", "ja", ja));
        for (Query q : queries) {
            PromptPattern pattern = q.getCondition().getPattern();
            Expect e = expected.get(pattern);
            assertEquals(e.dataset(), q.getPair().getDataset(), pattern.name());
            assertEquals("ja", q.getPair().getLanguage(), "the cell's language is the item's");
            assertEquals(e.instruction(), q.getCondition().getInstructionLanguage(), pattern.name());
            assertEquals(e.expected(), q.getCondition().getExpectedLanguage(), pattern.name());
            assertEquals(e.references(), q.getReferences(), pattern.name());
            assertEquals(prompts.get(pattern), q.getPrompt());
            assertEquals(TaskKind.EXPLANATION, q.getCondition().getTask());
            assertEquals(AlignmentSetting.ALIGNMENT_10, q.getCondition().getAlignment());
        }
        assertEquals(4, queries.stream().map(q -> RecordKey.pair(q.getPair())).distinct().count(),
                "one pair per pattern, so the patterns' answers are never taken for repeats of each other");
    }
}
