package org.ifl.benchmarks.lid;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a message-catalog string into the text a reader of the program sees: without format directives,
 * accelerator markers or markup, on one line. And tells whether what is left is long enough to label.
 */
public final class CatalogText {
    /** Languages written without spaces between words: their length is counted in letters, not words. */
    public static final Set<String> UNSPACED_LANGUAGES = Set.of("zh", "ja", "th");
    public static final int MIN_WORDS = 3;
    public static final int MIN_LETTERS_UNSPACED = 6;

    /** Markup: an opening, closing or empty element tag such as {@code <b>}, {@code </a>}, {@code <br/>}. */
    private static final Pattern TAG = Pattern.compile("</?[A-Za-z][A-Za-z0-9:_-]*(?:\\s[^<>]*)?/?>");
    /** An accelerator in parentheses after the label, as CJK translations write it: {@code 開く(_O)}, {@code (&F)}. */
    private static final Pattern BRACKETED_ACCELERATOR = Pattern.compile("[(（]\\s*[_&][\\p{L}\\p{N}]\\s*[)）]");
    /**
     * Format directives: {@code %%} (a literal percent sign, kept as {@code %}); printf's with an optional
     * argument position, flags (not the space flag, which would eat French "50 % de"), width, precision and
     * length ({@code %s %d %1$s %-10.2f %lu %zu}); gettext's {@code %<PRIu64>}; Python's {@code %(name)s};
     * Qt's {@code %1}; brace placeholders ({@code {0} {} {name} {0:d}}) and shell's {@code ${name}}.
     */
    private static final Pattern DIRECTIVE = Pattern.compile(String.join("|",
            "%%",
            "%(?:\\d+\\$)?[-+#0']*(?:\\d+|\\*(?:\\d+\\$)?)?(?:\\.(?:\\d+|\\*(?:\\d+\\$)?))?"
                    + "(?:hh|h|ll|l|L|q|j|z|Z|t|I64|I32|I)?[diouxXeEfFgGaAcspnCSm]",
            "%<PRI[A-Za-z0-9]+>",
            "%\\([^()\\s]+\\)[-+#0]*\\d*(?:\\.\\d+)?[diouxXeEfFgGcrsa]",
            "%\\d+",
            "\\$?\\{(?:\\d*|[A-Za-z_][A-Za-z0-9_.]*)(?::[^{}]*)?\\}"));
    /** An accelerator marker of GTK: {@code _} right before the letter it marks ({@code _File}, {@code Ma_ximize}). */
    private static final Pattern UNDERSCORE_MARKER = Pattern.compile("_(?=[\\p{L}\\p{N}])");
    /** An accelerator marker of Qt and KDE: {@code &} right before the letter it marks, not an entity. */
    private static final Pattern AMPERSAND_MARKER = Pattern.compile(
            "&(?![A-Za-z]+;|#\\d+;|#[xX][0-9A-Fa-f]+;)(?=[\\p{L}\\p{N}])");
    private static final Pattern ENTITY = Pattern.compile("&(?:([A-Za-z]+)|#(\\d+)|#[xX]([0-9A-Fa-f]+));");
    private static final Map<String, String> NAMED_ENTITIES = Map.of(
            "amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'", "nbsp", " ");

    private CatalogText() {
    }

    /** The string without markup, accelerators and format directives, its whitespace collapsed to single spaces. */
    public static String clean(String s) {
        // Each rule runs only where its first character occurs: most strings need none but the last.
        // Directives go first: gettext's %<PRIu64> would otherwise pass for a tag.
        String text = s;
        if (text.indexOf('(') >= 0 || text.indexOf('（') >= 0) {
            text = BRACKETED_ACCELERATOR.matcher(text).replaceAll("");
        }
        if (text.indexOf('%') >= 0 || text.indexOf('{') >= 0) {
            text = DIRECTIVE.matcher(text).replaceAll(m -> m.group().equals("%%") ? "%" : " ");
        }
        if (text.indexOf('<') >= 0) {
            text = TAG.matcher(text).replaceAll(" ");
        }
        if (text.indexOf('_') >= 0) {
            text = removeSingleMarker(text, UNDERSCORE_MARKER);
        }
        if (text.indexOf('&') >= 0) {
            text = decodeEntities(removeSingleMarker(text, AMPERSAND_MARKER));
        }
        return collapseWhitespace(text);
    }

    /** Runs of white space, separators and control characters become one space; none at either end. */
    static String collapseWhitespace(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean pendingSpace = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)) {
                pendingSpace = out.length() > 0;
            } else {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.appendCodePoint(c);
            }
        }
        return out.toString();
    }

    /**
     * Removes the marker where the string has exactly one: a label has one accelerator, while several
     * underscores are an identifier's ({@code __tls_get_addr}) and are left alone.
     */
    private static String removeSingleMarker(String text, Pattern marker) {
        Matcher m = marker.matcher(text);
        if (!m.find()) {
            return text;
        }
        int at = m.start();
        if (m.find()) {
            return text;
        }
        return text.substring(0, at) + text.substring(at + 1);
    }

    private static String decodeEntities(String text) {
        Matcher m = ENTITY.matcher(text);
        return m.replaceAll(r -> {
            String decoded;
            if (r.group(1) != null) {
                decoded = NAMED_ENTITIES.get(r.group(1));
            } else {
                try {
                    int codePoint = r.group(2) != null ? Integer.parseInt(r.group(2))
                            : Integer.parseInt(r.group(3), 16);
                    decoded = Character.isValidCodePoint(codePoint) ? Character.toString(codePoint) : null;
                } catch (NumberFormatException e) {
                    decoded = null;
                }
            }
            return Matcher.quoteReplacement(decoded == null ? r.group() : decoded);
        });
    }

    /**
     * Whether a cleaned text is long enough to be labeled: at least {@value #MIN_WORDS} words holding a
     * letter, or, for languages written without spaces ({@link #UNSPACED_LANGUAGES}), at least
     * {@value #MIN_LETTERS_UNSPACED} letters.
     */
    public static boolean longEnough(String text, String language) {
        if (UNSPACED_LANGUAGES.contains(language)) {
            return text.codePoints().filter(Character::isLetter).count() >= MIN_LETTERS_UNSPACED;
        }
        int words = 0;
        for (String word : text.split(" ")) {
            if (word.codePoints().anyMatch(Character::isLetter) && ++words >= MIN_WORDS) {
                return true;
            }
        }
        return false;
    }
}
