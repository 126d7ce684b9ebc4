package org.ifl.statsstream.internal.cell;

import org.ifl.schemas.avro.AlignmentSetting;
import org.ifl.schemas.avro.LabelStatus;
import org.ifl.schemas.avro.WordLevelStatus;

/**
 * The part of a labeled completion a pair keeps: which completion it was, its verdict and scores, the
 * language it was judged against (an expert label is judged against the same language) and, for an
 * explanation, its entity metrics and the item's alignment setting (each null when the record has none), its
 * word-level verdict, and whether it matches one of the item's reference answers (lid-stream's
 * {@code answerMatch}, the surrogate of its correctness; null when not judged: no references, or no text).
 */
public record ArmAnswer(String completionId, LabelStatus status, int fidelity, int lineFidelity,
        String expectedLanguage, EntityMeasures entities, AlignmentSetting alignment, WordLevelStatus wordLevel,
        Boolean answerMatch) {

    /** An answer whose correctness was not judged. */
    public ArmAnswer(String completionId, LabelStatus status, int fidelity, int lineFidelity,
            String expectedLanguage, EntityMeasures entities, AlignmentSetting alignment, WordLevelStatus wordLevel) {
        this(completionId, status, fidelity, lineFidelity, expectedLanguage, entities, alignment, wordLevel, null);
    }

    /** An answer labeled before word-level judging: its word level NOT_SCORED. */
    public ArmAnswer(String completionId, LabelStatus status, int fidelity, int lineFidelity,
            String expectedLanguage, EntityMeasures entities, AlignmentSetting alignment) {
        this(completionId, status, fidelity, lineFidelity, expectedLanguage, entities, alignment,
                WordLevelStatus.NOT_SCORED);
    }

    /** An answer without entity metrics: a fidelity task's. */
    public ArmAnswer(String completionId, LabelStatus status, int fidelity, int lineFidelity,
            String expectedLanguage) {
        this(completionId, status, fidelity, lineFidelity, expectedLanguage, null, null);
    }

    /** This answer with its reference-answer match ({@code null}: not judged). */
    public ArmAnswer withAnswerMatch(Boolean match) {
        return new ArmAnswer(completionId, status, fidelity, lineFidelity, expectedLanguage, entities, alignment,
                wordLevel, match);
    }

    /** Judged on words (LCB's word level): its language is written in a non-Latin script and it passed line level. */
    public boolean wordJudged() {
        return wordLevel == WordLevelStatus.PASS || wordLevel == WordLevelStatus.CONFUSED;
    }

    public boolean failedInference() {
        return status == LabelStatus.INFERENCE_ERROR;
    }

    /** Labelled {@code none}: no text, or text without a detectable language. */
    public boolean undetected() {
        return status == LabelStatus.EMPTY || status == LabelStatus.UNDETECTED;
    }
}
