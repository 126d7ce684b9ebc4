package org.ifl.producers.sample;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.ifl.lidstream.detect.Detection;
import org.ifl.lidstream.detect.LinguaDetector;
import org.ifl.lidstream.label.LanguageNormaliser;
import org.ifl.producers.sample.SampleSuite.SampleText;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every question and description is in the language it is filed under, as lid-stream judges a completion: by
 * Lingua over the languages in play, then the script-first normalisation. A sample whose own text is
 * misidentified would make the demo report fidelity loss the model never had.
 */
class SampleSuiteLanguageTest {
    private static final LanguageNormaliser NORMALISER = LanguageNormaliser.withDefaultLatinLanguages();

    /** Loads every model (seconds, about 1 GB of heap): once for the class. */
    private static LinguaDetector lingua;

    @BeforeAll
    static void loadLingua() {
        lingua = new LinguaDetector(LinguaDetector.DEFAULT_LANGUAGES);
    }

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
        Detection detection = lingua.detect(value);
        String label = NORMALISER.normalise(detection.code(), detection.script(), value);
        assertTrue(text.language().equals(detection.code()) && text.language().equals(label),
                () -> String.format("%s (%s) %s: Lingua says %s (%.2f, runner-up %s %s), normalised %s: %s",
                        text.itemId(), text.language(), field, detection.code(), detection.confidence(),
                        detection.runnerUpCode(), detection.runnerUpConfidence(), label, value));
    }
}
