package org.ifl.producers.suite.artwork;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.ifl.schemas.avro.ReferenceEntity;

/**
 * The pairs of reference entities that occur in one sentence of a reference text, what the co-occurrence score
 * (ECooc) of an explanation is measured against. Sentences end at . ! ? and their full-width forms, the Devanagari
 * danda, and line breaks. An entity occurs in a sentence when one of its surface forms in the text's language
 * is a substring of it, compared case-folded and NFKC-normalised (so that full-width and half-width forms meet).
 */
public final class CooccurringEntities {
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?。！？।\\r\\n]+");

    private CooccurringEntities() {
    }

    /**
     * Each pair once, as {@code [a, b]} with {@code a} listed before {@code b} in {@code entities}; pairs in the
     * order of the sentence they first occur in.
     */
    public static List<List<String>> pairs(String text, String language, List<ReferenceEntity> entities) {
        Set<List<String>> pairs = new LinkedHashSet<>();
        for (String sentence : SENTENCE_END.split(text)) {
            String folded = fold(sentence);
            if (folded.isBlank()) {
                continue;
            }
            List<String> present = new ArrayList<>();
            for (ReferenceEntity entity : entities) {
                if (occursIn(folded, entity, language)) {
                    present.add(entity.getEntityId());
                }
            }
            for (int i = 0; i < present.size(); i++) {
                for (int j = i + 1; j < present.size(); j++) {
                    pairs.add(List.of(present.get(i), present.get(j)));
                }
            }
        }
        return List.copyOf(pairs);
    }

    private static boolean occursIn(String foldedSentence, ReferenceEntity entity, String language) {
        List<String> forms = entity.getSurfaceForms().get(language);
        return forms != null && forms.stream().map(CooccurringEntities::fold)
                .anyMatch(form -> !form.isBlank() && foldedSentence.contains(form));
    }

    static String fold(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }
}
