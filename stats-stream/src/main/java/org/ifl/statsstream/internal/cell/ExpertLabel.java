package org.ifl.statsstream.internal.cell;

/** An expert's language for one completion, drawn for labelling with probability pi. */
public record ExpertLabel(String completionId, String trueLanguage, double samplingProbability) {
}
