package org.ifl.producers.internal.annotation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.ifl.platform.json.JsonInput;
import org.ifl.platform.json.LocatedNode;
import org.ifl.producers.AnnotationRow;
import org.ifl.producers.AnnotationSheets;
import org.ifl.producers.AnnotatorVerdict;
import org.ifl.producers.Origin;
import org.ifl.producers.internal.suite.InputProblem;
import org.ifl.producers.internal.suite.read.CsvTable;
import org.ifl.producers.internal.suite.read.InputProblems;

/**
 * An annotation sheet on disk, as CSV (for a spreadsheet) or JSON Lines (for scripts and the annotation page):
 * the same columns in the same order, one sampled answer per row. {@code ifl annotate sample} writes both;
 * the annotator fills {@code in_expected_language}, {@code true_language}, {@code correct} and
 * {@code annotator}; {@code ifl annotate import} and the page read either back. Columns a reader does not know
 * (an annotator's notes) are ignored; in CSV the reference answers are joined with {@value #ANSWER_SEPARATOR}.
 */
public final class AnnotationSheet {
    public static final String COMPLETION_ID = "completion_id";
    public static final String SAMPLING_PROBABILITY = "sampling_probability";
    public static final String IN_EXPECTED_LANGUAGE = "in_expected_language";
    public static final String TRUE_LANGUAGE = "true_language";
    public static final String CORRECT = "correct";
    public static final String ANNOTATOR = "annotator";
    public static final String ANNOTATED_AT = "annotated_at";
    public static final String MODEL = "model";
    public static final String CHECKPOINT = "checkpoint";
    /** The columns in the order the sheet has them. */
    public static final List<String> COLUMNS = List.of(COMPLETION_ID, MODEL, CHECKPOINT, "dataset", "item",
            "language", "arm", "expected_language", "question", "image", "description", "answer",
            "reference_answers", "judge", SAMPLING_PROBABILITY, "sample", IN_EXPECTED_LANGUAGE, TRUE_LANGUAGE,
            CORRECT, ANNOTATOR, ANNOTATED_AT);
    /** Labels an annotator may give where the answer is in no language the identifier names. */
    public static final Set<String> NON_LANGUAGE_LABELS = Set.of("other", "other_latin", "none");
    static final String ANSWER_SEPARATOR = " | ";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AnnotationSheet() {
    }

    /** Whether {@code file} is read as CSV (by its name); otherwise it is JSON Lines. */
    public static boolean isCsv(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
    }

    /**
     * Every row of the sheet {@code file} (CSV if its name ends in .csv, else JSON Lines), each checked on its
     * own: the completion id present and named once in the file, the sampling probability in (0, 1], the verdicts
     * yes/no/unclear, a known language, a time in ISO-8601. A row with a problem is reported and left out.
     */
    public static List<AnnotationSheets.Line> read(Path file, InputProblems problems) throws IOException {
        List<AnnotationSheets.Line> lines = new ArrayList<>();
        Map<String, Long> firstLine = new HashMap<>();
        for (Cells cells : isCsv(file) ? csvCells(file, problems) : jsonCells(file, problems)) {
            AnnotationRow row = row(cells, problems);
            if (row == null) {
                continue;
            }
            Long earlier = firstLine.putIfAbsent(row.completionId(), cells.origin.line());
            if (earlier != null) {
                problems.add(cells.problem(COMPLETION_ID, "completion " + row.completionId()
                        + " is in the sheet twice (also line " + earlier + "); label each answer once"));
                continue;
            }
            lines.add(new AnnotationSheets.Line(cells.origin, row));
        }
        return lines;
    }

    /** Writes rows to a CSV and a JSON Lines sheet at once, appending, each row flushed as it is written. */
    public static final class SheetFiles implements AnnotationSheets.Writer {
        private final CSVPrinter csv;
        private final BufferedWriter jsonl;

        private SheetFiles(CSVPrinter csv, BufferedWriter jsonl) {
            this.csv = csv;
            this.jsonl = jsonl;
        }

        /** New sheets at {@code csvFile} and {@code jsonlFile}; neither may exist (a filled sheet is never lost). */
        public static SheetFiles create(Path csvFile, Path jsonlFile) throws IOException {
            for (Path file : List.of(csvFile, jsonlFile)) {
                if (Files.exists(file)) {
                    throw new IOException(file + " exists; an annotation sheet is never overwritten (it may hold "
                            + "labels): choose another name or remove it");
                }
            }
            BufferedWriter csvOut = Files.newBufferedWriter(csvFile, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE_NEW);
            CSVPrinter printer = new CSVPrinter(csvOut, CSVFormat.DEFAULT);
            printer.printRecord(COLUMNS);
            printer.flush();
            return new SheetFiles(printer, Files.newBufferedWriter(jsonlFile, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE_NEW));
        }

        @Override
        public void write(AnnotationRow row) throws IOException {
            csv.printRecord(values(row).values().stream()
                    .map(v -> v instanceof List<?> l ? String.join(ANSWER_SEPARATOR, strings(l)) : v)
                    .map(v -> v == null ? "" : v)
                    .toList());
            csv.flush();
            jsonl.write(json(row));
            jsonl.newLine();
            jsonl.flush();
        }

        @Override
        public void close() throws IOException {
            try (jsonl) {
                csv.close();
            }
        }
    }

    /** A row as one JSON object (the JSON Lines sheet's line, and what the annotation page is sent). */
    public static String json(AnnotationRow row) {
        try {
            return JSON.writeValueAsString(node(row));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A row as a JSON object, to add to before it is written. */
    public static ObjectNode node(AnnotationRow row) {
        ObjectNode node = JSON.createObjectNode();
        values(row).forEach((column, value) -> {
            if (value instanceof List<?> list) {
                ArrayNode array = node.putArray(column);
                strings(list).forEach(array::add);
            } else if (value instanceof Double d) {
                node.put(column, d);
            } else {
                node.put(column, (String) value);
            }
        });
        return node;
    }

    private static Map<String, Object> values(AnnotationRow r) {
        List<Object> values = Arrays.asList(r.completionId(), r.model(), r.checkpoint(), r.dataset(), r.item(),
                r.language(), r.arm(), r.expectedLanguage(), r.question(), r.image(), r.description(), r.answer(),
                r.referenceAnswers(), r.judge(), r.samplingProbability(), r.sample(),
                r.inExpectedLanguage() == null ? null : r.inExpectedLanguage().written(), r.trueLanguage(),
                r.correct() == null ? null : r.correct().written(), r.annotator(),
                r.annotatedAt() == null ? null : r.annotatedAt().toString());
        Map<String, Object> byColumn = new LinkedHashMap<>();
        for (int i = 0; i < COLUMNS.size(); i++) {
            byColumn.put(COLUMNS.get(i), values.get(i));
        }
        return byColumn;
    }

    private static List<String> strings(List<?> list) {
        return list.stream().map(String::valueOf).toList();
    }

    /** The cells of one row, as text, whichever format they were read from. */
    private record Cells(Origin origin, Map<String, String> text, Map<String, List<String>> lists) {
        String get(String column) {
            String value = text.get(column);
            return value == null || value.isBlank() ? null : value.strip();
        }

        InputProblem problem(String column, String message) {
            return origin.problem(column, message);
        }
    }

    private static List<Cells> csvCells(Path file, InputProblems problems) throws IOException {
        CsvTable table = CsvTable.read(file, problems);
        if (table == null || !table.require(problems, COMPLETION_ID, SAMPLING_PROBABILITY)) {
            return List.of();
        }
        List<Cells> rows = new ArrayList<>();
        for (CsvTable.Row row : table.rows()) {
            Map<String, String> text = new HashMap<>();
            table.columns().forEach(column -> text.put(column, row.asWritten(column)));
            String answers = row.get("reference_answers");
            rows.add(new Cells(row.origin(), text, Map.of("reference_answers",
                    answers == null ? List.of() : List.of(answers.split(" \\| ")))));
        }
        return rows;
    }

    private static List<Cells> jsonCells(Path file, InputProblems problems) throws IOException {
        List<Cells> rows = new ArrayList<>();
        for (LocatedNode line : JsonInput.lines(file, problems::add)) {
            Map<String, String> text = new HashMap<>();
            Map<String, List<String>> lists = new HashMap<>();
            for (String field : line.fieldNames()) {
                JsonNode value = line.get(field).node();
                if (value.isArray()) {
                    List<String> items = new ArrayList<>();
                    value.forEach(v -> items.add(v.asText()));
                    lists.put(field, items);
                } else if (!value.isNull()) {
                    text.put(field, value.isTextual() ? value.textValue() : value.toString());
                }
            }
            rows.add(new Cells(Origin.of(line), text, lists));
        }
        return rows;
    }

    /** The row of {@code cells}; null, with its problems, when a required cell is missing or a cell is wrong. */
    private static AnnotationRow row(Cells cells, InputProblems problems) {
        int before = problems.count();
        String completionId = cells.get(COMPLETION_ID);
        if (completionId == null) {
            problems.add(cells.problem(COMPLETION_ID, "empty: every row names the completion it labels"));
        }
        Double pi = probability(cells, problems);
        AnnotatorVerdict inExpected = verdict(cells, IN_EXPECTED_LANGUAGE, problems);
        AnnotatorVerdict correct = verdict(cells, CORRECT, problems);
        String trueLanguage = trueLanguage(cells, problems);
        Instant annotatedAt = null;
        String at = cells.get(ANNOTATED_AT);
        if (at != null) {
            try {
                annotatedAt = Instant.parse(at);
            } catch (DateTimeParseException e) {
                problems.add(cells.problem(ANNOTATED_AT, "'" + at + "' is not a time in ISO-8601 UTC, e.g. "
                        + "2026-12-07T10:15:30Z"));
            }
        }
        if (problems.count() > before) {
            return null;
        }
        return new AnnotationRow(completionId, cells.get(MODEL), cells.get(CHECKPOINT), cells.get("dataset"),
                cells.get("item"), cells.get("language"), cells.get("arm"), cells.get("expected_language"),
                cells.get("question"), cells.get("image"), cells.get("description"), cells.get("answer"),
                cells.lists().getOrDefault("reference_answers", List.of()), cells.get("judge"), pi,
                cells.get("sample"), inExpected, trueLanguage, correct, cells.get(ANNOTATOR), annotatedAt);
    }

    private static Double probability(Cells cells, InputProblems problems) {
        String written = cells.get(SAMPLING_PROBABILITY);
        if (written == null) {
            problems.add(cells.problem(SAMPLING_PROBABILITY, "empty: every row carries the probability its "
                    + "answer was drawn with"));
            return null;
        }
        double pi;
        try {
            pi = Double.parseDouble(written);
        } catch (NumberFormatException e) {
            problems.add(cells.problem(SAMPLING_PROBABILITY, "'" + written + "' is not a number"));
            return null;
        }
        if (!(pi > 0 && pi <= 1)) {
            problems.add(cells.problem(SAMPLING_PROBABILITY, written + " is outside (0, 1]: a probability of "
                    + "being drawn is above 0 and at most 1"));
            return null;
        }
        return pi;
    }

    private static AnnotatorVerdict verdict(Cells cells, String column, InputProblems problems) {
        String written = cells.get(column);
        if (written == null) {
            return null;
        }
        AnnotatorVerdict verdict = AnnotatorVerdict.parse(written);
        if (verdict == null) {
            problems.add(cells.problem(column, "'" + written + "' is not a verdict: write " + AnnotatorVerdict.ACCEPTED
                    + ", or leave it blank"));
        }
        return verdict;
    }

    private static String trueLanguage(Cells cells, InputProblems problems) {
        String written = cells.get(TRUE_LANGUAGE);
        if (written == null) {
            return null;
        }
        String label = written.toLowerCase(Locale.ROOT);
        return NON_LANGUAGE_LABELS.contains(label) ? label
                : problems.language(written, cells.origin(), TRUE_LANGUAGE);
    }
}
