package org.ifl.statsstream.internal.cell;

import org.ifl.schemas.avro.AlignmentSetting;
import org.ifl.schemas.avro.LabelStatus;

/**
 * The part of a labeled completion a pair keeps: which completion it was, its verdict and scores, the
 * language it was judged against (an expert label is judged against the same language) and, for an
 * explanation, its entity metrics and the item's alignment setting (each null when the record has none).
 */
public record ArmAnswer(String completionId, LabelStatus status, int fidelity, int lineFidelity,
        String expectedLanguage, EntityMeasures entities, AlignmentSetting alignment) {

    /** An answer without entity metrics: a fidelity task's. */
    public ArmAnswer(String completionId, LabelStatus status, int fidelity, int lineFidelity,
            String expectedLanguage) {
        this(completionId, status, fidelity, lineFidelity, expectedLanguage, null, null);
    }

    public boolean failedInference() {
        return status == LabelStatus.INFERENCE_ERROR;
    }

    /** Labelled {@code none}: no text, or text without a detectable language. */
    public boolean undetected() {
        return status == LabelStatus.EMPTY || status == LabelStatus.UNDETECTED;
    }
}
