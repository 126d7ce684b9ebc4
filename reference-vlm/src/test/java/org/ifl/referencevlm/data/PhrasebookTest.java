package org.ifl.referencevlm.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import org.ifl.referencevlm.Colour;
import org.ifl.referencevlm.Scene;
import org.ifl.referencevlm.Shape;
import org.junit.jupiter.api.Test;

class PhrasebookTest {
    @Test
    void bundlesTheFourteenLanguagesOfTheIflPaper() {
        assertEquals(List.of("en", "de", "fr", "es", "ro", "ru", "ar", "he", "hi", "ur", "bn", "ja", "zh", "th"),
                Phrasebook.standard().languages());
    }

    @Test
    void everyLanguageHasSteeringSentenceQuestionsAndADistinctParaphrase() {
        Phrasebook phrasebook = Phrasebook.standard();
        assertEquals("Describe this image in detail.", phrasebook.language("en").steeringSentence());
        for (String code : phrasebook.languages()) {
            LanguageTemplates language = phrasebook.language(code);
            assertTrue(language.trainingQuestions().size() >= 3, code);
            assertFalse(language.trainingQuestions().contains(language.heldOutQuestion()), code);
            assertFalse(language.steeringSentence().isBlank(), code);
        }
    }

    @Test
    void longestAnswerIsNotLatinScript() {
        Phrasebook phrasebook = Phrasebook.standard();
        int longest = phrasebook.longestAnswerUtf8Bytes();
        String english = phrasebook.language("en").answer(Scene.of(Shape.TRIANGLE, Colour.YELLOW, 3));
        assertTrue(longest > 2 * english.length(), longest + " bytes vs English " + english.length());
    }

    @Test
    void reportsEveryProblemAtOnce() {
        String json = """
                {"format": "ifl-reference-vlm-languages/1", "languages": {
                  "en": {"name": "English", "description": "There is a thing.", "answer": "{object} {subject}",
                         "questions": ["What?"], "heldOutQuestion": "What?", "steering": "Describe.",
                         "lexicon": {"numbers": {}, "shapes": {}, "colours": {}}},
                  "xx": {"name": "Nowhere", "description": "{subject}", "answer": "{object}", "questions": ["?"],
                         "heldOutQuestion": "!", "steering": "s", "lexicon": {}}}}
                """;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Phrasebook.read(new StringReader(json)));
        String message = e.getMessage();
        assertTrue(message.contains("'en' description variant 'other' must hold exactly one"), message);
        assertTrue(message.contains("'en' answer variant 'other' must hold exactly one"), message);
        assertTrue(message.contains("'en' held-out question is also a training question"), message);
        assertTrue(message.contains("no noun-phrase grammar for language 'xx'"), message);
        assertTrue(message.contains("no 'en'"), message);
    }

    @Test
    void reportsAMissingWordWithTheSceneThatNeedsIt() {
        String json = """
                {"format": "ifl-reference-vlm-languages/1", "languages": {
                  "en": {"name": "English", "description": "There is {subject}.", "answer": "I see {object}.",
                         "questions": ["What?"], "heldOutQuestion": "Which?", "steering": "Describe.",
                         "lexicon": {"numbers": {"1": "one", "2": "two", "3": "three", "4": "four"},
                                     "shapes": {"circle": {"sg": "circle", "pl": "circles"}},
                                     "colours": {"red": "red"}}}}}
                """;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Phrasebook.read(new StringReader(json)));
        assertTrue(e.getMessage().contains("en lexicon has no colour 'blue'"), e.getMessage());
        assertTrue(e.getMessage().contains("en lexicon has no shape 'star'"), e.getMessage());
    }
}
