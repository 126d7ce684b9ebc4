package org.ifl.referencevlm.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.ifl.referencevlm.Artwork;
import org.ifl.referencevlm.ExplanationMix;
import org.junit.jupiter.api.Test;

class ArtworkSetTest {
    private static final ArtworkSet SET = ArtworkSet.standard();

    @Test
    void eighteenArtworksAThirdInEveryLanguageAThirdInFiveToNineAThirdInTwoToFour() {
        List<Artwork> artworks = SET.artworks();
        assertEquals(18, artworks.size());
        assertEquals(18, artworks.stream().map(Artwork::id).distinct().count());
        Map<String, Long> groups = artworks.stream().collect(Collectors.groupingBy(a -> {
            int n = a.languages().size();
            return n == 10 ? "10" : n >= 5 ? "5-9" : n >= 2 ? "2-4" : "other";
        }, Collectors.counting()));
        assertEquals(Map.of("10", 6L, "5-9", 6L, "2-4", 6L), groups);
        assertEquals(ArtworkSet.standard().artworks(), artworks, "the same seed, the same artworks");
    }

    @Test
    void everyLanguageHasItemsInEverySetting() {
        for (String language : SET.lexicon().languages().subList(1, 10)) {
            long famous = SET.artworks().stream().filter(a -> a.languages().contains(language))
                    .filter(SET::inEveryLanguage).count();
            long others = SET.artworks().stream().filter(a -> a.languages().contains(language))
                    .filter(a -> !SET.inEveryLanguage(a)).count();
            assertEquals(6, famous, language);
            assertTrue(others >= 2, language + ": " + others);
        }
    }

    @Test
    void completeExplanationsHoldTheMixsSharesExactlyByRank() {
        ExplanationMix mix = new ExplanationMix(0.5, 0.2, Map.of("de", 0.4));
        ArtworkSet.CompleteExplanations complete = SET.completeExplanations(mix);
        for (String language : List.of("de", "fr")) {
            List<Artwork> others = SET.artworks().stream().filter(a -> a.languages().contains(language))
                    .filter(a -> !SET.inEveryLanguage(a)).toList();
            List<Artwork> famous = SET.artworks().stream().filter(a -> a.languages().contains(language))
                    .filter(SET::inEveryLanguage).toList();
            double s = mix.completeShare(language);
            assertEquals(Math.round(s * others.size()), count(complete, others, language, ExplanationPattern.L_L));
            assertEquals(Math.round(s * others.size()), count(complete, others, language, ExplanationPattern.EN_L));
            assertEquals(Math.round((1 + s) / 2 * others.size()),
                    count(complete, others, language, ExplanationPattern.L_EN));
            assertEquals(Math.round((1 + s) / 2 * famous.size()),
                    count(complete, famous, language, ExplanationPattern.L_L));
            assertEquals(others.size(), count(complete, others, language, ExplanationPattern.EN_EN));
        }
        // fr: s = 0.2; L_L on a famous artwork (1 + 0.2) / 2 = 0.6; L_EN the same, and (1 + 0.6) / 2 = 0.8 if famous
        assertEquals(0.6, mix.completeShare(ExplanationPattern.L_L, "fr", true), 1e-12);
        assertEquals(0.6, mix.completeShare(ExplanationPattern.L_EN, "fr", false), 1e-12);
        assertEquals(0.8, mix.completeShare(ExplanationPattern.L_EN, "fr", true), 1e-12);
    }

    private static long count(ArtworkSet.CompleteExplanations complete, List<Artwork> artworks, String language,
            ExplanationPattern pattern) {
        return artworks.stream().filter(a -> complete.complete(a, language, pattern)).count();
    }
}
