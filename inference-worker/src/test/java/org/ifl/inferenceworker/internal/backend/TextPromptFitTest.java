package org.ifl.inferenceworker.internal.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;

/** Fitting a TEXT prompt into a byte-level model's positions, worked by hand. */
class TextPromptFitTest {
    private static final String QUESTION = "What is in the picture?"; // 23 bytes

    /** As the reference VLM counts: [BOS] description "\n" question [SEP], one token per UTF-8 byte. */
    private static ToIntFunction<String> promptOf(String question) {
        return d -> 2 + (d + "\n" + question).getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void aPromptThatFitsWithItsBudgetIsLeftAsItIs() {
        String description = "A red circle on white."; // 22 bytes: prompt 2 + 22 + 1 + 23 = 48
        TextPromptFit.Fitted fitted = TextPromptFit.fit(description, "en", 16, 64, promptOf(QUESTION));
        assertEquals(new TextPromptFit.Fitted(description, 16, 0), fitted);
    }

    @Test
    void aLongDescriptionLosesItsEndAtAWordBoundaryAndTheAnswerKeepsItsBudget() {
        String description = "A red circle on white, and a blue square beside it.";
        // 64 positions - 16 for the answer = 48 for the prompt: 26 for the question, 22 bytes of description.
        TextPromptFit.Fitted fitted = TextPromptFit.fit(description, "en", 16, 64, promptOf(QUESTION));
        assertEquals("A red circle on white,", fitted.description());
        assertEquals(16, fitted.budget());
        assertEquals(description.length() - "A red circle on white,".length(), fitted.dropped());
        assertEquals(48, promptOf(QUESTION).applyAsInt(fitted.description()));
    }

    @Test
    void aScriptOfThreeByteCharactersIsCutBetweenWholeCharacters() {
        // Hindi: 3 bytes per character, so the 22 bytes left hold 7 whole characters, never a part of one.
        String description = "सादी सफ़ेद पृष्ठभूमि के बीच में एक बड़ा लाल वृत्त बना है।";
        TextPromptFit.Fitted fitted = TextPromptFit.fit(description, "hi", 16, 64, promptOf(QUESTION));
        assertEquals(16, fitted.budget());
        assertEquals(true, description.startsWith(fitted.description()));
        String kept = fitted.description();
        assertEquals(kept, new String(kept.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
        assertEquals(true, promptOf(QUESTION).applyAsInt(kept) <= 48);
        assertEquals("सादी", kept, "the longest beginning that ends between words");
    }

    @Test
    void aWordLongerThanTheRoomIsCutBetweenCharacters() {
        String description = "Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz";
        TextPromptFit.Fitted fitted = TextPromptFit.fit(description, "de", 16, 64, promptOf(QUESTION));
        assertEquals("Rindfleischetikettieru", fitted.description(), "the 22 bytes left");
    }

    @Test
    void whenTheQuestionAloneLeavesLessThanTheBudgetTheDescriptionGoesAndTheBudgetShrinks() {
        // Without a description the prompt is 2 + 1 + 23 = 26: 38 of 64 positions are left, fewer than 48.
        TextPromptFit.Fitted fitted = TextPromptFit.fit("A red circle.", "en", 48, 64, promptOf(QUESTION));
        assertEquals(new TextPromptFit.Fitted("", 38, 13), fitted);
    }

    @Test
    void aQuestionThatFillsThePositionsCannotBeAsked() {
        assertNull(TextPromptFit.fit("A red circle.", "en", 8, 26, promptOf(QUESTION)));
        assertEquals(1, TextPromptFit.fit("A red circle.", "en", 8, 27, promptOf(QUESTION)).budget());
    }
}
