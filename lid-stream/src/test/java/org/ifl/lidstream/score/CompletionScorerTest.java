package org.ifl.lidstream.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.ifl.lidstream.TestCompletions;
import org.ifl.lidstream.label.LanguageNormaliser;
import org.ifl.schemas.avro.FidelityScores;
import org.ifl.schemas.avro.LabelStatus;
import org.ifl.schemas.avro.LabeledCompletion;
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
            assertEquals(new FidelityScores(LabelStatus.LABELED, 1, 1, 1, List.of()), labeled.getScores(), text);
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
    void aRunnerUpIsReported() {
        LabeledCompletion labeled = scorer.score(TestCompletions.answer("7", "es", "es",
                TestCompletions.ANSWERS.get("es")));
        assertTrue(labeled.getLabel().getRunnerUp() != null, "17 candidate languages leave a runner-up");
        assertTrue(labeled.getLabel().getRunnerUpConfidence() <= labeled.getLabel().getConfidence());
    }
}
