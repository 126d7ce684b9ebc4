package org.ifl.referencevlm.data;

import java.util.Objects;
import org.ifl.referencevlm.Picture;
import org.ifl.referencevlm.Scene;

/**
 * One training example. A {@link ExampleKind#TEXT_ONLY} one reads its {@code description} and {@code question}
 * ({@link #textPrompt()}); an {@link ExampleKind#IMAGE} one sees the {@code picture} rendered (a scene, or an artwork
 * it is asked to explain) and reads only the question, and its {@code description} is empty. Either way the target is
 * {@code answer}, in {@code answerLanguage}.
 */
public record TrainingExample(ExampleKind kind, Picture picture, String questionLanguage, String description,
        String question, String answerLanguage, String answer) {
    /** Between the description and the question of a text-only prompt. */
    public static final String DESCRIPTION_SEPARATOR = "\n";

    public TrainingExample {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(picture, "picture");
        Objects.requireNonNull(questionLanguage, "questionLanguage");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(answerLanguage, "answerLanguage");
        Objects.requireNonNull(answer, "answer");
        if (kind == ExampleKind.TEXT_ONLY && (description.isEmpty() || !answerLanguage.equals(questionLanguage))) {
            throw new IllegalArgumentException("a text-only example has a description and is answered in the "
                    + "question's language: " + questionLanguage + " -> " + answerLanguage);
        }
        if (kind == ExampleKind.TEXT_ONLY && !(picture instanceof Scene)) {
            throw new IllegalArgumentException("a text-only example describes a scene, not " + picture);
        }
        if (kind == ExampleKind.IMAGE && !description.isEmpty()) {
            throw new IllegalArgumentException("an image example shows the image, not a description");
        }
    }

    public boolean hasImage() {
        return kind == ExampleKind.IMAGE;
    }

    /** The text the model reads: description and question for text-only, the question alone with an image. */
    public String textPrompt() {
        return hasImage() ? question : withDescription(description, question);
    }

    /** How a description stands in for the image in front of a question; evaluation's text arm must do the same. */
    public static String withDescription(String description, String question) {
        return description + DESCRIPTION_SEPARATOR + question;
    }
}
