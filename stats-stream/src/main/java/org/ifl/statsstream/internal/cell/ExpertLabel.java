package org.ifl.statsstream.internal.cell;

/**
 * An expert's judgement of one completion, drawn for labelling with probability pi: the language it is in and
 * whether it answers correctly. Either may be {@code null}, where the expert found it unclear or did not judge
 * it: a label without a language is no fidelity label (the answer keeps its surrogate, as if not drawn), one
 * without {@code correct} no correctness label.
 */
public record ExpertLabel(String completionId, String trueLanguage, Boolean correct, double samplingProbability) {

    /** A label of the language alone. */
    public ExpertLabel(String completionId, String trueLanguage, double samplingProbability) {
        this(completionId, trueLanguage, null, samplingProbability);
    }

    public boolean judgesLanguage() {
        return trueLanguage != null;
    }

    public boolean judgesCorrectness() {
        return correct != null;
    }
}
