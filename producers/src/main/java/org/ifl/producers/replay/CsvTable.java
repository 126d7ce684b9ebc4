package org.ifl.producers.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.ifl.producers.suite.Origin;

/**
 * A CSV file with a header, as pandas writes it ({@code to_csv}: RFC 4180 quoting, newlines inside quoted
 * values), read whole, each row with the line it starts on. Columns are found by name, ignoring case and
 * surrounding space, under any of a role's accepted names, so a file with its own spelling of a column still
 * reads.
 */
final class CsvTable {
    // The header is read as the first record, not by commons-csv, so that blank names (pandas' unnamed index)
    // and repeated names are handled here, in one way, with problems naming the line.
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

    /** A column of the file: the name as the header spells it, and its position. */
    record Column(String name, int index) {
    }

    /**
     * @param origin the file and the line the row starts on
     * @param index  the row's 0-based position among the data rows, the index pandas writes
     */
    record Row(Origin origin, long index, CSVRecord record) {
    }

    private final ReplayFile file;
    private final Map<String, Column> columnsByLowerName = new LinkedHashMap<>();
    private final List<String> header;
    private final List<Row> rows;

    private CsvTable(ReplayFile file, List<String> header, List<Row> rows) {
        this.file = file;
        this.header = List.copyOf(header);
        this.rows = List.copyOf(rows);
        for (int i = 0; i < header.size(); i++) {
            columnsByLowerName.putIfAbsent(header.get(i).strip().toLowerCase(Locale.ROOT),
                    new Column(header.get(i), i));
        }
    }

    /**
     * Parses the file; a header that cannot be read or rows that do not parse are problems, and what parsed
     * before a syntax error is kept so that column problems are reported too.
     *
     * @throws org.ifl.producers.suite.InputException at once when there is no header to read columns by
     */
    static CsvTable parse(ReplayFile file, ProblemList problems) {
        int[] newlines = newlinePositions(file.text());
        List<String> header = null;
        List<Row> rows = new ArrayList<>();
        long index = 0;
        long nextLine = 1;
        try (CSVParser parser = CSVParser.parse(file.text(), FORMAT)) {
            for (CSVRecord record : parser) {
                Origin origin = new Origin(file.path(), lineOf(record.getCharacterPosition(), newlines));
                if (header == null) {
                    header = record.toList();
                    checkHeader(header, origin, problems);
                    nextLine = parser.getCurrentLineNumber() + 1;
                    continue;
                }
                if (record.size() != header.size()) {
                    problems.add(origin.problem(null, "has " + record.size() + " values; the header has "
                            + header.size() + " (" + String.join(", ", header) + ")"));
                } else {
                    rows.add(new Row(origin, index, record));
                }
                index++;
                nextLine = parser.getCurrentLineNumber() + 1;
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            // The parser cannot find its feet again after a broken quote; the trouble starts where the last
            // record it could read ended.
            problems.add(nextLine, null, "not valid CSV, reading stopped here: " + rootMessage(e));
        }
        if (header == null) {
            if (problems.isEmpty()) {
                problems.add(0, null, "empty file: expected a header line naming the columns");
            }
            throw problems.toException();
        }
        return new CsvTable(file, header, rows);
    }

    List<Row> rows() {
        return rows;
    }

    List<String> header() {
        return header;
    }

    private static void checkHeader(List<String> header, Origin origin, ProblemList problems) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).strip().toLowerCase(Locale.ROOT);
            Integer first = seen.putIfAbsent(name, i);
            if (first != null && !name.isEmpty()) {
                problems.add(origin.problem(header.get(i), "column " + (i + 1) + " repeats the name of column "
                        + (first + 1) + "; which one to read is unclear"));
            }
        }
    }

    /** The file's name for a column, trying the accepted names in order; null when the file has none. */
    Column column(String... acceptedNames) {
        for (String name : acceptedNames) {
            Column actual = columnsByLowerName.get(name.toLowerCase(Locale.ROOT));
            if (actual != null) {
                return actual;
            }
        }
        return null;
    }

    /** Like {@link #column}, with a problem on the header line when the file has none of the names. */
    Column requiredColumn(ProblemList problems, String role, String... acceptedNames) {
        Column actual = column(acceptedNames);
        if (actual == null) {
            problems.add(1, role, "no " + role + " column: expected one named " + String.join(" or ",
                    Arrays.asList(acceptedNames)) + "; the header has " + String.join(", ", header));
        }
        return actual;
    }

    /** The row's value in {@code column}, null when the column is null (absent from the file). */
    static String value(Row row, Column column) {
        return column == null ? null : row.record().get(column.index());
    }

    ReplayFile file() {
        return file;
    }

    private static int[] newlinePositions(String text) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        int[] positions = new int[count];
        for (int i = 0, n = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                positions[n++] = i;
            }
        }
        return positions;
    }

    /** 1-based line of a character position: one more than the newlines before it. */
    private static long lineOf(long position, int[] newlines) {
        int found = Arrays.binarySearch(newlines, (int) position);
        int before = found >= 0 ? found : -found - 1;
        return before + 1L;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
