package org.ifl.referencevlm.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.ifl.entities.Entity;
import org.ifl.entities.EntityScorer;
import org.ifl.entities.MatchText;
import org.ifl.referencevlm.Artwork;
import org.ifl.referencevlm.Motif;
import org.junit.jupiter.api.Test;

class ArtLexiconTest {
    private static final ArtLexicon LEXICON = ArtLexicon.standard();

    /** Every artist, place, century and motif pair, so a clash of two names in any language is found. */
    private static List<Artwork> everyCombination() {
        List<Artwork> all = new ArrayList<>();
        List<Motif> motifs = List.copyOf(LEXICON.motifs().values());
        int i = 0;
        for (Motif first : motifs) {
            for (Motif second : motifs) {
                if (first.equals(second)) {
                    continue;
                }
                all.add(new Artwork(first.id() + "-" + second.id(), first, second,
                        LEXICON.artists().get(i % LEXICON.artists().size()),
                        LEXICON.places().get(i / 2 % LEXICON.places().size()),
                        LEXICON.periods().get(i / 3 % LEXICON.periods().size()), LEXICON.languages()));
                i++;
            }
        }
        return all;
    }

    private static Set<String> found(String text, String language) {
        String normalized = MatchText.normalize(text);
        Set<String> ids = new TreeSet<>();
        for (Entity e : LEXICON.vocabulary()) {
            if (e.occursIn(normalized, language)) {
                ids.add(e.id());
            }
        }
        return ids;
    }

    private static Set<String> ids(List<Entity> entities) {
        Set<String> ids = new TreeSet<>();
        entities.forEach(e -> ids.add(e.id()));
        return ids;
    }

    @Test
    void aCompleteExplanationNamesItsFiveEntitiesAndNoOtherInEveryLanguage() {
        for (Artwork artwork : everyCombination()) {
            Set<String> expected = ids(LEXICON.entities(artwork));
            assertEquals(5, expected.size());
            for (String language : LEXICON.languages()) {
                String text = LEXICON.explanation(artwork, language, true);
                assertEquals(expected, found(text, language), language + ": " + text);
            }
        }
    }

    @Test
    void aShortExplanationNamesTheTwoMotifsOnly() {
        for (Artwork artwork : everyCombination()) {
            for (String language : LEXICON.languages()) {
                String text = LEXICON.explanation(artwork, language, false);
                assertEquals(Set.of("motif:" + artwork.first().id(), "motif:" + artwork.second().id()),
                        found(text, language), language + ": " + text);
            }
        }
    }

    @Test
    void aCompleteExplanationHasWhoWhereWhenInOneSentenceAndTheMotifsInAnother() {
        Artwork artwork = ArtworkSet.standard().artworks().get(0);
        List<Entity> entities = LEXICON.entities(artwork);
        for (String language : LEXICON.languages()) {
            List<List<String>> pairs = EntityScorer.cooccurringPairs(LEXICON.explanation(artwork, language, true),
                    entities, language);
            // artist-place, artist-period, place-period, and the two motifs; none across the two sentences
            assertEquals(4, pairs.size(), language + ": " + pairs);
            assertTrue(pairs.contains(List.of("motif:" + artwork.first().id(), "motif:" + artwork.second().id())),
                    language + ": " + pairs);
        }
    }

    @Test
    void theWorkedExampleInEnglishAndGerman() {
        Motif sun = LEXICON.motifs().get("sun");
        Motif lake = LEXICON.motifs().get("lake");
        Artwork artwork = new Artwork("sun-lake", sun, lake, "lind", "vienna", "c17", List.of("en", "de"));
        assertEquals("Sun and lake", LEXICON.title(artwork, "en"));
        assertEquals("Sonne und See", LEXICON.title(artwork, "de"));
        assertEquals("This painting by Lind was made in Vienna in the 17th century. It shows a sun and a lake.",
                LEXICON.explanation(artwork, "en", true));
        assertEquals("Darauf sieht man eine Sonne und einen See.", LEXICON.explanation(artwork, "de", false));
        assertEquals("Explain the artwork \"Sun and lake\" in detail. Answer in German.",
                LEXICON.prompt(ExplanationPattern.EN_L, artwork, "de"));
        assertEquals("Erkläre das Kunstwerk „Sonne und See“ ausführlich. Antworte auf Englisch.",
                LEXICON.prompt(ExplanationPattern.L_EN, artwork, "de"));
    }
}
