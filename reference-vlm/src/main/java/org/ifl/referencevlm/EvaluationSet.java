package org.ifl.referencevlm;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ifl.referencevlm.EvaluationItem.Split;
import org.ifl.referencevlm.data.Combination;
import org.ifl.referencevlm.data.LanguageTemplates;
import org.ifl.referencevlm.data.Phrasebook;
import org.ifl.referencevlm.data.SceneSpace;

/**
 * The bundled evaluation questions, the same for every run, in every language: each training combination once
 * (counts cycling 1-4) with a training question ({@link Split#SEEN}) and with the held-out paraphrase
 * ({@link Split#HELD_OUT_QUESTION}), and every held-out combination at every count
 * ({@link Split#HELD_OUT_COMBINATION}).
 * Layouts and training questions cycle too, so no item is special.
 */
public final class EvaluationSet {
    private final List<EvaluationItem> items;

    private EvaluationSet(List<EvaluationItem> items) {
        this.items = List.copyOf(items);
    }

    /** With the bundled phrasebook and the standard held-out split. */
    public static EvaluationSet standard() {
        return of(Phrasebook.standard(), SceneSpace.STANDARD);
    }

    public static EvaluationSet of(Phrasebook phrasebook, SceneSpace space) {
        List<Scene> seen = new ArrayList<>();
        List<Combination> training = space.trainingCombinations();
        for (int i = 0; i < training.size(); i++) {
            Combination c = training.get(i);
            seen.add(new Scene(c.shape(), c.colour(), Scene.MIN_COUNT + i % Scene.MAX_COUNT, layout(i)));
        }
        List<Scene> heldOut = new ArrayList<>();
        for (Combination c : space.heldOutCombinations()) {
            for (int count = Scene.MIN_COUNT; count <= Scene.MAX_COUNT; count++) {
                heldOut.add(new Scene(c.shape(), c.colour(), count, layout(heldOut.size())));
            }
        }
        List<EvaluationItem> items = new ArrayList<>();
        for (String code : phrasebook.languages()) {
            LanguageTemplates language = phrasebook.language(code);
            List<String> questions = language.trainingQuestions();
            for (int i = 0; i < seen.size(); i++) {
                items.add(item(Split.SEEN, seen.get(i), language, questions.get(i % questions.size())));
            }
            for (int i = 0; i < heldOut.size(); i++) {
                items.add(item(Split.HELD_OUT_COMBINATION, heldOut.get(i), language,
                        questions.get(i % questions.size())));
            }
            for (Scene scene : seen) {
                items.add(item(Split.HELD_OUT_QUESTION, scene, language, language.heldOutQuestion()));
            }
        }
        return new EvaluationSet(items);
    }

    public List<EvaluationItem> items() {
        return items;
    }

    public List<EvaluationItem> items(Split split) {
        Objects.requireNonNull(split, "split");
        return items.stream().filter(i -> i.split() == split).toList();
    }

    public List<EvaluationItem> items(String language) {
        return items.stream().filter(i -> i.language().equals(language)).toList();
    }

    private static EvaluationItem item(Split split, Scene scene, LanguageTemplates language, String question) {
        return new EvaluationItem(split, scene, language.code(), language.description(scene), question,
                language.code(), language.answer(scene));
    }

    /** Spread over the layouts with a step coprime to their number, so neighbours look different. */
    private static int layout(int index) {
        return (index * 37) % Scene.LAYOUTS;
    }
}
