package org.ifl.entities;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.Normalizer2;

/**
 * Text as entities are matched in it: Unicode NFKC with case folding (one ICU step, {@code NFKC_Casefold}), so
 * "ＭＯＮＡ Lisa", "mona lisa" and "MONA LISA" are one string, and "Straße" matches "STRASSE". Whether a
 * character belongs to a script written without spaces between words (Han, Hiragana, Katakana, Thai, Lao,
 * Khmer, Myanmar) decides how a surface form is found: inside such text any occurrence counts; elsewhere
 * only one that starts and ends at a word boundary.
 */
public final class MatchText {
    private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();

    private MatchText() {
    }

    /** NFKC with case folding; also folds runs of whitespace to one space and strips the ends. */
    public static String normalize(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        return NFKC_CASEFOLD.normalize(text).replaceAll("\\s+", " ").strip();
    }

    /** Whether {@code codePoint} is of a script that does not separate words with spaces. */
    public static boolean unspaced(int codePoint) {
        int script = UScript.getScript(codePoint);
        return script == UScript.HAN || script == UScript.HIRAGANA || script == UScript.KATAKANA
                || script == UScript.THAI || script == UScript.LAO || script == UScript.KHMER
                || script == UScript.MYANMAR;
    }

    /** Whether any character of {@code text} is of a script without spaces between words. */
    public static boolean hasUnspaced(String text) {
        return text.codePoints().anyMatch(MatchText::unspaced);
    }

    /**
     * Whether the code point ends a word on its side: not a letter, digit or combining mark of a spaced
     * script. A character of an unspaced script is a boundary for a word of a spaced one ("在Paris的").
     */
    static boolean boundary(int codePoint) {
        if (unspaced(codePoint)) {
            return true;
        }
        int type = UCharacter.getType(codePoint);
        return !(UCharacter.isLetterOrDigit(codePoint) || type == UCharacter.NON_SPACING_MARK
                || type == UCharacter.COMBINING_SPACING_MARK || type == UCharacter.ENCLOSING_MARK);
    }
}
