package org.ifl.referencevlm;

import java.util.Objects;
import org.ifl.referencevlm.data.TrainingExample;

/**
 * One evaluation question, asked of the model twice as the IFL protocol asks it: with the image of {@code scene}
 * and, in the text arm, with {@code description} in its place. Fidelity is 1 when the completion is in
 * {@code expectedLanguage}; {@code expectedAnswer} is the answer training would have taught in that language.
 */
public record EvaluationItem(Split split, Scene scene, String language, String description, String question,
        String expectedLanguage, String expectedAnswer) {
    /** How far the item is from what training showed. */
    public enum Split {
        /** A training combination, asked with a training question. */
        SEEN,
        /** A held-out colour x shape combination, asked with a training question. */
        HELD_OUT_COMBINATION,
        /** A training combination, asked with the held-out paraphrase. */
        HELD_OUT_QUESTION
    }

    public EvaluationItem {
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(scene, "scene");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(expectedLanguage, "expectedLanguage");
        Objects.requireNonNull(expectedAnswer, "expectedAnswer");
    }

    /** The text arm's prompt, joined as training joins it. */
    public String textPrompt() {
        return TrainingExample.withDescription(description, question);
    }
}
