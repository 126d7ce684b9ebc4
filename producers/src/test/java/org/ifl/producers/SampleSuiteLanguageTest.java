package org.ifl.producers;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import org.ifl.lidstream.LanguageJudge;
import org.ifl.producers.SampleSuite.SampleText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every question and description is in the language it is filed under, as lid-stream judges a completion: by
 * Lingua over the languages in play, then the script-first normalisation. A sample whose own text is
 * misidentified would make the demo report fidelity loss the model never had.
 */
class SampleSuiteLanguageTest {
    @Test
    void everyQuestionAndDescriptionIsDetectedAsTheLanguageItIsFiledUnder() {
        List<Executable> checks = new ArrayList<>();
        for (SampleText text : SampleSuite.texts()) {
            checks.add(() -> assertDetectedAsItsLanguage(text, "question", text.question()));
            checks.add(() -> assertDetectedAsItsLanguage(text, "description", text.description()));
        }
        assertAll(checks);
    }

    private static void assertDetectedAsItsLanguage(SampleText text, String field, String value) {
        LanguageJudge.shared().mismatch(text.language(), value).ifPresent(wrong -> fail(
                text.itemId() + " (" + text.language() + ") " + field + ": " + wrong + ": " + value));
    }
}
