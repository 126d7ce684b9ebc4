package org.ifl.lidstream.internal.score;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.ifl.entities.MatchText;
import org.ifl.entities.SurfaceForm;

/**
 * Whether an answer matches one of its item's reference answers: the surrogate of its correctness, which expert
 * labels debias (docs/statistics.md, accuracy). Answer and references are {@linkplain #normalised normalised}
 * alike; the answer matches a reference that it equals or contains as a whole-word sequence, so "Es sind zwei
 * Kreise." matches "zwei" but "Die zweite Reihe" does not. A reference in a script written without spaces
 * (Chinese, Japanese, Thai) matches as a substring ("答案是东京。" matches "东京"). Word boundaries and scripts are
 * the entity matcher's ({@link SurfaceForm}), so a reference answer is found as an entity's name would be.
 */
public final class AnswerMatch {
    private static final Pattern PUNCTUATION_AND_SYMBOLS = Pattern.compile("[\\p{P}\\p{S}]");

    private AnswerMatch() {
    }

    /**
     * Whether {@code answer} matches one of {@code references}; null when it cannot be judged: no text, or no
     * reference left with a character after normalisation.
     */
    public static Boolean of(String answer, List<String> references) {
        if (answer == null || answer.isBlank()) {
            return null;
        }
        List<SurfaceForm> forms = references.stream().map(AnswerMatch::form).filter(Objects::nonNull).toList();
        if (forms.isEmpty()) {
            return null;
        }
        String text = normalised(answer);
        return forms.stream().anyMatch(form -> form.occursIn(text));
    }

    /**
     * Unicode NFKC with case folding (full-width and compatibility forms to plain letters; "Straße" and
     * "STRASSE" agree), then punctuation and symbols removed ("U.S.A." is "usa"), runs of whitespace one space,
     * no space at either end.
     */
    static String normalised(String text) {
        return MatchText.normalize(PUNCTUATION_AND_SYMBOLS.matcher(MatchText.normalize(text)).replaceAll(""));
    }

    /** A reference answer as a form to find; null when nothing of it is left to find. */
    private static SurfaceForm form(String reference) {
        String normalised = normalised(reference);
        return normalised.isEmpty() ? null : new SurfaceForm(reference, normalised, MatchText.hasUnspaced(normalised));
    }
}
