package org.ifl.producers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ifl.schemas.avro.Arm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnnotationSheetsTest {
    private static final String HEADER = String.join(",", AnnotationSheets.COLUMNS);

    @Test
    void whatIsWrittenAsCsvAndJsonLinesReadsBackTheSame(@TempDir Path dir) throws IOException {
        AnnotationSampling sampling = new AnnotationSampling(7, new AnnotationSampling.Rate(0.5));
        AnnotationRow plain = sampling.row(AnnotationFixtures.answer("c-1", "i-1", Arm.IMAGE, "Rot."), null,
                "sheet.images/1.png", 0.5);
        // Commas, quotes and a line break in an answer survive both formats; the verdicts of a filled row too.
        AnnotationRow filled = sampling.row(AnnotationFixtures.answer("c-2", "i-1", Arm.TEXT,
                "Er ist \"rot\",\nwie eine Kirsche."), null, null, 0.5)
                .withVerdicts(AnnotatorVerdict.NO, "en", AnnotatorVerdict.YES, "expert-1", AnnotationFixtures.AT);
        Path csv = dir.resolve("sheet.csv");
        Path jsonl = dir.resolve("sheet.jsonl");
        try (AnnotationSheets.Writer writer = AnnotationSheets.create(csv, jsonl)) {
            writer.write(plain);
            writer.write(filled);
        }
        for (Path file : List.of(csv, jsonl)) {
            List<AnnotationSheets.Line> lines = AnnotationSheets.read(file);
            assertEquals(List.of(plain, filled), lines.stream().map(AnnotationSheets.Line::row).toList(), file.toString());
        }
        assertEquals(List.of(2L, 3L), AnnotationSheets.read(csv).stream().map(l -> l.origin().line()).toList());
        assertEquals(List.of(1L, 2L), AnnotationSheets.read(jsonl).stream().map(l -> l.origin().line()).toList());
        IOException exists = assertThrows(IOException.class, () -> AnnotationSheets.create(csv, dir.resolve("x.jsonl")));
        assertTrue(exists.getMessage().contains("never overwritten"), exists.getMessage());
    }

    @Test
    void everyWrongCellIsNamedWithItsLineAndColumn(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("filled.csv");
        Files.writeString(csv, HEADER + "\n"
                + row("c-1", "0.5", "yes", "", "no") + "\n"
                + row("c-2", "0", "yes", "", "") + "\n"
                + row("c-3", "1.5", "maybe", "", "") + "\n"
                + row("c-1", "0.5", "no", "klingon", "sure") + "\n"
                + row("", "abc", "", "", "") + "\n", StandardCharsets.UTF_8);
        InputException e = assertThrows(InputException.class, () -> AnnotationSheets.read(csv));
        List<String> problems = e.problems().stream().map(Object::toString).toList();
        assertEquals(List.of(
                csv + ":3: sampling_probability: 0 is outside (0, 1]: a probability of being drawn is above 0 and at "
                        + "most 1",
                csv + ":4: sampling_probability: 1.5 is outside (0, 1]: a probability of being drawn is above 0 and "
                        + "at most 1",
                csv + ":4: in_expected_language: 'maybe' is not a verdict: write yes, no or unclear, or leave it blank",
                csv + ":5: correct: 'sure' is not a verdict: write yes, no or unclear, or leave it blank",
                csv + ":5: true_language: unknown language 'klingon': expected an ISO 639-1 code (de, zh, he...) or an "
                        + "English language name",
                csv + ":6: completion_id: empty: every row names the completion it labels",
                csv + ":6: sampling_probability: 'abc' is not a number"), problems);

        Path twice = dir.resolve("twice.jsonl");
        Files.writeString(twice, "{\"completion_id\": \"c-1\", \"sampling_probability\": 0.5, \"correct\": \"yes\"}\n"
                + "{\"completion_id\": \"c-1\", \"sampling_probability\": 0.5, \"correct\": \"no\"}\n");
        InputException duplicate = assertThrows(InputException.class, () -> AnnotationSheets.read(twice));
        assertEquals(List.of(twice + ":2: completion_id: completion c-1 is in the sheet twice (also line 1); label "
                + "each answer once"), duplicate.problems().stream().map(Object::toString).toList());

        Path noColumn = dir.resolve("short.csv");
        Files.writeString(noColumn, "completion_id,correct\nc-1,yes\n");
        InputException missing = assertThrows(InputException.class, () -> AnnotationSheets.read(noColumn));
        assertTrue(missing.getMessage().contains("sampling_probability"), missing.getMessage());
    }

    /** A CSV row with the given id, probability and verdicts, the other cells blank. */
    private static String row(String id, String pi, String inExpected, String trueLanguage, String correct) {
        String[] cells = new String[AnnotationSheets.COLUMNS.size()];
        java.util.Arrays.fill(cells, "");
        cells[AnnotationSheets.COLUMNS.indexOf("completion_id")] = id;
        cells[AnnotationSheets.COLUMNS.indexOf("sampling_probability")] = pi;
        cells[AnnotationSheets.COLUMNS.indexOf("in_expected_language")] = inExpected;
        cells[AnnotationSheets.COLUMNS.indexOf("true_language")] = trueLanguage;
        cells[AnnotationSheets.COLUMNS.indexOf("correct")] = correct;
        return String.join(",", cells);
    }
}
