package org.ifl.statsstream.cell;

import org.ifl.schemas.avro.LabelStatus;

/**
 * The part of a labeled completion a pair keeps: which completion it was, its verdict and scores, and the
 * language it was judged against (an expert label is judged against the same language).
 */
public record ArmAnswer(String completionId, LabelStatus status, int fidelity, int lineFidelity,
        String expectedLanguage) {
    public boolean failedInference() {
        return status == LabelStatus.INFERENCE_ERROR;
    }

    /** Labelled {@code none}: no text, or text without a detectable language. */
    public boolean undetected() {
        return status == LabelStatus.EMPTY || status == LabelStatus.UNDETECTED;
    }
}
