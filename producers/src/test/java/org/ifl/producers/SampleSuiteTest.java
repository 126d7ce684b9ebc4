package org.ifl.producers;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.ifl.producers.SampleSuite.SampleText;
import org.ifl.producers.internal.sample.SampleImages;
import org.ifl.producers.internal.suite.InputProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleSuiteTest {
    private static final List<String> PAPER_LANGUAGES =
            List.of("ar", "bn", "de", "en", "es", "fr", "he", "hi", "ja", "ro", "ru", "th", "ur", "zh");
    /** Languages written without spaces between words, where a word count says nothing. */
    private static final Set<String> UNSPACED = Set.of("ja", "zh", "th");
    private static final Pattern LETTER = Pattern.compile("\\p{L}");

    @TempDir
    Path images;

    @Test
    void readGivesOneItemPerImageAndLanguageEachWithItsDrawnImage() throws IOException {
        SuiteContents contents = new SampleSuite().read(images);

        List<SuiteItem> items = contents.items();
        assertEquals(SampleImages.ids().size() * SampleSuite.languages().size(), items.size());
        assertEquals(12 * 14, items.size());
        assertTrue(contents.skipped().isEmpty(), contents.skipped().toString());
        for (SuiteItem item : items) {
            String at = item.itemId() + " (" + item.language() + ")";
            assertEquals("sample", item.dataset(), at);
            assertTrue(item.image().isLocal(), at);
            assertEquals(images.resolve(item.itemId() + ".png").toAbsolutePath().normalize(), item.image().file(), at);
            assertTrue(Files.isRegularFile(item.image().file()), at);
            assertFalse(item.question().isBlank() || item.description().isBlank(), at);
            assertFalse(item.answers().isEmpty(), at + " has no reference answer");
            assertTrue(item.attributes().containsKey("category"), at);
            assertEquals(Path.of(SampleSuite.RESOURCE), item.origin().file(), at);
        }
    }

    @Test
    void coversAtLeastTenOfThePapersLanguagesAndEveryItemHasEachOfThem() {
        List<String> languages = SampleSuite.languages();
        assertTrue(languages.stream().filter(PAPER_LANGUAGES::contains).count() >= 10, languages.toString());

        Map<String, Set<String>> byItem = SampleSuite.texts().stream().collect(Collectors.groupingBy(
                SampleText::itemId, Collectors.mapping(SampleText::language, Collectors.toCollection(TreeSet::new))));
        assertEquals(Set.copyOf(SampleImages.ids()), byItem.keySet());
        byItem.forEach((item, itsLanguages) -> assertEquals(Set.copyOf(languages), itsLanguages, item));
    }

    @Test
    void questionsAreLongEnoughToIdentifyTheirLanguage() {
        for (SampleText text : SampleSuite.texts()) {
            if (!UNSPACED.contains(text.language())) {
                long words = Pattern.compile("\\s+").splitAsStream(text.question())
                        .filter(w -> LETTER.matcher(w).find()).count();
                assertTrue(words >= 6, text.itemId() + " (" + text.language() + ") has " + words + " words: "
                        + text.question());
            }
        }
    }

    @Test
    void eachOriginIsTheLineOfItsLanguageInTheSuiteText() throws IOException {
        List<String> lines;
        try (InputStream in = SampleSuite.class.getClassLoader().getResourceAsStream(SampleSuite.RESOURCE)) {
            lines = new String(in.readAllBytes(), UTF_8).lines().toList();
        }
        for (SampleText text : SampleSuite.texts()) {
            String line = lines.get((int) text.line() - 1);
            assertTrue(line.strip().startsWith("\"" + text.language() + "\":") && line.contains(text.question()),
                    text.itemId() + " (" + text.language() + ") at line " + text.line() + ": " + line);
        }
    }

    @Test
    void everyProblemInAMalformedTextIsNamedWithItsLineAndField() {
        String json = """
                {
                  "format": "ifl-sample-suite/1",
                  "items": [
                    {
                      "id": "red-circle",
                      "image": "red-circle",
                      "category": "colour",
                      "languages": {
                        "en": {"question": "What colour is the circle?", "answers": ["red"]},
                        "xx": {"question": "?", "description": "?"}
                      }
                    },
                    {
                      "id": "red-circle",
                      "image": "purple-cow",
                      "category": "colour",
                      "languages": {"de": {"question": "Welche Farbe?", "description": "Ein Kreis.", "answers": [1]}}
                    }
                  ]
                }
                """;

        InputException e = assertThrows(InputException.class,
                () -> SampleSuite.parse(json.getBytes(UTF_8), Path.of("broken.json")));

        assertEquals(List.of(
                "broken.json:9: items[0].languages.en.description: missing",
                "broken.json:10: items[0].languages.xx: unknown language 'xx': expected an ISO 639-1 code",
                "broken.json:14: items[1].id: item id 'red-circle' appears twice",
                "broken.json:15: items[1].image: no sample image 'purple-cow'; known: " + SampleImages.ids(),
                "broken.json:17: items[1].languages.de.answers[0]: expected a string, found the number 1"),
                e.problems().stream().map(InputProblem::toString).toList());
    }

    @Test
    void textThatIsNotJsonIsAnInputExceptionNamingTheLine() {
        InputException e = assertThrows(InputException.class,
                () -> SampleSuite.parse("{\n  \"items\": [\n    {\"id\": }\n".getBytes(UTF_8), Path.of("bad.json")));

        assertEquals(1, e.problems().size());
        assertEquals(3, e.problems().get(0).line(), e.getMessage());
    }
}
