package org.ifl.producers.internal.suite.palo;

import static org.ifl.producers.internal.suite.SuiteFixtures.write;
import static org.ifl.producers.internal.suite.SuiteFixtures.writePng;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
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

class PaloReaderTest {
    @TempDir
    Path root;

    @Test
    void eachLanguageFolderGivesItsQuestionsDescribedByTheirImageCaptions() throws IOException {
        SuiteFixtures.copy("palo", root);
        Path taxi = writePng(root.resolve("images/001.png"), Color.YELLOW);
        Path ramen = writePng(root.resolve("images/002.png"), Color.ORANGE);
        Path chinese = root.resolve("chinese/corrected");
        Path english = root.resolve("english");

        SuiteContents read = new PaloReader().read(root);

        assertEquals(List.of(
                new SuiteItem("palo-llava-bench", "0", "zh", "这张图片有什么不寻常之处？", ImageSource.local(taxi),
                        "一名男子在行驶中的出租车车顶的熨衣板上熨衬衫。", List.of(), Map.of("category", "complex"), null,
                        new Origin(chinese.resolve("question.jsonl"), 1)),
                new SuiteItem("palo-llava-bench", "0", "en", "What is unusual about this image?",
                        ImageSource.local(taxi),
                        "A man irons a shirt on a board fixed to the roof of a moving taxi.",
                        List.of("A man is ironing on the roof of a taxi in traffic."), Map.of("category", "complex"),
                        null, new Origin(english.resolve("questions.jsonl"), 1)),
                new SuiteItem("palo-llava-bench", "1", "en", "Describe the dish in detail.", ImageSource.local(ramen),
                        "A bowl of ramen with a boiled egg, pork slices and green onions.",
                        List.of("It is a bowl of ramen topped with an egg, pork and green onions."),
                        Map.of("category", "detail"), null, new Origin(english.resolve("questions.jsonl"), 2))),
                read.items());
        assertEquals(List.of(
                new Skipped("1", "zh", new Origin(chinese.resolve("question.jsonl"), 2),
                        "no caption for image 004.png in " + chinese.resolve("context.jsonl")),
                new Skipped("2", "en", new Origin(english.resolve("questions.jsonl"), 3),
                        "image file 003.png not found in " + english.resolve("images") + " or "
                                + root.resolve("images"))),
                read.skipped());
    }

    @Test
    void anImageInTheLanguageFolderComesFirst() throws IOException {
        SuiteFixtures.copy("palo", root);
        writePng(root.resolve("images/001.png"), Color.YELLOW);
        Path own = writePng(root.resolve("english/images/001.png"), Color.BLUE);

        SuiteContents read = new PaloReader().read(root);

        assertEquals(ImageSource.local(own), read.items().get(1).image());
    }

    @Test
    void anUnknownLanguageFolderIsAProblem() throws IOException {
        SuiteFixtures.copy("palo", root);
        Files.createDirectories(root.resolve("klingon"));

        InputException e = assertThrows(InputException.class, () -> new PaloReader().read(root));

        assertEquals(root.resolve("klingon") + ": unknown language folder 'klingon': expected one of english,"
                + " chinese, spanish, french, russian, arabic, bengali, hindi, urdu, japanese", e.getMessage());
    }

    @Test
    void missingFieldsAndBrokenLinesAreAllReported() throws IOException {
        Path questions = write(root.resolve("english/questions.jsonl"), """
                {"question_id": 0, "image": "001.png", "text": "What is unusual?", "category": "complex"}
                {"question_id": 1, "image": "002.png", "category": "detail"}
                {"question_id": 2, "image": "003.png", "text": "What color?"
                {"question_id": 0, "image": "003.png", "text": "Again?"}
                """);
        Path context = write(root.resolve("english/context.jsonl"), """
                {"image": "001.png", "caption": "A taxi."}
                {"image": "002.png"}
                """);

        InputException e = assertThrows(InputException.class, () -> new PaloReader().read(root));

        assertEquals(4, e.problems().size(), e.getMessage());
        assertEquals(context + ":2: caption: missing", e.problems().get(0).toString());
        // A line that is not JSON is found while the file is split into lines, before any line is read.
        assertEquals(questions, e.problems().get(1).file());
        assertEquals(3, e.problems().get(1).line());
        assertTrue(e.problems().get(1).message().startsWith("not valid JSON"), e.getMessage());
        assertEquals(questions + ":2: text: missing", e.problems().get(2).toString());
        assertEquals(questions + ":4: question_id: question id 0 again (first at line 1)",
                e.problems().get(3).toString());
    }

    @Test
    void aLanguageFolderWithoutItsCaptionsIsAProblem() throws IOException {
        write(root.resolve("french/questions.jsonl"), """
                {"question_id": 0, "image": "001.png", "text": "Qu'y a-t-il d'inhabituel ?"}
                """);

        InputException e = assertThrows(InputException.class, () -> new PaloReader().read(root));

        assertEquals(root.resolve("french") + ": no captions file (context.jsonl)", e.getMessage());
    }
}
