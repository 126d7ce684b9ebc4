package org.ifl.producers.internal.suite.visit;

import static org.ifl.producers.internal.suite.SuiteFixtures.resource;
import static org.ifl.producers.internal.suite.SuiteFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VisitBenchReaderTest {
    private static final String URL = "https://images.example.org/visit/";

    @Test
    void eachRowIsAnItemStartingAtItsPhysicalLine() throws IOException {
        Path csv = resource("visit-bench/visit_bench.csv");

        SuiteContents read = new VisitBenchReader().read(csv);

        assertEquals(List.of(
                item("vb-001", "What brand is the laptop on the desk?",
                        "A silver laptop with an apple logo on its lid sits on a wooden desk.",
                        "The laptop is an Apple MacBook.", "recognition", new Origin(csv, 2)),
                item("vb-002", "Write a short poem about this scene.\nKeep it to four lines.",
                        "A lighthouse on a rocky coast at sunset,\nwaves breaking on the rocks below.",
                        "Light on the rocks, \"a keeper of the shore\"", "creative writing", new Origin(csv, 3)),
                item("vb-003", "How many birds are on the wire?",
                        "Five small birds sit on a power line against a grey sky.", "There are five birds.",
                        "counting", new Origin(csv, 6))),
                read.items());
        assertEquals(List.of(new Skipped("vb-004", "en", new Origin(csv, 7),
                "no description (instruction_conditioned_caption and image_dense_caption empty)")), read.skipped());
    }

    @Test
    void theLanguageIsTheReaders() throws IOException {
        SuiteContents read = new VisitBenchReader("German").read(resource("visit-bench/visit_bench.csv"));

        assertEquals(List.of("de", "de", "de"), read.items().stream().map(SuiteItem::language).toList());
    }

    @Test
    void withoutAnIdColumnItemsAreNumberedPerImageOrByRow(@TempDir Path dir) throws IOException {
        Path byImage = write(dir.resolve("by-image.csv"), """
                image_id,images,instruction,image_dense_caption
                img-7,https://e.org/7.jpg,First question?,A cat.
                img-8,https://e.org/8.jpg,Other question?,A dog.
                img-7,https://e.org/7.jpg,Second question?,A cat.
                img-9,"['https://e.org/9a.jpg', 'https://e.org/9b.jpg']",Compare them.,Two cats.
                """);
        Path byRow = write(dir.resolve("by-row.csv"), """
                image_url,instruction,image_dense_caption
                https://e.org/7.jpg,First question?,A cat.
                https://e.org/8.jpg,Other question?,A dog.
                """);

        SuiteContents first = new VisitBenchReader().read(byImage);
        SuiteContents second = new VisitBenchReader().read(byRow);

        assertEquals(List.of("img-7-1", "img-8-1", "img-7-2"), first.items().stream().map(SuiteItem::itemId).toList());
        assertEquals(List.of(new Skipped("img-9-1", "en", new Origin(byImage, 5),
                "2 images; only single-image items are asked")), first.skipped());
        assertEquals(List.of("1", "2"), second.items().stream().map(SuiteItem::itemId).toList());
    }

    @Test
    void aMissingColumnIsNamedAtTheHeader(@TempDir Path dir) throws IOException {
        Path csv = write(dir.resolve("visit.csv"), """
                instruction_id,image_url,prompt,instruction_conditioned_caption
                vb-1,https://e.org/1.jpg,What is it?,A cat.
                """);

        InputException e = assertThrows(InputException.class, () -> new VisitBenchReader().read(csv));

        assertEquals(csv + ":1: instruction: missing column; the header has instruction_id, image_url, prompt,"
                + " instruction_conditioned_caption", e.getMessage());
    }

    @Test
    void anEmptyRequiredCellIsNamedAtItsLine(@TempDir Path dir) throws IOException {
        Path csv = write(dir.resolve("visit.csv"), """
                instruction_id,image_url,instruction,instruction_conditioned_caption
                vb-1,https://e.org/1.jpg,"What is
                it?",A cat.
                vb-2,https://e.org/2.jpg,,A dog.
                vb-3,,Where?,A house.
                vb-1,https://e.org/4.jpg,Again?,A cat.
                """);

        InputException e = assertThrows(InputException.class, () -> new VisitBenchReader().read(csv));

        assertEquals(List.of(
                csv + ":4: instruction: empty",
                csv + ":5: image_url: empty",
                csv + ":6: instruction_id: item id vb-1 again (first at line 2)"),
                e.problems().stream().map(Object::toString).toList());
    }

    private static SuiteItem item(String id, String instruction, String description, String reference,
            String category, Origin origin) {
        return new SuiteItem("visit-bench", id, "en", instruction, ImageSource.remote(URL + id + ".jpg"), description,
                List.of(reference), Map.of("instruction_category", category), null, origin);
    }
}
