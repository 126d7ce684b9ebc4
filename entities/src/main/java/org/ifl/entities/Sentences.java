package org.ifl.entities;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into sentences for co-occurrence: after . ! ? followed by a space or the end (so "3.5" and
 * "louvre.fr" stay whole; an abbreviation before a space, "e.g. ", ends one: a known limit), after the full-width and CJK 。！？．, the Devanagari danda । and double
 * danda ॥, the Arabic question mark ؟, the Urdu full stop ۔, the Armenian and Ethiopic full stops, and at
 * every line break. Thai marks the end of a sentence with a space (its words are not spaced), so a space
 * between two Thai characters ends one too.
 */
public final class Sentences {
    private Sentences() {
    }

    public static List<String> split(String text) {
        List<String> sentences = new ArrayList<>();
        if (text == null) {
            return sentences;
        }
        StringBuilder current = new StringBuilder();
        int n = text.length();
        for (int i = 0; i < n; ) {
            int c = text.codePointAt(i);
            int next = i + Character.charCount(c);
            if (c == '\n' || c == '\r') {
                flush(current, sentences);
            } else if (c == ' ' && thaiAt(text, i - 1, true) && thaiAt(text, next, false)) {
                flush(current, sentences);
            } else {
                current.appendCodePoint(c);
                if (alwaysEnds(c) || (latinEnd(c) && (next >= n || Character.isWhitespace(text.codePointAt(next))))) {
                    flush(current, sentences);
                }
            }
            i = next;
        }
        flush(current, sentences);
        return sentences;
    }

    private static boolean latinEnd(int c) {
        return c == '.' || c == '!' || c == '?';
    }

    private static boolean alwaysEnds(int c) {
        return c == '。' || c == '！' || c == '？' || c == '．' || c == '।' || c == '॥' || c == '؟' || c == '۔'
                || c == '։' || c == '።';
    }

    private static boolean thaiAt(String text, int index, boolean before) {
        if (index < 0 || index >= text.length()) {
            return false;
        }
        int c = before ? text.codePointBefore(index + 1) : text.codePointAt(index);
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.THAI;
    }

    private static void flush(StringBuilder current, List<String> sentences) {
        String s = current.toString().strip();
        if (!s.isEmpty()) {
            sentences.add(s);
        }
        current.setLength(0);
    }
}
