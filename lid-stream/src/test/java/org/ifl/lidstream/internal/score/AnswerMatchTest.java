package org.ifl.lidstream.internal.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerMatchTest {

    @Test
    void normalisationFoldsCaseAndWidthDropsPunctuationAndSymbolsAndCollapsesSpaces() {
        assertEquals("paris", AnswerMatch.normalised("ＰＡＲＩＳ!"));
        assertEquals("strasse", AnswerMatch.normalised("Straße"));
        assertEquals("usa 10", AnswerMatch.normalised("  U.S.A. \t 10 € \n"));
        assertEquals("σοφία", AnswerMatch.normalised("ΣΟΦΊΑ"));
    }

    @Test
    void anAnswerMatchesAReferenceItEqualsOrHoldsAsWholeWords() {
        assertTrue(AnswerMatch.of("Zwei.", List.of("zwei", "2")));
        assertTrue(AnswerMatch.of("Es sind zwei Kreise.", List.of("zwei", "2")));
        assertTrue(AnswerMatch.of("Das Bild zeigt 2 Kreise", List.of("zwei", "2")));
        assertTrue(AnswerMatch.of("The answer is New York!", List.of("new york")));
        assertTrue(AnswerMatch.of("STRASSE", List.of("Straße")));
        assertTrue(AnswerMatch.of("It is the U.S.A.", List.of("USA")));
    }

    @Test
    void aWordThatOnlyContainsTheReferenceOrPartOfAReferenceIsNoMatch() {
        assertFalse(AnswerMatch.of("Die zweite Reihe", List.of("zwei")));
        assertFalse(AnswerMatch.of("12 circles", List.of("2")));
        assertFalse(AnswerMatch.of("York", List.of("New York")));
        assertFalse(AnswerMatch.of("New, big York", List.of("New York")));
    }

    @Test
    void inChineseJapaneseAndThaiAReferenceMatchesAsASubstring() {
        assertTrue(AnswerMatch.of("答案是东京。", List.of("东京")));
        assertTrue(AnswerMatch.of("東京タワーです", List.of("東京")));
        assertFalse(AnswerMatch.of("京都です", List.of("東京")));
        assertTrue(AnswerMatch.of("คำตอบคือกรุงเทพมหานคร", List.of("กรุงเทพ")));
        assertTrue(AnswerMatch.of("答案是Paris", List.of("paris")), "a Han letter ends a Latin word");
    }

    @Test
    void withoutTextOrWithoutAReferenceWithWordsTheAnswerIsNotJudged() {
        assertNull(AnswerMatch.of(null, List.of("zwei")));
        assertNull(AnswerMatch.of("  ", List.of("zwei")));
        assertNull(AnswerMatch.of("zwei", List.of()));
        assertNull(AnswerMatch.of("zwei", List.of("?", " ")));
    }
}
