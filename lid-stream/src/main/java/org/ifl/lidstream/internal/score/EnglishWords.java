package org.ifl.lidstream.internal.score;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds the English words in an answer written in a non-Latin script: word-level language confusion as the
 * Language Confusion Benchmark (LCB, Marchisio et al. 2024) counts it. LCB looks each token of an answer's judged
 * lines up in a list of lower-case English words longer than three letters, matching case-sensitively; this
 * project ships no word list, so a word is any such token shape instead (docs/lid-stream.md says why and what
 * that changes):
 * <ul>
 * <li>Code is not prose: fenced code blocks and inline code spans are left out.</li>
 * <li>Only lines of at least {@code minLineTokens} tokens ({@link LineTokens}) are read, as LCB reads only the
 * lines it judges; an answer with no line that long is read whole, as line-level fidelity then judges it.</li>
 * <li>A whitespace-separated chunk that is a link, an e-mail address, a path or an identifier (it has
 * {@code ://}, {@code @}, {@code _}, a slash or a backslash, or starts with {@code www.}) is left out.</li>
 * <li>In what remains, a word is a maximal run of Latin letters, so "我喜欢apple" holds "apple": Chinese,
 * Japanese and Thai need no spaces around it. A run touching a digit ("mp3", "5km") or inside a dotted name
 * ("example.com", "file.txt") is a code or unit, not a word.</li>
 * <li>A word is English when it has at least {@link #MIN_LETTERS} letters, all of them a to z in lower case:
 * LCB's list holds only lower-case words longer than three letters and is matched case by case, so names,
 * acronyms and sentence-initial capitals ("Python", "GPU", "Hello") never count there either, nor do single
 * letters, numbers, or letters with diacritics.</li>
 * </ul>
 */
public final class EnglishWords {
    /** LCB keeps the dictionary's words longer than three letters. */
    public static final int MIN_LETTERS = 4;

    /** The most words a completion's record lists: enough to see why it was judged confused. */
    public static final int MAX_LISTED = 10;

    private static final Pattern FENCED_CODE = Pattern.compile("(?s)```.*?(```|\\z)");
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`\\n]*`");
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\p{Z}]+");

    private EnglishWords() {
    }

    /** The English words of {@code text}, distinct, in the order they first appear, at most {@link #MAX_LISTED}. */
    public static List<String> in(String text, int minLineTokens) {
        String prose = INLINE_CODE.matcher(FENCED_CODE.matcher(text).replaceAll("\n")).replaceAll(" ");
        List<String> lines = LineTokens.judgedLines(prose, minLineTokens);
        Set<String> words = new LinkedHashSet<>();
        for (String line : lines.isEmpty() ? List.of(prose) : lines) {
            for (String chunk : WHITESPACE.split(line)) {
                if (!isLinkOrIdentifier(chunk)) {
                    addWords(chunk, words);
                }
            }
        }
        return words.stream().limit(MAX_LISTED).toList();
    }

    private static boolean isLinkOrIdentifier(String chunk) {
        return chunk.contains("://") || chunk.startsWith("www.") || chunk.indexOf('@') >= 0
                || chunk.indexOf('_') >= 0 || chunk.indexOf('/') >= 0 || chunk.indexOf('\\') >= 0;
    }

    private static void addWords(String chunk, Set<String> words) {
        int i = 0;
        while (i < chunk.length()) {
            int codePoint = chunk.codePointAt(i);
            if (!isLatinLetter(codePoint)) {
                i += Character.charCount(codePoint);
                continue;
            }
            int start = i;
            while (i < chunk.length() && isLatinLetter(chunk.codePointAt(i))) {
                i += Character.charCount(chunk.codePointAt(i));
            }
            String run = chunk.substring(start, i);
            if (isEnglishShaped(run) && !isCodeOrUnit(chunk, start, i)) {
                words.add(run);
            }
        }
    }

    private static boolean isLatinLetter(int codePoint) {
        return Character.isLetter(codePoint) && Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.LATIN;
    }

    private static boolean isEnglishShaped(String run) {
        return run.length() >= MIN_LETTERS && run.chars().allMatch(c -> c >= 'a' && c <= 'z');
    }

    /** The run [start, end) of {@code chunk} touches a digit, or is a part of a dotted (ASCII) name. */
    private static boolean isCodeOrUnit(String chunk, int start, int end) {
        char before = start > 0 ? chunk.charAt(start - 1) : ' ';
        char after = end < chunk.length() ? chunk.charAt(end) : ' ';
        boolean dotThenName = after == '.' && end + 1 < chunk.length() && isAsciiLetterOrDigit(chunk.charAt(end + 1));
        boolean nameThenDot = before == '.' && start > 1 && isAsciiLetterOrDigit(chunk.charAt(start - 2));
        return isAsciiDigit(before) || isAsciiDigit(after) || dotThenName || nameThenDot;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return isAsciiDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
