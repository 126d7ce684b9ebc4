package org.ifl.producers.suite.artwork;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.ifl.lidstream.detect.Detection;
import org.ifl.lidstream.detect.LinguaDetector;
import org.ifl.schemas.avro.PromptPattern;
import org.junit.jupiter.api.Test;

/** The project's artwork instructions are each in the language they are filed under, as Lingua judges. */
class ProjectPromptsLanguageTest {

    @Test
    void everyInstructionIsInItsLanguage() {
        LinguaDetector lingua = new LinguaDetector(LinguaDetector.DEFAULT_LANGUAGES);
        assertEquals(ArtworkReader.DEFAULT_LANGUAGES.stream().sorted().toList(),
                PromptTable.PROJECT.languages().stream().sorted().toList(), "one entry per default language");
        List<String> wrong = new ArrayList<>();
        for (String language : PromptTable.PROJECT.languages()) {
            for (PromptPattern pattern : PromptTable.patternsOf(language)) {
                String prompt = PromptTable.PROJECT.get(language, pattern).replace("{title}", "X")
                        .replace(PromptTable.LANGUAGE_PLACEHOLDER, "Korean");
                Detection d = lingua.detect(prompt);
                if (!language.equals(d.code())) {
                    wrong.add(language + " " + pattern + ": detected " + d.code() + " (" + d.confidence() + "): "
                            + prompt);
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }
}
