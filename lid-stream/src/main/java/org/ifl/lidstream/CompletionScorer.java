package org.ifl.lidstream;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.ifl.lidstream.internal.label.LanguageNormaliser;
import org.ifl.lidstream.internal.score.AnswerMatch;
import org.ifl.lidstream.internal.score.EnglishWords;
import org.ifl.lidstream.internal.score.EntityVocabulary;
import org.ifl.lidstream.internal.score.ExplanationScorer;
import org.ifl.lidstream.internal.score.LineTokens;
import org.ifl.schemas.avro.Completion;
import org.ifl.schemas.avro.FidelityScores;
import org.ifl.schemas.avro.LabelStatus;
import org.ifl.schemas.avro.LabeledCompletion;
import org.ifl.schemas.avro.LanguageLabel;
import org.ifl.schemas.avro.WordLevelStatus;

/**
 * Labels one completion's language and scores it against the expected output language (DESIGN.md section 4):
 * whole-text fidelity, and line-level fidelity, which is 1 only when every line of at least
 * {@link #MIN_LINE_TOKENS} tokens is in the expected language. A completion with no line that long is judged
 * on the whole text (line-level fidelity equals fidelity, zero lines judged), so a short English answer to a
 * German question still fails. Completions that carry an inference error are labeled as such, not as a
 * language. Explanation completions also get their entity scores ({@link ExplanationScorer}), and a completion with
 * text whose item has reference answers whether it matches one ({@link AnswerMatch}), the surrogate of its
 * correctness.
 *
 * <p>Word-level confusion, as the Language Confusion Benchmark judges it: an answer expected in a language written
 * in a non-Latin script that passes line level is CONFUSED when it has an English word ({@link EnglishWords}),
 * else PASS; one that fails line level (or is empty, or failed inference) is NOT_JUDGED; for any other expected
 * language the measure is NOT_APPLICABLE.
 */
public final class CompletionScorer {
    public static final int MIN_LINE_TOKENS = 5;

    private final LanguageDetector detector;
    private final LanguageNormaliser normaliser;
    private final Clock clock;

    public CompletionScorer(LanguageDetector detector, LanguageNormaliser normaliser, Clock clock) {
        this.detector = detector;
        this.normaliser = normaliser;
        this.clock = clock;
    }

    /**
     * The languages this scorer can label a completion with (ISO 639-1, sorted): fidelity can be 1 only for a
     * completion expected in one of them. These are the project's languages as lid-stream sees them.
     */
    public Set<String> languages() {
        return normaliser.labels();
    }

    public LabeledCompletion score(Completion completion) {
        return score(completion, EntityVocabulary.NONE);
    }

    /** The same, with explanations' entities matched against their dataset's {@code vocabulary}. */
    public LabeledCompletion score(Completion completion, EntityVocabulary vocabulary) {
        LabeledCompletion.Builder labeled = LabeledCompletion.newBuilder()
                .setCompletion(completion)
                .setEntityScores(ExplanationScorer.score(completion, vocabulary))
                .setLabeledAt(clock.instant());
        String expected = completion.getCondition().getExpectedLanguage();
        boolean wordsJudged = normaliser.writtenInNonLatinScript(expected);
        WordLevelStatus unjudged = wordsJudged ? WordLevelStatus.NOT_JUDGED : WordLevelStatus.NOT_APPLICABLE;
        if (completion.getError() != null) {
            return labeled.setLabel(unlabeled("inference_error"))
                    .setScores(new FidelityScores(LabelStatus.INFERENCE_ERROR, 0, 0, 0, List.of(), unjudged,
                            List.of()))
                    .build();
        }
        String text = completion.getText();
        if (text == null || text.isBlank()) {
            return labeled.setLabel(unlabeled("empty"))
                    .setScores(new FidelityScores(LabelStatus.EMPTY, 0, 0, 0, List.of(), unjudged, List.of()))
                    .build();
        }
        labeled.setAnswerMatch(AnswerMatch.of(text, completion.getReferences().getAnswers()));
        Detection detection = detector.detect(text);
        String language = normalise(detection, text);
        int fidelity = language.equals(expected) ? 1 : 0;

        List<String> judged = LineTokens.judgedLines(text, MIN_LINE_TOKENS);
        Set<String> failing = new LinkedHashSet<>();
        for (String line : judged) {
            String lineLanguage = judged.size() == 1 && line.equals(text.strip())
                    ? language // the whole text is this one line: its label is already known
                    : normalise(detector.detect(line), line);
            if (!lineLanguage.equals(expected)) {
                failing.add(lineLanguage);
            }
        }
        int lineFidelity = judged.isEmpty() ? fidelity : failing.isEmpty() ? 1 : 0;
        // LCB judges words only in answers without line-level confusion
        boolean wordsRead = wordsJudged && lineFidelity == 1;
        List<String> englishWords = wordsRead ? EnglishWords.in(text, MIN_LINE_TOKENS) : List.of();
        WordLevelStatus wordLevel = !wordsRead ? unjudged
                : englishWords.isEmpty() ? WordLevelStatus.PASS : WordLevelStatus.CONFUSED;
        LabelStatus status = LanguageNormaliser.NONE.equals(language) ? LabelStatus.UNDETECTED : LabelStatus.LABELED;
        return labeled
                .setLabel(new LanguageLabel(language, detection.rawLabel(), detection.confidence(),
                        detection.runnerUpCode(), detection.runnerUpConfidence(), detector.name()))
                .setScores(new FidelityScores(status, fidelity, lineFidelity, judged.size(), List.copyOf(failing),
                        wordLevel, englishWords))
                .build();
    }

    private String normalise(Detection detection, String text) {
        return normaliser.normalise(detection.code(), detection.script(), text);
    }

    private LanguageLabel unlabeled(String rawLabel) {
        return new LanguageLabel(LanguageNormaliser.NONE, rawLabel, 0.0, null, null, detector.name());
    }
}
