package org.ifl.entities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every entity metric worked out by hand on short texts (DESIGN.md §4). */
class EntityScorerTest {
    private static final double EPS = 1e-12;
    private static final Entity MONA_LISA = Entity.of("mona-lisa", Map.of(
            "en", List.of("Mona Lisa", "La Gioconda"), "zh", List.of("蒙娜丽莎", "蒙娜麗莎"),
            "ja", List.of("モナ・リザ"), "th", List.of("โมนาลิซา")));
    private static final Entity LEONARDO = Entity.of("leonardo", Map.of(
            "en", List.of("Leonardo da Vinci", "Leonardo"), "zh", List.of("达芬奇", "列奥纳多"),
            "ja", List.of("レオナルド"), "th", List.of("เลโอนาร์โด"), "hi", List.of("लियोनार्दो")));
    private static final Entity LOUVRE = Entity.of("louvre", Map.of(
            "en", List.of("Louvre"), "zh", List.of("卢浮宫"), "ja", List.of("ルーヴル"),
            "th", List.of("ลูฟร์"), "hi", List.of("लूव्र")));
    private static final Entity PARIS = Entity.of("paris", Map.of("en", List.of("Paris"), "zh", List.of("巴黎")));
    private static final Entity VAN_GOGH = Entity.of("van-gogh", Map.of("en", List.of("Van Gogh")));
    private static final List<Entity> REFERENCE = List.of(MONA_LISA, LEONARDO, LOUVRE, PARIS);
    private static final List<List<String>> REFERENCE_PAIRS = List.of(
            List.of("mona-lisa", "leonardo"), List.of("leonardo", "louvre"), List.of("louvre", "paris"));
    private static final EntityScorer SCORER = new EntityScorer(List.of(MONA_LISA, LEONARDO, LOUVRE, PARIS,
            VAN_GOGH));

    @Test
    void coverageF1AndCooccurrenceOfAnEnglishExplanation() {
        String completion = "The Mona Lisa was painted by Leonardo. It hangs in the Louvre, next to works by Van "
                + "Gogh. LEONARDO painted it slowly.";
        EntityScore s = SCORER.score(completion, REFERENCE, REFERENCE_PAIRS, "en");
        // Found: mona-lisa, leonardo (twice, counted once), louvre; not paris. Vocabulary adds van-gogh.
        assertEquals(4, s.referenceEntities());
        assertEquals(3, s.matched());
        assertEquals(4, s.generatedEntities());
        assertEquals(0.75, s.coverage(), EPS);
        assertEquals(0.75, s.precision(), EPS);
        assertEquals(0.75, s.f1(), EPS);
        // Partial: the three found count 1; "paris" shares at most 2 letters in a row with the text ("is" of
        // "lisa", "ar" of "leonardo", "pa" of "painted"): 2/5. (1 + 1 + 1 + 0.4) / 4.
        assertEquals(3.4 / 4, s.partialCoverage(), EPS);
        // Sentence 1 holds mona-lisa and leonardo; sentence 2 louvre alone; sentence 3 leonardo alone.
        assertEquals(3, s.referencePairs());
        assertEquals(1, s.cooccurringPairs());
        assertEquals(1.0 / 3, s.cooccurrence(), EPS);
    }

    @Test
    void precisionAndF1WhenTheAnswerNamesOtherEntities() {
        // Finds leonardo (ref) and van-gogh (vocabulary only): EC 1/4, precision 1/2, F1 = 2*(1/4)(1/2)/(3/4) = 1/3.
        EntityScore s = SCORER.score("Leonardo admired Van Gogh.", REFERENCE, REFERENCE_PAIRS, "en");
        assertEquals(0.25, s.coverage(), EPS);
        assertEquals(0.5, s.precision(), EPS);
        assertEquals(1.0 / 3, s.f1(), EPS);
        assertEquals(0.0, s.cooccurrence(), EPS);
    }

    @Test
    void aliasesCaseWidthAndWordBoundaries() {
        assertEquals(1, SCORER.score("la GIOCONDA", List.of(MONA_LISA), List.of(), "en").matched(), "alias, case");
        assertEquals(1, SCORER.score("ＭＯＮＡ　ＬＩＳＡ", List.of(MONA_LISA), List.of(), "en").matched(),
                "full-width letters and space fold (NFKC)");
        assertEquals(0, SCORER.score("Leonardos and Louvres", List.of(LEONARDO, LOUVRE), List.of(), "en").matched(),
                "a form inside a longer word is not the entity");
        assertEquals(2, SCORER.score("(Leonardo)—Louvre's", List.of(LEONARDO, LOUVRE), List.of(), "en").matched(),
                "punctuation is a boundary");
        assertEquals(1, SCORER.score("他在Paris的时候", List.of(PARIS), List.of(), "en").matched(),
                "a Han character beside a Latin word is a boundary");
    }

    @Test
    void unspacedScriptsMatchInsideTextAndSplitOnTheirOwnPunctuation() {
        EntityScore zh = SCORER.score("这幅蒙娜丽莎现藏于卢浮宫。达芬奇画了她！", REFERENCE, REFERENCE_PAIRS, "zh");
        assertEquals(3, zh.matched(), "mona-lisa, louvre, leonardo: substrings of unspaced text");
        assertEquals(0.75, zh.coverage(), EPS);
        // Sentence 1: mona-lisa + louvre (not a reference pair); sentence 2: leonardo alone.
        assertEquals(0.0, zh.cooccurrence(), EPS);
        EntityScore traditional = SCORER.score("蒙娜麗莎", List.of(MONA_LISA), List.of(), "zh");
        assertEquals(1.0, traditional.coverage(), EPS, "an alias in traditional characters");

        // Thai: no spaces between words, a space between sentences.
        EntityScore th = SCORER.score("ภาพโมนาลิซาอยู่ที่พิพิธภัณฑ์ลูฟร์ เลโอนาร์โดวาดภาพนี้",
                List.of(MONA_LISA, LEONARDO, LOUVRE), List.of(List.of("mona-lisa", "louvre"),
                        List.of("mona-lisa", "leonardo")), "th");
        assertEquals(3, th.matched());
        assertEquals(0.5, th.cooccurrence(), EPS, "mona-lisa and louvre in sentence 1; leonardo in sentence 2");
    }

    @Test
    void devanagariMarksAreNotBoundariesAndTheDandaEndsASentence() {
        // "लूव्रे" continues with the vowel sign े: not the form "लूव्र" as a word.
        assertEquals(0, SCORER.score("लूव्रे", List.of(LOUVRE), List.of(), "hi").matched());
        EntityScore hi = SCORER.score("लियोनार्दो ने यह चित्र बनाया। यह लूव्र में है।", List.of(LEONARDO, LOUVRE),
                List.of(List.of("leonardo", "louvre")), "hi");
        assertEquals(2, hi.matched());
        assertEquals(0.0, hi.cooccurrence(), EPS, "the danda splits them into two sentences");
    }

    @Test
    void anEmptyAnswerAndAnAnswerInTheWrongLanguage() {
        EntityScore empty = SCORER.score("", REFERENCE, REFERENCE_PAIRS, "en");
        assertEquals(0.0, empty.coverage(), EPS);
        assertEquals(0.0, empty.partialCoverage(), EPS);
        assertNull(empty.precision(), "no entity named: precision is undefined");
        assertEquals(0.0, empty.f1(), EPS, "but F1 is 0: nothing was found");
        assertEquals(0.0, empty.cooccurrence(), EPS);

        // Asked for Japanese, answered in English: only Japanese forms count, so nothing is found.
        EntityScore wrong = SCORER.score("The Mona Lisa by Leonardo is in the Louvre.", REFERENCE, REFERENCE_PAIRS,
                "ja");
        assertEquals(0, wrong.matched());
        assertEquals(0.0, wrong.coverage(), EPS);
        EntityScore right = SCORER.score("モナ・リザはレオナルドの作品で、ルーヴルにある。", REFERENCE, REFERENCE_PAIRS, "ja");
        assertEquals(3, right.matched());

        EntityScore noReference = SCORER.score("Leonardo", List.of(), List.of(), "en");
        assertNull(noReference.coverage());
        assertNull(noReference.f1());
        assertNull(noReference.cooccurrence());
    }

    @Test
    void referencePairsAreTheEntitiesSharingASentenceOfTheReference() {
        String article = "The Mona Lisa is a portrait by Leonardo da Vinci. It is in the Louvre in Paris.\n"
                + "Leonardo worked on it for years.";
        assertEquals(List.of(List.of("mona-lisa", "leonardo"), List.of("louvre", "paris")),
                EntityScorer.cooccurringPairs(article, REFERENCE, "en"));
    }

    @Test
    void longestCommonSubstringAndSentences() {
        assertEquals(5, EntityScorer.longestCommonSubstring("gioconda".codePoints().toArray(),
                "la conda".codePoints().toArray()), "\"conda\"");
        assertEquals(0, EntityScorer.longestCommonSubstring(new int[0], "x".codePoints().toArray()));
        assertEquals(List.of("It costs 3.5 m.", "See louvre.fr!", "Why?", "是的。", "好！", "है।", "Next line"),
                Sentences.split("It costs 3.5 m. See louvre.fr! Why? 是的。好！है।\nNext line"));
        assertTrue(Sentences.split("  \n ").isEmpty());
        assertFalse(SurfaceForm.of("").occursIn("anything"));
    }
}
