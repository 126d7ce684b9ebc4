package org.ifl.referencevlm.data;

import java.util.List;
import org.ifl.referencevlm.Scene;

/**
 * Everything the data says in one language: a scene's description (the text that stands in for the image) and
 * answer, the questions asked about an image (the training ones and one paraphrase kept for evaluation), and the
 * steering sentence the remedy takes its vector from.
 */
public final class LanguageTemplates {
    private final String code;
    private final String name;
    private final CountedTemplate description;
    private final CountedTemplate answer;
    private final List<String> trainingQuestions;
    private final String heldOutQuestion;
    private final String steeringSentence;
    private final NounPhraseGrammar grammar;

    LanguageTemplates(String code, String name, CountedTemplate description, CountedTemplate answer,
            List<String> trainingQuestions, String heldOutQuestion, String steeringSentence,
            NounPhraseGrammar grammar) {
        this.code = code;
        this.name = name;
        this.description = description;
        this.answer = answer;
        this.trainingQuestions = List.copyOf(trainingQuestions);
        this.heldOutQuestion = heldOutQuestion;
        this.steeringSentence = steeringSentence;
        this.grammar = grammar;
    }

    /** ISO 639-1. */
    public String code() {
        return code;
    }

    /** In English: "Russian". */
    public String name() {
        return name;
    }

    /** "There are two red circles in the picture." */
    public String description(Scene scene) {
        return description.fill(scene.count(), role -> grammar.phrase(scene, role));
    }

    /** "I can see two red circles in the picture." */
    public String answer(Scene scene) {
        return answer.fill(scene.count(), role -> grammar.phrase(scene, role));
    }

    /** "two red circles", as the subject or the object of a sentence. */
    public String countedPhrase(Scene scene, GrammaticalRole role) {
        return grammar.phrase(scene, role);
    }

    /** The questions training asks: "What is in the picture?", ... */
    public List<String> trainingQuestions() {
        return trainingQuestions;
    }

    /** A paraphrase never asked in training: "Can you tell me what this photo shows?" */
    public String heldOutQuestion() {
        return heldOutQuestion;
    }

    /** "Describe this image in detail." in this language. */
    public String steeringSentence() {
        return steeringSentence;
    }

    @Override
    public String toString() {
        return code + " (" + name + ")";
    }
}
