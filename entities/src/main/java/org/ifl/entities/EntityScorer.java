package org.ifl.entities;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Scores explanations by the entities they name (DESIGN.md §4: EC exact and partial, EF1, ECooc), in the
 * language the answer was asked for: an entity is found when one of its surface forms in that language
 * occurs ({@link SurfaceForm#occursIn}); an entity named twice counts once. E_gen is matched against the
 * dataset-wide vocabulary given to the scorer, so naming a real but irrelevant entity lowers precision.
 */
public final class EntityScorer {
    private final List<Entity> vocabulary;

    public EntityScorer(Collection<Entity> vocabulary) {
        this.vocabulary = List.copyOf(vocabulary);
    }

    /**
     * @param completion     the model's answer
     * @param reference      E_ref: the reference article's entities
     * @param referencePairs pairs of entity ids that co-occur in one sentence of the reference (see
     *                       {@link #cooccurringPairs})
     * @param language       ISO 639-1 code of the language the answer was asked in: whose surface forms count
     */
    public EntityScore score(String completion, List<Entity> reference, List<List<String>> referencePairs,
            String language) {
        String text = MatchText.normalize(completion);
        Set<String> referenceIds = new LinkedHashSet<>();
        reference.forEach(e -> referenceIds.add(e.id()));
        Set<String> generated = new HashSet<>();
        for (Entity e : vocabulary) {
            if (e.occursIn(text, language)) {
                generated.add(e.id());
            }
        }
        int matched = 0;
        double partial = 0;
        for (Entity e : reference) {
            if (e.occursIn(text, language)) {
                matched++;
                partial += 1;
                generated.add(e.id()); // a reference entity is in the vocabulary, whether given there or not
            } else {
                partial += bestPartial(e, text, language);
            }
        }
        Double coverage = ratio(matched, referenceIds.size());
        Double precision = ratio(matched, generated.size());
        // With nothing matched, F1 is 0 even when precision is undefined (an answer naming no entity at all).
        Double f1 = coverage == null ? null : matched == 0 ? 0.0 : 2 * coverage * precision / (coverage + precision);
        Set<List<String>> inCompletion = cooccurring(completion, reference, language);
        int cooccurring = 0;
        for (List<String> pair : referencePairs) {
            if (inCompletion.contains(ordered(pair.get(0), pair.get(1)))) {
                cooccurring++;
            }
        }
        return new EntityScore(referenceIds.size(), generated.size(), matched, coverage,
                ratio(partial, referenceIds.size()), precision, f1, referencePairs.size(), cooccurring,
                ratio(cooccurring, referencePairs.size()));
    }

    /**
     * The pairs of {@code entities} that occur together in one sentence of {@code text} (in the surface forms
     * of {@code language}), each pair once as {@code [a, b]} with {@code a} listed before {@code b}, in the
     * order of the sentence each first occurs in.
     */
    public static List<List<String>> cooccurringPairs(String text, List<Entity> entities, String language) {
        Set<List<String>> pairs = new LinkedHashSet<>();
        for (String sentence : Sentences.split(text)) {
            String normalized = MatchText.normalize(sentence);
            List<String> present = new ArrayList<>();
            for (Entity e : entities) {
                if (e.occursIn(normalized, language) && !present.contains(e.id())) {
                    present.add(e.id());
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

    /** The same pairs as a set, each ordered by id, for lookups. */
    private static Set<List<String>> cooccurring(String text, List<Entity> entities, String language) {
        Set<List<String>> pairs = new HashSet<>();
        for (List<String> pair : cooccurringPairs(text, entities, language)) {
            pairs.add(ordered(pair.get(0), pair.get(1)));
        }
        return pairs;
    }

    private static List<String> ordered(String a, String b) {
        return a.compareTo(b) <= 0 ? List.of(a, b) : List.of(b, a);
    }

    /** The best of the entity's forms: the longest common substring with the text over the form's length. */
    static double bestPartial(Entity entity, String text, String language) {
        double best = 0;
        int[] t = text.codePoints().toArray();
        for (SurfaceForm form : entity.forms(language)) {
            int[] f = form.normalized().codePoints().toArray();
            if (f.length > 0) {
                best = Math.max(best, (double) longestCommonSubstring(f, t) / f.length);
            }
        }
        return best;
    }

    /** Length of the longest run of code points that {@code a} and {@code b} share, in O(|a|·|b|) time. */
    static int longestCommonSubstring(int[] a, int[] b) {
        int best = 0;
        int[] previous = new int[b.length + 1];
        int[] current = new int[b.length + 1];
        for (int i = 1; i <= a.length; i++) {
            for (int j = 1; j <= b.length; j++) {
                current[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1 : 0;
                best = Math.max(best, current[j]);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return best;
    }

    private static Double ratio(double part, int whole) {
        return whole == 0 ? null : part / whole;
    }
}
