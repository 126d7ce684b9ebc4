package org.ifl.lidstream.internal.score;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts the tokens of a line the way line-level fidelity needs: runs of non-space characters are one token
 * each, and every letter of a script written without spaces between words (Han, kana, Thai) is a token of
 * its own, so a Chinese, Japanese or Thai line is judged on its length like any other.
 */
public final class LineTokens {
    private LineTokens() {
    }

    public static int count(CharSequence line) {
        int tokens = 0;
        boolean inWord = false;
        for (int i = 0; i < line.length(); ) {
            int codePoint = Character.codePointAt(line, i);
            i += Character.charCount(codePoint);
            if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)) {
                inWord = false;
            } else if (isUnspaced(codePoint)) {
                if (Character.isLetter(codePoint)) {
                    tokens++; // vowel signs and tone marks belong to the letter before them
                }
                inWord = false;
            } else if (!inWord) {
                tokens++;
                inWord = true;
            }
        }
        return tokens;
    }

    /** The lines of {@code text} (stripped) of at least {@code minTokens} tokens: those judged one by one. */
    public static List<String> judgedLines(String text, int minTokens) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\\R")) {
            String stripped = line.strip();
            if (count(stripped) >= minTokens) {
                lines.add(stripped);
            }
        }
        return lines;
    }

    private static boolean isUnspaced(int codePoint) {
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.THAI;
    }
}
