package org.ifl.producers;

import java.time.Instant;
import java.util.List;

/**
 * One row of an annotation sheet: a sampled answer with what the annotator needs to judge it, the probability it
 * was drawn with, and the annotator's verdicts (blank until judged).
 *
 * @param language            the cell's language (the item's)
 * @param expectedLanguage    the language the answer should be in
 * @param question            the prompt as the model received it
 * @param image               the image the model saw (a file beside the sheet, or the suite's reference); null for
 *                            the text arm and where no image is on record (a replayed run)
 * @param description         the text description the text arm sends in place of the image, where known
 * @param referenceAnswers    the suite's reference answers, where it has them
 * @param judge               what the annotator is asked, in words
 * @param samplingProbability pi: the probability the answer was drawn with
 * @param sample              the design it was drawn under (seed and rate or target), for audit
 * @param inExpectedLanguage  the annotator's verdict on the language; null until judged
 * @param trueLanguage        the language the annotator says the answer is in, when not the expected one
 * @param correct             the annotator's verdict on correctness; null until judged
 */
public record AnnotationRow(String completionId, String model, String checkpoint, String dataset, String item,
        String language, String arm, String expectedLanguage, String question, String image, String description,
        String answer, List<String> referenceAnswers, String judge, double samplingProbability, String sample,
        AnnotatorVerdict inExpectedLanguage, String trueLanguage, AnnotatorVerdict correct, String annotator, Instant annotatedAt) {

    public AnnotationRow {
        referenceAnswers = List.copyOf(referenceAnswers);
    }

    /** Whether the annotator has given either verdict. */
    public boolean judged() {
        return inExpectedLanguage != null || correct != null;
    }

    /** This row with the annotator's verdicts. */
    public AnnotationRow withVerdicts(AnnotatorVerdict inExpected, String trueLang, AnnotatorVerdict isCorrect, String by, Instant at) {
        return new AnnotationRow(completionId, model, checkpoint, dataset, item, language, arm, expectedLanguage,
                question, image, description, answer, referenceAnswers, judge, samplingProbability, sample,
                inExpected, trueLang, isCorrect, by, at);
    }
}
