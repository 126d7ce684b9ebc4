package org.ifl.cli.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.ifl.statsstream.CellsCsv;
import org.ifl.statsstream.FiguresView.EstimateView;

/**
 * Rows under named columns, each column of one {@link Kind} that decides how its values read in every format
 * of {@code ifl report}: as people read them (percentage points, one decimal; text and Markdown), and as
 * fractions at full precision (CSV and JSON). The paper's IFL table and its entity tables are both laid out
 * with it, so the formats are written once.
 *
 * @param <R> what a row is made from
 */
public final class FigureTable<R> {

    /** What text and Markdown show for an absent figure, as printed tables do. */
    public static final String MISSING = "–";

    /** What text and Markdown put after the answers of a partial row; {@link #footnotes()} says what it means. */
    public static final String PARTIAL_MARK = "*";

    /** What text and Markdown show for expected answers that cannot be known. */
    public static final String UNKNOWN = "unknown";

    /**
     * How a column's values read. FRACTION: a share, in points; RATIO: a share shown as a percent; INTERVAL:
     * an {@link Interval}; ESTIMATE: an {@link Estimate}, shown as "mean [low, high] (n)"; ANSWERS: an
     * {@link Answers}, shown as "counted of expected", marked when partial.
     */
    public enum Kind { LABEL, COUNT, FRACTION, RATIO, INTERVAL, ESTIMATE, ANSWERS }

    /** A 95% interval; both ends are present or the interval is absent. */
    public record Interval(double low, double high) {
    }

    /** A mean with its 95% interval ({@code null} when there is none) and the number of values it rests on. */
    public record Estimate(double value, Interval interval, long n) {
    }

    /**
     * The answers a row's figures rest on, of those its published queries expect ({@code null}: unknown, e.g. a
     * replayed run whose queries were never published). CSV and JSON give it as three fields, {@code counted},
     * {@code expected} and {@code partial}; a table has at most one such column.
     */
    public record Answers(long counted, Long expected) {
        /** Fewer answers counted than expected: the figures are not final. Null when expected is unknown. */
        public Boolean partial() {
            return expected == null ? null : counted < expected;
        }
    }

    /** One column, defined once for all four formats. */
    public record Column<R>(String name, Kind kind, Function<R, Object> value) {
    }

    /** The CSV and JSON fields of an {@link Kind#ANSWERS} column. */
    private static final List<String> ANSWER_FIELDS = List.of("counted", "expected", "partial");

    /** Indented, so that the JSON format can also be read on a terminal. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String title;
    private final List<Column<R>> columns;
    private final List<R> rows;

    public FigureTable(String title, List<Column<R>> columns, List<R> rows) {
        this.title = title;
        this.columns = List.copyOf(columns);
        this.rows = List.copyOf(rows);
    }

    /** The one line that says what the table is of, above it in text. */
    public String title() {
        return title;
    }

    public List<R> rows() {
        return rows;
    }

    /** The column names, as the header of every format. */
    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    /** Whether a column holds words (left-aligned) rather than figures (right-aligned). */
    public boolean isLabelColumn(int column) {
        return columns.get(column).kind() == Kind.LABEL;
    }

    /** The rows as people read them: percentage points with one decimal, {@link #MISSING} for absent figures. */
    public List<String[]> displayRows() {
        return rows.stream().map(row -> columns.stream().map(c -> display(c.kind(), c.value().apply(row)))
                .toArray(String[]::new)).toList();
    }

    /** A GitHub-flavoured Markdown table, figures right-aligned. */
    public String markdown() {
        StringBuilder text = new StringBuilder();
        markdownLine(text, columnNames());
        markdownLine(text, columns.stream().map(c -> c.kind() == Kind.LABEL ? "---" : "---:").toList());
        displayRows().forEach(cells -> markdownLine(text, List.of(cells)));
        List<String> notes = footnotes();
        if (!notes.isEmpty()) {
            text.append('\n');
            notes.forEach(note -> text.append(note.replace("*", "\\*")).append("  \n"));
        }
        return text.toString();
    }

    /**
     * What the marks in text and Markdown mean, one line each, only for marks the table shows: a partial row,
     * expected answers unknown.
     */
    public List<String> footnotes() {
        List<Answers> answers = new ArrayList<>();
        for (Column<R> column : columns) {
            if (column.kind() == Kind.ANSWERS) {
                rows.forEach(row -> answers.add((Answers) column.value().apply(row)));
            }
        }
        List<String> notes = new ArrayList<>();
        if (answers.stream().anyMatch(a -> a != null && Boolean.TRUE.equals(a.partial()))) {
            notes.add(PARTIAL_MARK + " partial: fewer answers counted than the published queries expect; its figures"
                    + " are not final.");
        }
        if (answers.stream().anyMatch(a -> a != null && a.expected() == null)) {
            notes.add(UNKNOWN + ": no published queries were seen for it (e.g. a replayed run), so the answers it"
                    + " should have cannot be known.");
        }
        return notes;
    }

    private static void markdownLine(StringBuilder text, List<String> cells) {
        text.append("| ");
        text.append(cells.stream().map(cell -> cell.replace("|", "\\|")).collect(Collectors.joining(" | ")));
        text.append(" |\n");
    }

    /**
     * RFC 4180 CSV for spreadsheets: figures as plain decimal fractions at full precision, absent ones empty,
     * an interval split into a low and a high column so both can be computed with, an estimate into its
     * value, low, high and n.
     */
    public String csv() {
        StringBuilder text = new StringBuilder();
        List<String> header = new ArrayList<>();
        for (Column<R> column : columns) {
            switch (column.kind()) {
                case INTERVAL -> header.addAll(List.of(column.name() + " low", column.name() + " high"));
                case ESTIMATE -> header.addAll(List.of(column.name(), column.name() + " low",
                        column.name() + " high", column.name() + " n"));
                case ANSWERS -> header.addAll(ANSWER_FIELDS);
                default -> header.add(column.name());
            }
        }
        csvLine(text, header);
        for (R row : rows) {
            List<String> fields = new ArrayList<>();
            for (Column<R> column : columns) {
                Object value = column.value().apply(row);
                if (column.kind() == Kind.INTERVAL) {
                    csvInterval(fields, (Interval) value);
                } else if (column.kind() == Kind.ANSWERS) {
                    Answers a = (Answers) value;
                    fields.add(a == null ? "" : Long.toString(a.counted()));
                    fields.add(a == null || a.expected() == null ? "" : a.expected().toString());
                    fields.add(a == null || a.partial() == null ? "" : a.partial().toString());
                } else if (column.kind() == Kind.ESTIMATE) {
                    Estimate e = (Estimate) value;
                    fields.add(e == null ? "" : plain(e.value()));
                    csvInterval(fields, e == null ? null : e.interval());
                    fields.add(e == null ? "" : Long.toString(e.n()));
                } else if (value instanceof Double fraction) {
                    fields.add(plain(fraction));
                } else {
                    fields.add(value == null ? "" : value.toString());
                }
            }
            csvLine(text, fields);
        }
        return text.toString();
    }

    private static void csvInterval(List<String> fields, Interval interval) {
        fields.add(interval == null ? "" : plain(interval.low()));
        fields.add(interval == null ? "" : plain(interval.high()));
    }

    private static void csvLine(StringBuilder text, List<String> fields) {
        text.append(fields.stream().map(CellsCsv::quote).collect(Collectors.joining(","))).append("\r\n");
    }

    /**
     * The rows as a JSON array of objects keyed by the column names: figures as fractions, absent ones null,
     * an interval as {@code [low, high]}, an estimate as {@code {"value", "low", "high", "n"}}, the answers as
     * {@code counted}, {@code expected} and {@code partial} (null when expected is unknown).
     */
    public String json() {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (R row : rows) {
            Map<String, Object> object = new LinkedHashMap<>();
            for (Column<R> column : columns) {
                Object value = column.value().apply(row);
                if (value instanceof Answers a) {
                    object.put(ANSWER_FIELDS.get(0), a.counted());
                    object.put(ANSWER_FIELDS.get(1), a.expected());
                    object.put(ANSWER_FIELDS.get(2), a.partial());
                } else {
                    object.put(column.name(), jsonValue(value));
                }
            }
            objects.add(object);
        }
        try {
            return JSON.writeValueAsString(objects) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings and numbers always serialize", e);
        }
    }

    private static Object jsonValue(Object value) {
        if (value instanceof Interval i) {
            return List.of(i.low(), i.high());
        }
        if (value instanceof Estimate e) {
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("value", e.value());
            object.put("low", e.interval() == null ? null : e.interval().low());
            object.put("high", e.interval() == null ? null : e.interval().high());
            object.put("n", e.n());
            return object;
        }
        return value;
    }

    private static String display(Kind kind, Object value) {
        if (value == null) {
            return MISSING;
        }
        return switch (kind) {
            case LABEL, COUNT -> value.toString();
            case FRACTION -> points((Double) value);
            case RATIO -> points((Double) value) + "%";
            case INTERVAL -> bracketed((Interval) value);
            case ESTIMATE -> {
                Estimate e = (Estimate) value;
                yield points(e.value()) + (e.interval() == null ? "" : " " + bracketed(e.interval())) + " ("
                        + e.n() + ")";
            }
            case ANSWERS -> {
                Answers a = (Answers) value;
                yield a.counted() + " of " + (a.expected() == null ? UNKNOWN : a.expected())
                        + (Boolean.TRUE.equals(a.partial()) ? " " + PARTIAL_MARK : "");
            }
        };
    }

    private static String bracketed(Interval interval) {
        return "[" + points(interval.low()) + ", " + points(interval.high()) + "]";
    }

    /**
     * A fraction in percentage points with one decimal, rounded half up from its shortest decimal form (so
     * 0.175 reads 17.5, not 17.4 from binary noise) and never "-0.0".
     */
    static String points(double fraction) {
        return BigDecimal.valueOf(fraction).movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString();
    }

    /** A fraction in plain decimal notation (no exponent), every significant digit kept. */
    static String plain(double fraction) {
        return BigDecimal.valueOf(fraction).stripTrailingZeros().toPlainString();
    }

    /** The value of a service's estimate; null when absent or not finite. */
    static Double value(EstimateView estimate) {
        return estimate == null ? null : finite(estimate.value());
    }

    /** The interval of a service's estimate; null unless both ends are finite. */
    static Interval interval(EstimateView estimate) {
        if (estimate == null || finite(estimate.low()) == null || finite(estimate.high()) == null) {
            return null;
        }
        return new Interval(estimate.low(), estimate.high());
    }

    /** A service's estimate with its interval and n; null when absent or its value is not finite. */
    static Estimate estimate(EstimateView estimate) {
        Double value = value(estimate);
        return value == null ? null : new Estimate(value, interval(estimate), estimate.n());
    }

    /** NaN or infinity would print as nonsense (and is not JSON): treat it as absent. */
    static Double finite(Double value) {
        return value == null || !Double.isFinite(value) ? null : value;
    }
}
