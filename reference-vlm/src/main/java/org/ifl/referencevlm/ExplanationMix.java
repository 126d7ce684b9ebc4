package org.ifl.referencevlm;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.ifl.referencevlm.data.ExplanationPattern;

/**
 * What the artwork explanations of the training stream are made of. {@code share} of all examples are
 * explanations (of the generated artworks, in the four instruction/output patterns). An explanation is complete
 * (artist, place, century and the two motifs) or short (the motifs only); English explanations asked in English are
 * always complete, and {@code completeShare} sets how many of those in another language are, as an LLM's training
 * text says more about an artwork in English than in most other languages:
 * <ul>
 *   <li>explanations in language L (EN_L, L_L): a share s_L of the artworks, {@code completeShareByLanguage}
 *       or else {@code completeShare};</li>
 *   <li>English explanations asked in L (L_EN): (1 + s_L) / 2, the instruction's language costing half as much;</li>
 *   <li>an artwork with an article in every language (a famous one) has half the shortfall: s becomes (1 + s) / 2.</li>
 * </ul>
 * Which artworks are complete is decided per language and pattern by rank (ArtworkSet), so the shares hold exactly
 * on the training artworks rather than on average.
 *
 * @param share                     share of all training examples that are explanations, in [0, 1]
 * @param completeShare             s_L for languages not listed, in [0, 1]
 * @param completeShareByLanguage   s_L for these languages (ISO 639-1 code to a share in [0, 1])
 */
public record ExplanationMix(double share, double completeShare, Map<String, Double> completeShareByLanguage) {
    /** No explanations: the stream of the scene-only recipes, example for example. */
    public static final ExplanationMix NONE = new ExplanationMix(0, 1, Map.of());

    public ExplanationMix {
        List<String> problems = new ArrayList<>();
        if (!(share >= 0 && share <= 1)) {
            problems.add("explanation share must be in [0, 1], was " + share);
        }
        if (!(completeShare >= 0 && completeShare <= 1)) {
            problems.add("complete-explanation share must be in [0, 1], was " + completeShare);
        }
        completeShareByLanguage = completeShareByLanguage == null ? Map.of()
                : Collections.unmodifiableMap(new TreeMap<>(completeShareByLanguage));
        completeShareByLanguage.forEach((language, s) -> {
            if (s == null || !(s >= 0 && s <= 1)) {
                problems.add("complete-explanation share of " + language + " must be in [0, 1], was " + s);
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** s_L: the share of complete explanations written in {@code language}. */
    public double completeShare(String language) {
        return completeShareByLanguage.getOrDefault(language, completeShare);
    }

    /** The share of complete explanations of {@code pattern} for items in {@code language}. */
    public double completeShare(ExplanationPattern pattern, String language, boolean inEveryLanguage) {
        double s = pattern.englishOutput() ? (pattern.englishInstruction() ? 1 : (1 + completeShare(language)) / 2)
                : completeShare(language);
        return inEveryLanguage ? (1 + s) / 2 : s;
    }

    /** For a model card: "explanations 40%, complete in other languages 20% (de 40%, ...)", or "none". */
    public String describe() {
        if (share == 0) {
            return "no artwork explanations";
        }
        StringBuilder exceptions = new StringBuilder();
        completeShareByLanguage.forEach((language, s) -> exceptions.append(exceptions.isEmpty() ? "" : ", ")
                .append(language).append(' ').append(percent(s)).append('%'));
        return String.format(Locale.ROOT, "artwork explanations %s%% of the examples, complete in the item's "
                + "language for %s%% of the artworks%s (L_EN halfway to English's 100%%, famous artworks halfway "
                + "again)", percent(share), percent(completeShare),
                exceptions.isEmpty() ? "" : " (" + exceptions + ")");
    }

    private static String percent(double share) {
        return BigDecimal.valueOf(share * 100).stripTrailingZeros().toPlainString();
    }
}
