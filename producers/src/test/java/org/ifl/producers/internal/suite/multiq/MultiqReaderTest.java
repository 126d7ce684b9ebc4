package org.ifl.producers.internal.suite.multiq;

import static org.ifl.producers.internal.suite.SuiteFixtures.resource;
import static org.ifl.producers.internal.suite.SuiteFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ifl.producers.InputException;
import org.ifl.producers.Origin;
import org.ifl.producers.SuiteContents;
import org.ifl.producers.SuiteItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultiqReaderTest {

    @Test
    void eachRowIsATextOnlyItemInItsLanguageWrittenAsCodeOrName() throws IOException {
        Path csv = resource("multiq/multiq.csv");

        SuiteContents read = new MultiqReader().read(csv);

        assertEquals(List.of(
                item("1", "en", "What is the capital of Australia?", Map.of("domain", "geography"), csv, 2),
                item("1", "de", "Was ist die Hauptstadt von Australien?", Map.of("domain", "geography"), csv, 3),
                item("1", "he", "מהי בירת אוסטרליה?", Map.of("domain", "geography"), csv, 4),
                item("2", "zh", "水的沸点是多少？", Map.of("domain", "science"), csv, 5),
                item("2", "he", "מהי נקודת הרתיחה של מים?", Map.of(), csv, 6)),
                read.items());
        assertEquals(List.of(), read.skipped());
        assertEquals(true, read.items().get(0).textOnly());
    }

    @Test
    void anUnknownLanguageIsNamedAtItsLine(@TempDir Path dir) throws IOException {
        Path csv = write(dir.resolve("multiq.csv"), """
                id,language,prompt,domain
                1,en,Hello?,chat
                1,Klingon,nuqneH?,chat
                1,he,שלום?,chat
                1,iw,שלום?,chat
                """);

        InputException e = assertThrows(InputException.class, () -> new MultiqReader().read(csv));

        assertEquals(List.of(
                csv + ":3: language: unknown language 'Klingon': expected an ISO 639-1 code (de, zh, he...) or an"
                        + " English language name",
                csv + ":5: id: id 1 again in language he (first at line 4)"),
                e.problems().stream().map(Object::toString).toList());
    }

    @Test
    void aMissingColumnIsNamedAtTheHeader(@TempDir Path dir) throws IOException {
        Path csv = write(dir.resolve("multiq.csv"), """
                id,language,domain
                1,en,chat
                """);

        InputException e = assertThrows(InputException.class, () -> new MultiqReader().read(csv));

        assertEquals(csv + ":1: prompt: missing column; the header has id, language, domain", e.getMessage());
    }

    private static SuiteItem item(String id, String language, String prompt, Map<String, String> attributes, Path csv,
            long line) {
        return new SuiteItem("multiq", id, language, prompt, null, null, List.of(), attributes, null,
                new Origin(csv, line));
    }
}
