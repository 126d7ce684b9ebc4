package org.ifl.producers.internal.suite;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.ifl.producers.InputException;
import org.ifl.producers.Origin;

/**
 * Language codes as benchmarks write them, made ISO 639-1: lower case, the retired codes Java and some datasets
 * still use mapped to the current ones ({@code iw} to {@code he}, {@code in} to {@code id}, {@code ji} to
 * {@code yi}), a region or script suffix dropped ({@code zh-CN}, {@code pt_BR}, {@code zh-Hans}), and English
 * language names ({@code Hebrew}, {@code chinese}) accepted where a dataset spells names.
 */
public final class Languages {
    private static final Set<String> ISO_639_1 = Set.of(Locale.getISOLanguages());
    private static final Map<String, String> RETIRED = Map.of("iw", "he", "in", "id", "ji", "yi");
    private static final Map<String, String> BY_ENGLISH_NAME = byEnglishName();

    private Languages() {
    }

    /** The ISO 639-1 code {@code written} stands for, if it is one. */
    public static Optional<String> normalize(String written) {
        if (written == null) {
            return Optional.empty();
        }
        String w = written.strip().toLowerCase(Locale.ROOT);
        String byName = BY_ENGLISH_NAME.get(w);
        if (byName != null) {
            return Optional.of(byName);
        }
        int suffix = indexOfSuffix(w);
        String code = suffix > 0 ? w.substring(0, suffix) : w;
        code = RETIRED.getOrDefault(code, code);
        return code.length() == 2 && ISO_639_1.contains(code) ? Optional.of(code) : Optional.empty();
    }

    /**
     * The ISO 639-1 code of {@code written}, or an {@link InputException} naming where it was and what was
     * written.
     */
    public static String require(String written, Origin origin, String field) {
        return normalize(written).orElseThrow(() -> new InputException(origin.problem(field,
                "unknown language '" + written + "': expected an ISO 639-1 code (de, zh, he...) or an English"
                        + " language name")));
    }

    /** The English name of a code, e.g. "Japanese" for ja. */
    public static String englishName(String code) {
        return Locale.forLanguageTag(code).getDisplayLanguage(Locale.ENGLISH);
    }

    private static int indexOfSuffix(String w) {
        int dash = w.indexOf('-');
        int underscore = w.indexOf('_');
        if (dash < 0) {
            return underscore;
        }
        return underscore < 0 ? dash : Math.min(dash, underscore);
    }

    private static Map<String, String> byEnglishName() {
        Map<String, String> names = new TreeMap<>();
        for (String code : Locale.getISOLanguages()) {
            String name = Locale.forLanguageTag(code).getDisplayLanguage(Locale.ENGLISH).toLowerCase(Locale.ROOT);
            if (!name.isEmpty() && !name.equals(code)) {
                names.putIfAbsent(name, RETIRED.getOrDefault(code, code));
            }
        }
        return Map.copyOf(names);
    }
}
