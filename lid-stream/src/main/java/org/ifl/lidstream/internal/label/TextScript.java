package org.ifl.lidstream.internal.label;

import java.util.EnumMap;
import java.util.Map;

/**
 * The writing system a text is mostly written in, counted over its letters (digits, punctuation, symbols and
 * emoji carry no script). Han with a share of kana of at least {@link #KANA_SHARE_FOR_JAPANESE} is
 * {@link #JAPANESE}: Japanese mixes the two, Chinese has no kana.
 */
enum TextScript {
    NONE, LATIN, HAN, JAPANESE, HANGUL, DEVANAGARI, BENGALI, HEBREW, THAI, CYRILLIC, ARABIC, OTHER;

    static final double KANA_SHARE_FOR_JAPANESE = 0.1;

    /** The ISO 15924 code of a script, for labels that name one (GlotLID's {@code deu_Latn}). */
    public static TextScript fromIso15924(String code) {
        return switch (code) {
            case "Latn" -> LATIN;
            case "Hani", "Hans", "Hant" -> HAN;
            case "Jpan", "Hira", "Kana" -> JAPANESE;
            case "Hang", "Kore" -> HANGUL;
            case "Deva" -> DEVANAGARI;
            case "Beng" -> BENGALI;
            case "Hebr" -> HEBREW;
            case "Thai" -> THAI;
            case "Cyrl" -> CYRILLIC;
            case "Arab" -> ARABIC;
            default -> OTHER;
        };
    }

    public static TextScript dominant(CharSequence text) {
        return letters(text).dominant();
    }

    /** How many letters of each script a text has (Han and kana together as HAN or JAPANESE). */
    public static Letters letters(CharSequence text) {
        Map<TextScript, Integer> letters = new EnumMap<>(TextScript.class);
        int kana = 0;
        int han = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = Character.codePointAt(text, i);
            i += Character.charCount(codePoint);
            if (!Character.isLetter(codePoint)) {
                continue;
            }
            Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
            if (script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA) {
                kana++;
            } else if (script == Character.UnicodeScript.HAN) {
                han++;
            } else {
                letters.merge(of(script), 1, Integer::sum);
            }
        }
        if (han + kana > 0) {
            boolean japanese = kana >= KANA_SHARE_FOR_JAPANESE * (han + kana);
            letters.merge(japanese ? JAPANESE : HAN, han + kana, Integer::sum);
        }
        return new Letters(letters);
    }

    /** Letter counts per script. */
    public record Letters(Map<TextScript, Integer> byScript) {
        public TextScript dominant() {
            TextScript best = NONE;
            int most = 0;
            for (Map.Entry<TextScript, Integer> entry : byScript.entrySet()) {
                if (entry.getValue() > most) {
                    best = entry.getKey();
                    most = entry.getValue();
                }
            }
            return best;
        }

        /** The share of the letters in {@code script}; HAN and JAPANESE count together (both are Han). */
        public double share(TextScript script) {
            int total = byScript.values().stream().mapToInt(Integer::intValue).sum();
            if (total == 0) {
                return 0;
            }
            int in = byScript.getOrDefault(script, 0);
            if (script == HAN || script == JAPANESE) {
                in = byScript.getOrDefault(HAN, 0) + byScript.getOrDefault(JAPANESE, 0);
            }
            return (double) in / total;
        }
    }

    static TextScript of(Character.UnicodeScript script) {
        return switch (script) {
            case LATIN -> LATIN;
            case HANGUL -> HANGUL;
            case DEVANAGARI -> DEVANAGARI;
            case BENGALI -> BENGALI;
            case HEBREW -> HEBREW;
            case THAI -> THAI;
            case CYRILLIC -> CYRILLIC;
            case ARABIC -> ARABIC;
            default -> OTHER;
        };
    }
}
