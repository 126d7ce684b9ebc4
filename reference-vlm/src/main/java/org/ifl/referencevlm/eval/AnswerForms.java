package org.ifl.referencevlm.eval;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.ifl.referencevlm.Scene;
import org.ifl.referencevlm.data.Combination;
import org.ifl.referencevlm.data.Phrasebook;
import org.ifl.referencevlm.data.SceneSpace;

/**
 * Every answer sentence training teaches, per language: the phrasebook's answer for each colour, shape and count.
 * An answer is well-formed in a language when it is one of them, whatever scene it names, or, when generation stopped
 * at its token budget (Thai, Hindi and Bengali answers are longer in bytes than the budget), the beginning of one.
 * Language identification decides by script; this tells a sentence in the right language from letters in the right
 * script, which is what a steered answer of a small model can be.
 */
public final class AnswerForms {
    /** A byte-level token is one byte; a cut answer can lose up to three bytes of an unfinished character. */
    private static final int UNFINISHED_CHARACTER_BYTES = 3;

    private final Map<String, Set<String>> sentences;

    private AnswerForms(Map<String, Set<String>> sentences) {
        this.sentences = sentences;
    }

    public static AnswerForms of(Phrasebook phrasebook) {
        Map<String, Set<String>> sentences = new HashMap<>();
        for (String language : phrasebook.languages()) {
            Set<String> forms = new HashSet<>();
            for (Combination c : SceneSpace.all()) {
                for (int count = Scene.MIN_COUNT; count <= Scene.MAX_COUNT; count++) {
                    forms.add(phrasebook.language(language).answer(Scene.of(c.shape(), c.colour(), count)));
                }
            }
            sentences.put(language, Set.copyOf(forms));
        }
        return new AnswerForms(Map.copyOf(sentences));
    }

    /**
     * @param maxNewTokens the budget the answer was generated under: an answer that used it up may be the start of
     *     a sentence
     */
    public boolean wellFormed(String language, String answer, int maxNewTokens) {
        Set<String> forms = sentences.get(language);
        if (forms == null) {
            throw new IllegalArgumentException("no answer sentences for language '" + language + "'");
        }
        String a = answer.strip();
        if (forms.contains(a)) {
            return true;
        }
        boolean cut = a.getBytes(StandardCharsets.UTF_8).length >= maxNewTokens - UNFINISHED_CHARACTER_BYTES;
        return cut && !a.isEmpty() && forms.stream().anyMatch(f -> f.startsWith(a));
    }
}
