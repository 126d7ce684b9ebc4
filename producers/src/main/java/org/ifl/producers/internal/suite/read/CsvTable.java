package org.ifl.producers.internal.suite.read;

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
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.ifl.producers.Origin;
import org.ifl.producers.internal.suite.InputProblem;

/**
 * A CSV file with a header row (RFC 4180 quoting, so a quoted cell may span lines, as pandas' {@code to_csv}
 * writes them), read whole, each row knowing the physical line it starts on. Column names are stripped of
 * surrounding white space and found either exactly ({@link #has}, {@link #require}) or ignoring case under any
 * of a role's accepted names ({@link #column}, {@link #requireColumn}), so a file with its own spelling of a
 * column still reads. Cells are returned stripped, a blank one as absent ({@link Row#get}), or as written
 * ({@link Row#asWritten}). Blank lines, and rows of blank cells only, are ignored.
 *
 * <p>A file that stops being valid CSV part-way is a problem at the line where reading stopped; the rows
 * before it are kept, so that their problems are reported too.
 */
public final class CsvTable {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get();

    /** How a row whose number of cells differs from the header's is described. */
    public enum RowWidthMessage {
        /** {@code has 2 cells, the header has 3}. */
        CELLS,
        /** {@code has 2 values; the header has 3 (id, text, language)}: the header is named too. */
        VALUES_AND_HEADER
    }

    private final Path file;
    private final long headerLine;
    private final List<String> columns;
    private final Map<String, Integer> indexByName;
    private final Map<String, String> nameByLowerName;
    private final List<Row> rows = new ArrayList<>();
    private int rowCount;

    private CsvTable(Path file, long headerLine, List<String> columns) {
        this.file = file;
        this.headerLine = headerLine;
        this.columns = List.copyOf(columns);
        this.indexByName = new HashMap<>();
        this.nameByLowerName = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            indexByName.putIfAbsent(columns.get(i), i);
            nameByLowerName.putIfAbsent(columns.get(i).toLowerCase(Locale.ROOT), columns.get(i));
        }
    }

    /**
     * The table, or null (and a problem) when the file is not CSV or has no header. A row whose number of
     * cells differs from the header's, and a column named twice, are problems too.
     */
    public static CsvTable read(Path file, InputProblems problems) throws IOException {
        return parse(file, Files.readString(file, StandardCharsets.UTF_8), problems, RowWidthMessage.CELLS);
    }

    /** Like {@link #read}, but throws the problems found so far where that gives no table. */
    public static CsvTable readOrThrow(Path file, InputProblems problems) throws IOException {
        CsvTable table = read(file, problems);
        if (table == null) {
            throw problems.exception();
        }
        return table;
    }

    /**
     * Like {@link #read}, for the text of {@code file} already read (a leading byte order mark is dropped), with
     * a row of the wrong width described as {@code widthMessage} says.
     */
    public static CsvTable parse(Path file, String text, InputProblems problems, RowWidthMessage widthMessage) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        LineIndex lines = new LineIndex(text);
        CsvTable table = null;
        long nextLine = 1;
        try (CSVParser parser = CSVParser.parse(new StringReader(text), FORMAT)) {
            for (CSVRecord record : parser) {
                long line = lines.lineAt(record.getCharacterPosition());
                nextLine = parser.getCurrentLineNumber() + 1;
                List<String> values = record.toList();
                if (table == null) {
                    table = ofHeader(file, line, values, problems);
                } else {
                    Row row = table.row(line, values, widthMessage, problems);
                    if (row != null) {
                        table.rows.add(row);
                    }
                }
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            // The parser cannot find its feet again after a broken quote; the trouble starts where the last
            // record it could read ended.
            problems.add(new InputProblem(file, nextLine, null, "not valid CSV, reading stopped here: "
                    + rootMessage(e)));
            return table;
        }
        if (table == null) {
            problems.add(InputProblem.ofFile(file, "empty: expected a header row"));
        }
        return table;
    }

    /**
     * A table of only its header row, the header checked as {@link #read} checks it, for a file read one record
     * at a time (one too large to hold whole): {@link #row} makes its rows, {@link #cells} splits a record.
     */
    public static CsvTable ofHeader(Path file, long headerLine, List<String> header, InputProblems problems) {
        CsvTable table = new CsvTable(file, headerLine, header.stream().map(String::strip).toList());
        table.checkHeader(problems);
        return table;
    }

    /**
     * The next data row, of {@code values}, starting on {@code line}: null for a row of blank cells only, and
     * null with a problem for one whose number of cells differs from the header's.
     */
    public Row row(long line, List<String> values, RowWidthMessage widthMessage, InputProblems problems) {
        if (values.stream().allMatch(String::isBlank)) {
            return null;
        }
        if (values.size() != columns.size()) {
            problems.add(new InputProblem(file, line, null, widthProblem(values.size(), widthMessage)));
            return null;
        }
        return new Row(line, ++rowCount, values);
    }

    /**
     * The cells of one record, {@code text} holding all of it (a quoted cell may span lines).
     *
     * @throws IOException when the text is not one valid CSV record
     */
    public static List<String> cells(String text) throws IOException {
        try (CSVParser parser = CSVParser.parse(text, FORMAT)) {
            List<CSVRecord> records = parser.getRecords();
            if (records.size() != 1) {
                throw new IOException("expected one record, found " + records.size());
            }
            return records.get(0).toList();
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new IOException(rootMessage(e), e);
        }
    }

    public Path file() {
        return file;
    }

    /** The physical line of the header row (1-based). */
    public long headerLine() {
        return headerLine;
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

    /**
     * The header's spelling of the first of {@code acceptedNames} it has, compared ignoring case; null when it
     * has none of them. {@link Row#get} and {@link Row#asWritten} take the spelling returned.
     */
    public String column(String... acceptedNames) {
        for (String name : acceptedNames) {
            String actual = nameByLowerName.get(name.strip().toLowerCase(Locale.ROOT));
            if (actual != null) {
                return actual;
            }
        }
        return null;
    }

    /** Like {@link #column}, with a problem at the header, naming the {@code role}, when it has none. */
    public String requireColumn(InputProblems problems, String role, String... acceptedNames) {
        String actual = column(acceptedNames);
        if (actual == null) {
            problems.add(headerProblem(role, "no " + role + " column: expected one named "
                    + String.join(" or ", acceptedNames)));
        }
        return actual;
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    private InputProblem headerProblem(String field, String message) {
        return new InputProblem(file, headerLine, field, message + "; the header has " + String.join(", ", columns));
    }

    private String widthProblem(int cells, RowWidthMessage widthMessage) {
        return switch (widthMessage) {
            case CELLS -> "has " + cells + " cells, the header has " + columns.size();
            case VALUES_AND_HEADER -> "has " + cells + " values; the header has " + columns.size() + " ("
                    + String.join(", ", columns) + ")";
        };
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

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
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
            String value = asWritten(column);
            return value == null || value.isBlank() ? null : value.strip();
        }

        /** The cell as the file writes it, white space and all ("" when empty); null when the column is absent. */
        public String asWritten(String column) {
            Integer i = column == null ? null : indexByName.get(column);
            return i == null ? null : values.get(i);
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
