package org.ifl.lidstream;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;

/**
 * Lingua in high-accuracy mode, restricted to the languages in play (fewer candidates: faster and fewer
 * confusions with languages no query expects), every model loaded when built. Its models ship in its jar.
 */
public final class LinguaDetector implements LanguageDetector {
    /** The IFL paper's 14 languages plus it, ko and pt. */
    public static final List<String> DEFAULT_LANGUAGES = List.of(
            "ar", "bn", "de", "en", "es", "fr", "he", "hi", "ja", "ro", "ru", "th", "ur", "zh", "it", "ko", "pt");

    private final com.github.pemistahl.lingua.api.LanguageDetector detector;
    private final List<String> languages;

    public LinguaDetector(Collection<String> iso639_1Codes) {
        List<IsoCode639_1> codes = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String code : iso639_1Codes) {
            try {
                IsoCode639_1 iso = IsoCode639_1.valueOf(code.trim().toUpperCase(Locale.ROOT));
                if (iso == IsoCode639_1.NONE) {
                    throw new IllegalArgumentException();
                }
                codes.add(iso);
            } catch (IllegalArgumentException e) {
                unknown.add(code);
            }
        }
        if (!unknown.isEmpty() || codes.size() < 2) {
            throw new IllegalArgumentException("Lingua needs at least two known ISO 639-1 codes; unknown: " + unknown
                    + " in " + iso639_1Codes);
        }
        this.languages = codes.stream().map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
        this.detector = LanguageDetectorBuilder.fromIsoCodes639_1(codes.toArray(IsoCode639_1[]::new))
                .withPreloadedLanguageModels()
                .build();
    }

    @Override
    public Detection detect(String text) {
        SortedMap<Language, Double> confidences = detector.computeLanguageConfidenceValues(text);
        Iterator<Map.Entry<Language, Double>> ranked = confidences.entrySet().iterator();
        if (!ranked.hasNext()) {
            return Detection.none();
        }
        Map.Entry<Language, Double> best = ranked.next();
        Map.Entry<Language, Double> second = ranked.hasNext() ? ranked.next() : null;
        return new Detection(best.getKey().name(), code(best.getKey()), null, best.getValue(),
                second == null ? null : code(second.getKey()), second == null ? null : second.getValue());
    }

    private static String code(Language language) {
        return language.getIsoCode639_1().name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String name() {
        return "lingua-1.2.2/high-accuracy";
    }

    public List<String> languages() {
        return languages;
    }
}
