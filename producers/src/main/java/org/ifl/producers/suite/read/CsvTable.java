package org.ifl.producers.suite.read;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.ifl.producers.suite.InputProblem;
import org.ifl.producers.suite.Origin;

/**
 * A CSV file with a header row (RFC 4180 quoting, so a quoted cell may span lines), read whole, each row
 * knowing the physical line it starts on. Column names and cells are compared and returned stripped of
 * surrounding white space; a blank cell reads as absent. Blank lines are ignored.
 */
public final class CsvTable {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get();

    private final Path file;
    private final long headerLine;
    private final List<String> columns;
    private final Map<String, Integer> indexByName;
    private final List<Row> rows = new ArrayList<>();

    private CsvTable(Path file, long headerLine, List<String> columns) {
        this.file = file;
        this.headerLine = headerLine;
        this.columns = List.copyOf(columns);
        this.indexByName = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            indexByName.putIfAbsent(columns.get(i), i);
        }
    }

    /**
     * The table, or null (and a problem) when the file is not CSV or has no header. A row whose number of
     * cells differs from the header's, and a column named twice, are problems too.
     */
    public static CsvTable read(Path file, InputProblems problems) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        LineIndex lines = new LineIndex(text);
        CsvTable table = null;
        try (CSVParser parser = CSVParser.parse(new StringReader(text), FORMAT)) {
            for (CSVRecord record : parser) {
                long line = lines.lineAt(record.getCharacterPosition());
                List<String> values = record.stream().map(String::strip).toList();
                if (table == null) {
                    table = new CsvTable(file, line, values);
                    table.checkHeader(problems);
                } else if (values.stream().allMatch(String::isEmpty)) {
                    continue;
                } else if (values.size() != table.columns.size()) {
                    problems.add(new InputProblem(file, line, null, "has " + values.size()
                            + " cells, the header has " + table.columns.size()));
                } else {
                    table.rows.add(table.new Row(line, table.rows.size() + 1, values));
                }
            }
        } catch (UncheckedIOException e) {
            problems.add(InputProblem.ofFile(file, "malformed CSV: " + e.getCause().getMessage()));
            return null;
        }
        if (table == null) {
            problems.add(InputProblem.ofFile(file, "empty: expected a header row"));
        }
        return table;
    }

    public Path file() {
        return file;
    }

    public List<String> columns() {
        return columns;
    }

    public boolean has(String column) {
        return indexByName.containsKey(column);
    }

    /** The first of {@code names} the header has, or null. */
    public String firstOf(String... names) {
        return Arrays.stream(names).filter(this::has).findFirst().orElse(null);
    }

    /** Adds a problem, at the header, for each column it lacks; true when it has them all. */
    public boolean require(InputProblems problems, String... names) {
        boolean all = true;
        for (String name : names) {
            if (!has(name)) {
                problems.add(headerProblem(name, "missing column"));
                all = false;
            }
        }
        return all;
    }

    /** The first of {@code alternatives} the header has; null, and a problem at the header, when none. */
    public String requireOneOf(InputProblems problems, String... alternatives) {
        String found = firstOf(alternatives);
        if (found == null) {
            problems.add(headerProblem(String.join("|", alternatives), "missing column (one of them is needed)"));
        }
        return found;
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    private InputProblem headerProblem(String field, String message) {
        return new InputProblem(file, headerLine, field, message + "; the header has " + String.join(", ", columns));
    }

    private void checkHeader(InputProblems problems) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            String name = columns.get(i);
            Integer first = seen.putIfAbsent(name, i);
            if (first != null && !name.isEmpty()) {
                problems.add(new InputProblem(file, headerLine, name,
                        "column named twice (columns " + (first + 1) + " and " + (i + 1) + ")"));
            }
        }
    }

    /** One data row. */
    public final class Row {
        private final long line;
        private final int number;
        private final List<String> values;

        private Row(long line, int number, List<String> values) {
            this.line = line;
            this.number = number;
            this.values = values;
        }

        /** The physical line the row starts on (1-based). */
        public long line() {
            return line;
        }

        /** The row's position among the data rows (1-based, the header not counted). */
        public int number() {
            return number;
        }

        /** The stripped cell, or null when the column is absent or the cell blank. */
        public String get(String column) {
            Integer i = column == null ? null : indexByName.get(column);
            if (i == null) {
                return null;
            }
            String value = values.get(i);
            return value.isEmpty() ? null : value;
        }

        /**
         * The cell of a required column; null, and a problem, when it is blank. A column the header lacks gives
         * null without a problem here: {@link CsvTable#require} reports it once.
         */
        public String require(String column, InputProblems problems) {
            String value = get(column);
            if (value == null && has(column)) {
                problems.add(problem(column, "empty"));
            }
            return value;
        }

        public Origin origin() {
            return new Origin(file, line);
        }

        public InputProblem problem(String column, String message) {
            return new InputProblem(file, line, column, message);
        }
    }

    /** Where each line of a text starts, to turn a character position into a line number. */
    private static final class LineIndex {
        private final String text;
        private final List<Integer> starts = new ArrayList<>();

        LineIndex(String text) {
            this.text = text;
            starts.add(0);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
                    starts.add(i + 1);
                }
            }
        }

        /** The line of the first character at or after {@code position} that is not a line break. */
        long lineAt(long position) {
            int p = (int) position;
            while (p < text.length() && (text.charAt(p) == '\n' || text.charAt(p) == '\r')) {
                p++;
            }
            int i = Collections.binarySearch(starts, p);
            return (i >= 0 ? i : -i - 2) + 1;
        }
    }
}
