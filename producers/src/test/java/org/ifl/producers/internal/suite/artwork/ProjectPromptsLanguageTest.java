package org.ifl.producers.internal.suite.artwork;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.ifl.lidstream.LanguageJudge;
import org.ifl.schemas.avro.PromptPattern;
import org.junit.jupiter.api.Test;

/** The project's artwork instructions are each in the language they are filed under, as lid-stream judges. */
class ProjectPromptsLanguageTest {

    @Test
    void everyInstructionIsInItsLanguage() {
        // The default ten, and Hindi and Thai, which the reference VLM's artworks are explained in as well.
        List<String> expected = new ArrayList<>(ArtworkReader.DEFAULT_LANGUAGES);
        expected.addAll(List.of("hi", "th"));
        assertEquals(expected.stream().sorted().toList(), PromptTable.PROJECT.languages().stream().sorted().toList(),
                "one entry per language");
        List<String> wrong = new ArrayList<>();
        for (String language : PromptTable.PROJECT.languages()) {
            for (PromptPattern pattern : PromptTable.patternsOf(language)) {
                String prompt = PromptTable.PROJECT.get(language, pattern).replace("{title}", "X")
                        .replace(PromptTable.LANGUAGE_PLACEHOLDER, "Korean");
                LanguageJudge.shared().mismatch(language, prompt).ifPresent(w -> wrong.add(language + " " + pattern
                        + ": " + w + ": " + prompt));
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }
}
