package org.ifl.lidstream.internal.detect.fasttext;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fastText label read as a language: {@code __label__deu_Latn} (GlotLID: ISO 639-3 code and ISO 15924 script)
 * is code {@code deu}, script {@code Latn}; {@code __label__de} (fastText's lid.176: ISO 639-1 or 639-3 code
 * alone) is code {@code de}, no script.
 *
 * @param raw the label without the {@code __label__} prefix, e.g. {@code deu_Latn}
 * @param code the language code before the script, e.g. {@code deu}; null for an empty label
 * @param script the ISO 15924 script the label names, e.g. {@code Latn}; null when it names none
 */
record FastTextLabel(String raw, String code, String script) {
    private static final Pattern WITH_SCRIPT = Pattern.compile("(.+)_([A-Z][a-z]{3})");

    public static FastTextLabel parse(String label) {
        String raw = label.startsWith(FastTextDictionary.LABEL_PREFIX)
                ? label.substring(FastTextDictionary.LABEL_PREFIX.length())
                : label;
        Matcher matcher = WITH_SCRIPT.matcher(raw);
        if (matcher.matches()) {
            return new FastTextLabel(raw, matcher.group(1), matcher.group(2));
        }
        return new FastTextLabel(raw, raw.isEmpty() ? null : raw, null);
    }
}
