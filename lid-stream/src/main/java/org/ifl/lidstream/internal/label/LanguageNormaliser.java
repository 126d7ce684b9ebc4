package org.ifl.lidstream.internal.label;

import java.util.Collection;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Collapses a detector's label into the labels fidelity is judged on, the way the IFL paper collapses
 * GlotLID's: by script first, then, for Latin script, by language code.
 * <ol>
 * <li>Text without letters (empty, digits, punctuation, emoji) is {@code none}.</li>
 * <li>The script is the one the label names if it names one; else the script of the detector's language when
 * at least {@link #DETECTED_SCRIPT_MIN_SHARE} of the text's letters are in it (a Korean message around a
 * Latin file name, "/dev/null 열기 실패", has more Latin letters than Hangul ones); else the text's dominant
 * script.</li>
 * <li>Han is {@code zh}, except when the detector says Japanese (Japanese written in kanji only); Japanese
 * (kana) is {@code ja}; Devanagari {@code hi}; Bengali {@code bn}; Hebrew {@code he}; Thai {@code th};
 * Cyrillic {@code ru}; Arabic script {@code ur} when the code is Urdu, else {@code ar}; Hangul {@code ko}.</li>
 * <li>Latin script: the code as ISO 639-1 when it is one of the Latin-script languages in play, else
 * {@code other_latin}; no code at all is {@code none}.</li>
 * <li>Any other script is {@code other}.</li>
 * </ol>
 */
public final class LanguageNormaliser {
    public static final String NONE = "none";
    public static final String OTHER_LATIN = "other_latin";
    public static final String OTHER = "other";
    public static final double DETECTED_SCRIPT_MIN_SHARE = 0.2;

    /** The script each language written in one non-Latin script is written in. */
    private static final Map<String, TextScript> SCRIPT_OF_LANGUAGE = Map.ofEntries(
            Map.entry("zh", TextScript.HAN), Map.entry("ja", TextScript.JAPANESE), Map.entry("ko", TextScript.HANGUL),
            Map.entry("hi", TextScript.DEVANAGARI), Map.entry("bn", TextScript.BENGALI),
            Map.entry("he", TextScript.HEBREW), Map.entry("th", TextScript.THAI), Map.entry("ru", TextScript.CYRILLIC),
            Map.entry("ar", TextScript.ARABIC), Map.entry("ur", TextScript.ARABIC));

    /** ISO 639-3 codes (and the macrolanguage variants detectors use) of the languages the rules name. */
    private static final Map<String, String> ISO_639_3_TO_1 = Map.ofEntries(
            Map.entry("eng", "en"), Map.entry("deu", "de"), Map.entry("ger", "de"), Map.entry("spa", "es"),
            Map.entry("fra", "fr"), Map.entry("fre", "fr"), Map.entry("ron", "ro"), Map.entry("rum", "ro"),
            Map.entry("ita", "it"), Map.entry("por", "pt"), Map.entry("nld", "nl"), Map.entry("urd", "ur"),
            Map.entry("jpn", "ja"), Map.entry("zho", "zh"), Map.entry("cmn", "zh"), Map.entry("ara", "ar"),
            Map.entry("arb", "ar"), Map.entry("hin", "hi"), Map.entry("ben", "bn"), Map.entry("heb", "he"),
            Map.entry("tha", "th"), Map.entry("rus", "ru"), Map.entry("kor", "ko"));

    private final Set<String> latinLanguages;

    /** {@code latinLanguages}: ISO 639-1 codes of the Latin-script languages in play. */
    public LanguageNormaliser(Collection<String> latinLanguages) {
        this.latinLanguages = Set.copyOf(latinLanguages);
    }

    /** With the Latin-script languages of the default set: en, de, es, fr, ro, it, pt. */
    public static LanguageNormaliser withDefaultLatinLanguages() {
        return new LanguageNormaliser(Set.of("en", "de", "es", "fr", "ro", "it", "pt"));
    }

    /**
     * The ISO 639-1 codes this normaliser can give, sorted: the languages of the non-Latin scripts it names and the
     * Latin-script languages in play. A completion expected in any other language could never have fidelity 1.
     */
    public Set<String> labels() {
        Set<String> labels = new TreeSet<>(SCRIPT_OF_LANGUAGE.keySet());
        labels.addAll(latinLanguages);
        return Collections.unmodifiableSet(labels);
    }

    /**
     * Whether {@code language} (ISO 639-1) is one this normaliser knows to be written in a non-Latin script: the
     * languages word-level confusion is judged for, since an English word stands out in their script only.
     */
    public boolean writtenInNonLatinScript(String language) {
        return language != null && SCRIPT_OF_LANGUAGE.containsKey(language);
    }

    /**
     * @param code the detector's language code (ISO 639-1 or 639-3), null when it detected nothing
     * @param labelScript the ISO 15924 script the detector's label names, or null
     * @param text the text that was identified
     */
    public String normalise(String code, String labelScript, String text) {
        TextScript.Letters letters = TextScript.letters(text == null ? "" : text);
        TextScript textScript = letters.dominant();
        if (textScript == TextScript.NONE) {
            return NONE;
        }
        String iso = toIso639_1(code);
        TextScript detected = iso == null ? null : SCRIPT_OF_LANGUAGE.get(iso);
        TextScript script = labelScript != null ? TextScript.fromIso15924(labelScript)
                : detected != null && letters.share(detected) >= DETECTED_SCRIPT_MIN_SHARE ? hanOrKana(detected, letters)
                : textScript;
        return switch (script) {
            case HAN -> "ja".equals(iso) ? "ja" : "zh";
            case JAPANESE -> "ja";
            case DEVANAGARI -> "hi";
            case BENGALI -> "bn";
            case HEBREW -> "he";
            case THAI -> "th";
            case CYRILLIC -> "ru";
            case ARABIC -> "ur".equals(iso) ? "ur" : "ar";
            case HANGUL -> "ko";
            case LATIN -> iso == null ? NONE : latinLanguages.contains(iso) ? iso : OTHER_LATIN;
            case NONE -> NONE;
            case OTHER -> OTHER;
        };
    }

    /** Han text is Chinese or Japanese by its kana, whichever of the two the detector named. */
    private static TextScript hanOrKana(TextScript detected, TextScript.Letters letters) {
        if (detected != TextScript.HAN && detected != TextScript.JAPANESE) {
            return detected;
        }
        return letters.byScript().containsKey(TextScript.JAPANESE) ? TextScript.JAPANESE : TextScript.HAN;
    }

    static String toIso639_1(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        String lower = code.trim().toLowerCase(Locale.ROOT);
        return lower.length() == 3 ? ISO_639_3_TO_1.getOrDefault(lower, lower) : lower;
    }
}
