package org.ifl.referencevlm.eval;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.ifl.referencevlm.Colour;
import org.ifl.referencevlm.Scene;
import org.ifl.referencevlm.Shape;
import org.ifl.referencevlm.data.Phrasebook;
import org.junit.jupiter.api.Test;

class AnswerFormsTest {
    private static final Phrasebook PHRASEBOOK = Phrasebook.standard();
    private static final AnswerForms FORMS = AnswerForms.of(PHRASEBOOK);

    @Test
    void everyTaughtSentenceIsWellFormedWhateverSceneItNames() {
        for (String language : PHRASEBOOK.languages()) {
            String answer = PHRASEBOOK.language(language).answer(Scene.of(Shape.STAR, Colour.RED, 3));
            assertTrue(FORMS.wellFormed(language, answer, 1_000), language);
            assertTrue(FORMS.wellFormed(language, " " + answer + "\n", 1_000), language);
        }
    }

    @Test
    void aSentenceInAnotherLanguageOrBrokenOffEarlyIsNot() {
        String english = PHRASEBOOK.language("en").answer(Scene.of(Shape.CIRCLE, Colour.BLUE, 2));
        String german = PHRASEBOOK.language("de").answer(Scene.of(Shape.CIRCLE, Colour.BLUE, 2));
        assertFalse(FORMS.wellFormed("de", english, 1_000));
        assertFalse(FORMS.wellFormed("de", german.substring(0, german.length() / 2), 1_000));
        assertFalse(FORMS.wellFormed("de", german + " " + german, 1_000));
        assertFalse(FORMS.wellFormed("de", "", 1_000));
    }

    @Test
    void anAnswerCutByItsTokenBudgetIsWellFormedWhenItBeginsASentence() {
        String thai = PHRASEBOOK.language("th").answer(Scene.of(Shape.SQUARE, Colour.RED, 4));
        String cut = thai.substring(0, 20);
        int bytes = cut.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(FORMS.wellFormed("th", cut, bytes), "a cut that used the whole budget");
        assertTrue(FORMS.wellFormed("th", cut, bytes + 3), "an unfinished last character dropped");
        assertFalse(FORMS.wellFormed("th", cut, bytes + 4), "stopped before the budget: not a sentence");
        assertFalse(FORMS.wellFormed("th", "ฉันฉันฉัน", 9), "script without a sentence");
    }

    @Test
    void anUnknownLanguageIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FORMS.wellFormed("xx", "anything", 10));
        assertTrue(e.getMessage().contains("'xx'"), e.getMessage());
    }
}
