package org.ifl.referencevlm;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.ifl.referencevlm.data.Phrasebook;

/**
 * What the training stream is made of. The knob is {@code englishImageShare}: with every image example answered
 * in English (1.0) the model learns to answer an image in English whatever the question's language, a strong
 * image-induced fidelity loss. In the notes' small probe 1% answered in the question's language (0.99) removed the
 * loss; for this project's model every share from 0.85 to 1.0 gave about the same loss under greedy decoding
 * (MODEL_CARD.md, runs 1-5), so one share acts as a switch. A model card reports the mix it was trained on.
 *
 * <p>{@code englishImageShareByLanguage} sets the share for some languages apart from the rest, as a multilingual
 * VLM whose English image-instruction data was machine-translated into a few languages (the paper's ablation
 * translated LLaVA's data into Chinese and German, which lowered their loss by 16 and 37 points).
 *
 * @param textOnlyShare share of examples that are text-only (description for image), in [0, 1]
 * @param englishImageShare share of image examples answered in English rather than the question's language, in
 *     [0, 1]
 * @param languages ISO 639-1 codes questions are asked in, each equally often; empty for every language of the
 *     phrasebook
 * @param englishImageShareByLanguage the share for questions in these languages (ISO 639-1 code to share in [0, 1])
 *     instead of {@code englishImageShare}; empty for the same share everywhere
 * @param explanations the artwork explanations among the examples ({@link ExplanationMix#NONE}: scenes only); the
 *     other shares are of the scene examples
 */
public record DataMix(double textOnlyShare, double englishImageShare, List<String> languages,
        Map<String, Double> englishImageShareByLanguage, ExplanationMix explanations) {
    public static final double DEFAULT_TEXT_ONLY_SHARE = 0.5;
    /** As LLaVA's image-instruction data: all English. */
    public static final double DEFAULT_ENGLISH_IMAGE_SHARE = 1.0;

    public DataMix {
        List<String> problems = new ArrayList<>();
        if (!(textOnlyShare >= 0 && textOnlyShare <= 1)) {
            problems.add("textOnlyShare must be in [0, 1], was " + textOnlyShare);
        }
        if (!(englishImageShare >= 0 && englishImageShare <= 1)) {
            problems.add("englishImageShare must be in [0, 1], was " + englishImageShare);
        }
        languages = languages == null ? List.of() : List.copyOf(languages);
        englishImageShareByLanguage = englishImageShareByLanguage == null ? Map.of()
                : Collections.unmodifiableMap(new TreeMap<>(englishImageShareByLanguage));
        explanations = explanations == null ? ExplanationMix.NONE : explanations;
        englishImageShareByLanguage.forEach((language, share) -> {
            if (share == null || !(share >= 0 && share <= 1)) {
                problems.add("englishImageShareByLanguage[" + language + "] must be in [0, 1], was " + share);
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** Half text-only, image examples all answered in English, every language. */
    public static DataMix defaults() {
        return new DataMix(DEFAULT_TEXT_ONLY_SHARE, DEFAULT_ENGLISH_IMAGE_SHARE, List.of(), Map.of(),
                ExplanationMix.NONE);
    }

    public DataMix withTextOnlyShare(double share) {
        return new DataMix(share, englishImageShare, languages, englishImageShareByLanguage, explanations);
    }

    public DataMix withEnglishImageShare(double share) {
        return new DataMix(textOnlyShare, share, languages, englishImageShareByLanguage, explanations);
    }

    public DataMix withLanguages(List<String> codes) {
        return new DataMix(textOnlyShare, englishImageShare, codes, englishImageShareByLanguage, explanations);
    }

    public DataMix withEnglishImageShareByLanguage(Map<String, Double> shares) {
        shares.keySet().forEach(Phrasebook.standard()::language); // an unknown language is refused by name
        return new DataMix(textOnlyShare, englishImageShare, languages, shares, explanations);
    }

    public DataMix withExplanations(ExplanationMix mix) {
        return new DataMix(textOnlyShare, englishImageShare, languages, englishImageShareByLanguage, mix);
    }

    /** The share of image examples asked in {@code language} that are answered in English. */
    public double englishImageShare(String language) {
        return englishImageShareByLanguage.getOrDefault(language, englishImageShare);
    }

    /** For a model card: "text-only 50%, image examples answered in English 100% (else in ...), languages: all". */
    public String describe() {
        StringBuilder exceptions = new StringBuilder();
        englishImageShareByLanguage.forEach((language, share) -> exceptions.append(exceptions.isEmpty() ? "" : ", ")
                .append(language).append(' ').append(percent(share)).append('%'));
        return String.format(Locale.ROOT, "text-only %s%%, image examples answered in English %s%%%s (else in the "
                + "question's language), languages: %s%s", percent(textOnlyShare), percent(englishImageShare),
                exceptions.isEmpty() ? "" : " (" + exceptions + ")",
                languages.isEmpty() ? "all" : String.join(", ", languages),
                explanations.share() == 0 ? "" : "; " + explanations.describe());
    }

    private static String percent(double share) {
        return BigDecimal.valueOf(share * 100).stripTrailingZeros().toPlainString();
    }
}
