package org.ifl.lidstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.ifl.lidstream.internal.label.LanguageNormaliser;
import org.ifl.schemas.avro.EntityScores;
import org.ifl.schemas.avro.FidelityScores;
import org.ifl.schemas.avro.ItemReferences;
import org.ifl.schemas.avro.LabelStatus;
import org.ifl.schemas.avro.LabeledCompletion;
import org.ifl.schemas.avro.ReferenceEntity;
import org.ifl.schemas.avro.WordLevelStatus;
import org.junit.jupiter.api.Test;

/** Scoring with the real Lingua detector, on answers whose language is known. */
class CompletionScorerTest {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private final CompletionScorer scorer = new CompletionScorer(TestCompletions.lingua(),
            LanguageNormaliser.withDefaultLatinLanguages(), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void everyPaperLanguageIsLabeledAndFaithful() {
        TestCompletions.ANSWERS.forEach((language, text) -> {
            LabeledCompletion labeled = scorer.score(TestCompletions.answer(language, language, language, text));
            assertEquals(language, labeled.getLabel().getLanguage(), text);
            WordLevelStatus words = List.of("en", "de", "es", "fr", "ro").contains(language)
                    ? WordLevelStatus.NOT_APPLICABLE : WordLevelStatus.PASS;
            assertEquals(new FidelityScores(LabelStatus.LABELED, 1, 1, 1, List.of(), words, List.of()),
                    labeled.getScores(), text);
            assertTrue(labeled.getLabel().getConfidence() > 0.5, text);
            assertEquals("lingua-1.2.2/high-accuracy", labeled.getLabel().getDetector());
        });
    }

    @Test
    void anEnglishAnswerToAGermanQuestionIsUnfaithful() {
        LabeledCompletion labeled = scorer.score(TestCompletions.answer("1", "de", "de",
                TestCompletions.ANSWERS.get("en")));
        assertEquals("en", labeled.getLabel().getLanguage());
        assertEquals(0, labeled.getScores().getFidelity());
        assertEquals(0, labeled.getScores().getLineFidelity());
        assertEquals(List.of("en"), labeled.getScores().getFailingLineLanguages());
        assertEquals(NOW, labeled.getLabeledAt());
    }

    @Test
    void oneEnglishLineInAGermanAnswerFailsLineLevelButNotWholeText() {
        String text = "Auf dem Bild sind zwei rote Kreise und ein blaues Quadrat zu sehen.\n"
                + "Der große Kreis liegt links neben dem kleinen Quadrat.\n"
                + "The small circle is on the right side of the picture.\n"
                + "Ja.";
        LabeledCompletion labeled = scorer.score(TestCompletions.answer("2", "de", "de", text));
        assertEquals("de", labeled.getLabel().getLanguage());
        assertEquals(1, labeled.getScores().getFidelity());
        assertEquals(0, labeled.getScores().getLineFidelity());
        assertEquals(3, labeled.getScores().getLinesJudged(), "the one-word line is not judged");
        assertEquals(List.of("en"), labeled.getScores().getFailingLineLanguages());
    }

    @Test
    void aShortAnswerIsJudgedOnTheWholeText() {
        LabeledCompletion labeled = scorer.score(TestCompletions.answer("3", "fr", "fr", "Two circles."));
        assertEquals(0, labeled.getScores().getLinesJudged());
        assertEquals(0, labeled.getScores().getFidelity());
        assertEquals(0, labeled.getScores().getLineFidelity());
    }

    @Test
    void emptyUndetectableAndFailedCompletionsAreCountedApart() {
        LabeledCompletion empty = scorer.score(TestCompletions.answer("4", "ja", "ja", "  \n "));
        assertEquals(LabelStatus.EMPTY, empty.getScores().getStatus());
        assertEquals("none", empty.getLabel().getLanguage());

        LabeledCompletion digits = scorer.score(TestCompletions.answer("5", "ja", "ja", "12 + 30 = 42 🙂"));
        assertEquals(LabelStatus.UNDETECTED, digits.getScores().getStatus());
        assertEquals("none", digits.getLabel().getLanguage());
        assertEquals(0, digits.getScores().getFidelity());

        LabeledCompletion failed = scorer.score(TestCompletions.failed("6", "ja"));
        assertEquals(LabelStatus.INFERENCE_ERROR, failed.getScores().getStatus());
        assertEquals("none", failed.getLabel().getLanguage());
        assertEquals("inference_error", failed.getLabel().getRawLabel());
        assertEquals(0, failed.getScores().getFidelity());
    }

    @Test
    void anAnswerWithTextIsMatchedAgainstTheItemsReferenceAnswers() {
        // the item's reference answers are "zwei" and "2" (ContractSamples.references())
        assertEquals(true, scorer.score(TestCompletions.answer("m1", "de", "de", "Es sind zwei Kreise."))
                .getAnswerMatch());
        assertEquals(false, scorer.score(TestCompletions.answer("m2", "de", "de", "Drei Kreise.")).getAnswerMatch());
        assertEquals(null, scorer.score(TestCompletions.answer("m3", "de", "de", " ")).getAnswerMatch(), "no text");
        assertEquals(null, scorer.score(TestCompletions.failed("m4", "de")).getAnswerMatch(), "no text");
        org.ifl.schemas.avro.Completion withoutReferences = TestCompletions.answer("m5", "de", "de", "Zwei.");
        withoutReferences.setReferences(ItemReferences.newBuilder().build());
        assertEquals(null, scorer.score(withoutReferences).getAnswerMatch(), "no reference answers");
    }

    @Test
    void anEnglishWordInAChineseAnswerIsWordLevelConfusion() {
        LabeledCompletion labeled = scorer.score(TestCompletions.answer("w1", "zh", "zh",
                "图片里有两个红色的圆。大的 circle 在左边，小的在右边。"));
        assertEquals(1, labeled.getScores().getLineFidelity(), "still a Chinese line");
        assertEquals(WordLevelStatus.CONFUSED, labeled.getScores().getWordLevel());
        assertEquals(List.of("circle"), labeled.getScores().getEnglishWords());
    }

    @Test
    void aThaiAnswerWithANumberPassesWordLevel() {
        LabeledCompletion labeled = scorer.score(TestCompletions.answer("w2", "th", "th",
                "ในภาพมีวงกลมสีแดง 2 วง วงกลมใหญ่อยู่ทางซ้าย"));
        assertEquals(1, labeled.getScores().getLineFidelity());
        assertEquals(WordLevelStatus.PASS, labeled.getScores().getWordLevel());
        assertEquals(List.of(), labeled.getScores().getEnglishWords());
    }

    @Test
    void wordLevelIsNotApplicableToLatinScriptLanguagesAndNotJudgedAfterALineLevelFailure() {
        LabeledCompletion german = scorer.score(TestCompletions.answer("w3", "de", "de",
                "Auf dem Bild sind zwei rote Kreise, ein circle und ein square."));
        assertEquals(WordLevelStatus.NOT_APPLICABLE, german.getScores().getWordLevel());
        assertEquals(List.of(), german.getScores().getEnglishWords());

        LabeledCompletion english = scorer.score(TestCompletions.answer("w4", "ru", "ru",
                TestCompletions.ANSWERS.get("en")));
        assertEquals(0, english.getScores().getLineFidelity());
        assertEquals(WordLevelStatus.NOT_JUDGED, english.getScores().getWordLevel(),
                "LCB counts words only in answers that pass line level");
        assertEquals(List.of(), english.getScores().getEnglishWords());

        assertEquals(WordLevelStatus.NOT_JUDGED, scorer.score(TestCompletions.failed("w5", "ja")).getScores()
                .getWordLevel());
        assertEquals(WordLevelStatus.NOT_APPLICABLE, scorer.score(TestCompletions.failed("w6", "fr")).getScores()
                .getWordLevel());
        assertEquals(WordLevelStatus.NOT_JUDGED, scorer.score(TestCompletions.answer("w7", "hi", "hi", " "))
                .getScores().getWordLevel());
    }

    @Test
    void aRunnerUpIsReported() {
        LabeledCompletion labeled = scorer.score(TestCompletions.answer("7", "es", "es",
                TestCompletions.ANSWERS.get("es")));
        assertTrue(labeled.getLabel().getRunnerUp() != null, "17 candidate languages leave a runner-up");
        assertTrue(labeled.getLabel().getRunnerUpConfidence() <= labeled.getLabel().getConfidence());
    }

    /** An artwork explanation asked in German, with four reference entities and two co-occurring pairs. */
    private static org.ifl.schemas.avro.Completion explanation(String id, String text) {
        java.util.function.BiFunction<String, java.util.Map<String, List<String>>, ReferenceEntity> entity =
                (entityId, forms) -> new ReferenceEntity(entityId, forms);
        ItemReferences references = ItemReferences.newBuilder()
                .setReferenceText("Leonardo malte sie in Florenz. Sie hängt im Louvre in Paris.")
                .setEntities(List.of(
                        entity.apply("Q762", java.util.Map.of("de", List.of("Leonardo da Vinci", "Leonardo"))),
                        entity.apply("Q19675", java.util.Map.of("de", List.of("Louvre"))),
                        entity.apply("Q90", java.util.Map.of("de", List.of("Paris"))),
                        entity.apply("Q2044", java.util.Map.of("de", List.of("Florenz"), "en", List.of("Florence")))))
                .setCooccurringPairs(List.of(List.of("Q762", "Q2044"), List.of("Q19675", "Q90")))
                .build();
        org.ifl.schemas.avro.Completion c = TestCompletions.answer(id, "de", "de", text);
        return org.ifl.schemas.avro.Completion.newBuilder(c)
                .setCondition(org.ifl.schemas.avro.Condition.newBuilder(c.getCondition())
                        .setTask(org.ifl.schemas.avro.TaskKind.EXPLANATION)
                        .setPattern(org.ifl.schemas.avro.PromptPattern.L_L).build())
                .setReferences(references)
                .build();
    }

    @Test
    void anExplanationGetsItsEntityScoresBesideItsFidelity() {
        // Names Leonardo, Florenz and the Louvre, not Paris; Leonardo and Florenz share the first sentence.
        LabeledCompletion german = scorer.score(explanation("e1",
                "Die Mona Lisa wurde von Leonardo in Florenz gemalt. Heute hängt sie im Louvre."));
        assertEquals(1, german.getScores().getFidelity());
        EntityScores s = german.getEntityScores();
        assertEquals(4, s.getReferenceEntities());
        assertEquals(3, s.getMatchedEntities());
        assertEquals(3, s.getGeneratedEntities());
        assertEquals(0.75, s.getCoverageExact(), 1e-12);
        assertEquals(1.0, s.getPrecision(), 1e-12);
        assertEquals(2 * 0.75 / 1.75, s.getF1(), 1e-12);
        // "paris" shares at most two letters in a row with the answer ("is" of "lisa", "ar" of "leonardo").
        assertEquals((3 + 0.4) / 4, s.getCoveragePartial(), 1e-12);
        assertEquals(0.5, s.getCooccurrence(), 1e-12);
    }

    @Test
    void anExplanationInTheWrongLanguageIsScoredInTheLanguageItWasAskedIn() {
        LabeledCompletion english = scorer.score(explanation("e2",
                "Leonardo painted the Mona Lisa in Florence. It hangs in the Louvre museum today."));
        assertEquals("en", english.getLabel().getLanguage());
        assertEquals(0, english.getScores().getFidelity());
        EntityScores s = english.getEntityScores();
        assertEquals(2, s.getMatchedEntities(), "Leonardo and Louvre are written alike; Florence is not Florenz");
        assertEquals(0.5, s.getCoverageExact(), 1e-12);
        assertEquals((2 + 6.0 / 7 + 0.4) / 4, s.getCoveragePartial(), 1e-12, "\"floren\" of Florenz: 6 of 7");
        assertEquals(0.0, s.getCooccurrence(), 1e-12);

        LabeledCompletion empty = scorer.score(explanation("e3", ""));
        assertEquals(LabelStatus.EMPTY, empty.getScores().getStatus());
        assertEquals(0.0, empty.getEntityScores().getCoverageExact(), 1e-12);
        assertEquals(0.0, empty.getEntityScores().getF1(), 1e-12);
        assertEquals(0.0, empty.getEntityScores().getPrecision(), 1e-12, "no entity named: recorded as 0");

        assertEquals(null, scorer.score(TestCompletions.answer("q", "de", "de", "Ein roter Kreis.")).getEntityScores(),
                "a question-answering completion has no entity scores");
    }
}
