package org.ifl.producers.internal.suite.maxm;

import static org.ifl.producers.internal.suite.SuiteFixtures.resource;
import static org.ifl.producers.internal.suite.SuiteFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ifl.producers.ImageSource;
import org.ifl.producers.InputException;
import org.ifl.producers.Origin;
import org.ifl.producers.SuiteContents;
import org.ifl.producers.SuiteItem;
import org.ifl.producers.internal.suite.Skipped;
import org.ifl.producers.internal.suite.SuiteFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaxmReaderTest {
    private static final String BOAT = "0a1b2c3d4e5f6071";
    private static final String CHILD = "9f8e7d6c5b4a3921";
    private static final String URL = "https://images.example.org/xm3600/";

    private final Path questions = resource("maxm/questions");
    private final Path fr = questions.resolve("fr.json");
    private final Path iw = questions.resolve("iw.json");

    @Test
    void everyQuestionIsAnItemDescribedByTheCaptionInItsLanguage() throws IOException {
        Path captions = resource("maxm/captions.jsonl");

        SuiteContents read = new MaxmReader(captions).read(questions);

        assertEquals(List.of(
                item("fr-0001", "fr", "Quelle est la couleur du bateau ?", BOAT, "Un bateau rouge amarré au quai.",
                        List.of("rouge", "rouge et blanc"), new Origin(fr, 8)),
                item("fr-0002", "fr", "Combien de personnes sont sur le quai ?", BOAT,
                        "Un bateau rouge amarré au quai.", List.of("deux", "2"), new Origin(fr, 13)),
                item("fr-0003", "fr", "Que tient l'enfant ?", CHILD, "Un enfant tient un ballon bleu.",
                        List.of("un ballon"), new Origin(fr, 24)),
                item("iw-0001", "he", "מה צבע הסירה?", BOAT, "סירה אדומה קשורה לרציף.", List.of("אדום"),
                        new Origin(iw, 8))),
                read.items());
        assertEquals(List.of(new Skipped("iw-0002", "he", new Origin(iw, 19),
                "no description for image " + CHILD + " in he in " + captions)), read.skipped());
    }

    @Test
    void captionsMayComeAsCsvWithCodesOrNames() throws IOException {
        Path captions = resource("maxm/captions.csv");

        SuiteContents read = new MaxmReader(captions).read(questions);

        assertEquals(List.of("Un bateau rouge amarré au quai.", "Un bateau rouge amarré au quai.",
                "Un enfant tient un ballon bleu.", "סירה אדומה קשורה לרציף."),
                read.items().stream().map(SuiteItem::description).toList());
        assertEquals(List.of("iw-0002"), read.skipped().stream().map(Skipped::itemId).toList());
    }

    @Test
    void aSingleFileCanBeRead() throws IOException {
        SuiteContents read = new MaxmReader(resource("maxm/captions.jsonl")).read(iw);

        assertEquals(List.of("iw-0001"), read.items().stream().map(SuiteItem::itemId).toList());
    }

    @Test
    void anImageBesideTheFileIsUsedInsteadOfItsUrl(@TempDir Path dir) throws IOException {
        SuiteFixtures.copy("maxm/questions", dir);
        Path png = SuiteFixtures.writePng(dir.resolve("images").resolve(BOAT + ".png"), Color.RED);

        SuiteContents read = new MaxmReader(resource("maxm/captions.jsonl")).read(dir);

        assertEquals(ImageSource.local(png), read.items().get(0).image());
        assertEquals(ImageSource.remote(URL + CHILD + ".jpg"), read.items().get(2).image());
    }

    @Test
    void aMissingFieldIsNamedWithItsPath(@TempDir Path dir) throws IOException {
        Path file = write(dir.resolve("de.json"), """
                {
                  "split": "de",
                  "annotations": [
                    {
                      "image_id": "0a1b2c3d4e5f6071",
                      "image_url": "https://images.example.org/xm3600/0a1b2c3d4e5f6071.jpg",
                      "qa_pairs": [
                        {
                          "question_id": "de-0001",
                          "answers": ["rot"]
                        },
                        {
                          "question_id": "de-0002",
                          "question": "Wie viele Personen?",
                          "answers": "zwei"
                        }
                      ]
                    }
                  ]
                }
                """);

        InputException e = assertThrows(InputException.class,
                () -> new MaxmReader(resource("maxm/captions.jsonl")).read(dir));

        assertEquals(List.of(
                file + ":8: annotations[0].qa_pairs[0].question: missing",
                file + ":15: annotations[0].qa_pairs[1].answers: expected an array, found a string"),
                e.problems().stream().map(Object::toString).toList());
    }

    @Test
    void anUnknownLanguageCodeIsAProblemAtItsLine(@TempDir Path dir) throws IOException {
        Path file = write(dir.resolve("xx.json"), """
                {
                  "split": "xx",
                  "annotations": []
                }
                """);

        InputException e = assertThrows(InputException.class,
                () -> new MaxmReader(resource("maxm/captions.jsonl")).read(file));

        assertEquals(file + ":2: split: unknown language 'xx': expected an ISO 639-1 code (de, zh, he...) or an"
                + " English language name", e.getMessage());
    }

    @Test
    void brokenJsonIsAProblemAtTheLineTheParserStopped(@TempDir Path dir) throws IOException {
        Path file = write(dir.resolve("de.json"), """
                {
                  "split": "de",
                  "annotations": [
                    {"image_id": "0a1b2c3d4e5f6071" "qa_pairs": []}
                  ]
                }
                """);

        InputException e = assertThrows(InputException.class,
                () -> new MaxmReader(resource("maxm/captions.jsonl")).read(file));

        assertEquals(1, e.problems().size());
        assertEquals(file, e.problems().get(0).file());
        assertEquals(4, e.problems().get(0).line());
        assertTrue(e.problems().get(0).message().startsWith("not valid JSON at column "), e.getMessage());
    }

    @Test
    void aQuestionIdTwiceInOneLanguageIsAProblem(@TempDir Path dir) throws IOException {
        write(dir.resolve("a.json"), """
                {"split": "he", "annotations": [{"image_id": "x", "image_url": "https://e.org/x.jpg",
                  "qa_pairs": [{"question_id": 7, "question": "q?", "answers": []}]}]}
                """);
        Path second = write(dir.resolve("b.json"), """
                {"split": "iw", "annotations": [{"image_id": "x", "image_url": "https://e.org/x.jpg",
                  "qa_pairs": [{"question_id": 7, "question": "q?", "answers": []}]}]}
                """);

        InputException e = assertThrows(InputException.class,
                () -> new MaxmReader(resource("maxm/captions.jsonl")).read(dir));

        assertEquals(second + ":2: annotations[0].qa_pairs[0].question_id: question id 7 again in language he"
                + " (first at " + dir.resolve("a.json") + ":2)", e.getMessage());
    }

    @Test
    void aBrokenCaptionsLineIsAProblemOfTheCaptionsFile(@TempDir Path dir) throws IOException {
        Path captions = write(dir.resolve("captions.jsonl"), """
                {"image/key": "0a1b2c3d4e5f6071", "fr": {"caption": ["Un bateau."]}}
                {"image/key": "9f8e7d6c5b4a3921", "fr": {"caption": ["Un enfant."]}
                {"fr": {"caption": ["Sans clé."]}}
                """);

        InputException e = assertThrows(InputException.class, () -> new MaxmReader(captions).read(questions));

        assertEquals(2, e.problems().size());
        assertEquals(2, e.problems().get(0).line());
        assertTrue(e.problems().get(0).message().startsWith("not valid JSON"), e.getMessage());
        assertEquals(captions + ":3: image/key: missing", e.problems().get(1).toString());
    }

    private static SuiteItem item(String id, String language, String question, String imageId, String description,
            List<String> answers, Origin origin) {
        return new SuiteItem("maxm", id, language, question, ImageSource.remote(URL + imageId + ".jpg"), description,
                answers, Map.of("image_id", imageId), null, origin);
    }
}
