package org.ifl.cli.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.ifl.statsstream.api.CellsCsv;
import org.ifl.statsstream.api.FiguresView;
import org.ifl.statsstream.api.FiguresView.ArmView;
import org.ifl.statsstream.api.FiguresView.EstimateView;
import org.ifl.statsstream.api.SummaryView;

/**
 * A checkpoint's figures laid out as the IFL paper's tables: one row per (dataset, language), each dataset
 * closed by its unweighted "average" row and its "pooled" row, the checkpoint closed by "all". Pure: the
 * caller fetches the figures; this only arranges and formats them.
 */
public final class PaperTable {

    /** What text and Markdown show for an absent figure, as printed tables do. */
    public static final String MISSING = "–";

    /** The dataset label of the checkpoint's closing rows. */
    public static final String ALL_DATASETS = "all";

    /** The language label of a summary's unweighted-mean row. */
    public static final String AVERAGE = "average";

    /** The language label of a summary's pooled row. */
    public static final String POOLED = "pooled";

    /** How a column's values read: it decides the formatting in every renderer (RATIO: relative, a percent). */
    private enum Kind { LABEL, COUNT, FRACTION, RATIO, INTERVAL }

    /** A 95% interval; both ends are present or the interval is absent. */
    public record Interval(double low, double high) {
    }

    /** One line of the table; fractions are shares (0.253, not 25.3), {@code null} where absent. */
    public record Row(String dataset, String language, long pairs, Double fText, Double fImage,
            Double fImageRemedy, Double ifl, Interval iflInterval, Double iflRemedy, Double diff, Double relative) {

        /** The figures of a cell or summary under the given labels. */
        static Row of(String dataset, String language, FiguresView figures) {
            return new Row(dataset, language, figures.pairs(), fidelity(figures.text()), fidelity(figures.image()),
                    fidelity(figures.imageRemedy()), value(figures.ifl()), interval(figures.ifl()),
                    value(figures.iflRemedy()), value(figures.diff()), finite(figures.relative()));
        }
    }

    /** One column, defined once for all four formats. */
    private record Column(String name, Kind kind, Function<Row, Object> value) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("dataset", Kind.LABEL, Row::dataset),
            new Column("language", Kind.LABEL, Row::language),
            new Column("pairs", Kind.COUNT, Row::pairs),
            new Column("F_text", Kind.FRACTION, Row::fText),
            new Column("F_image", Kind.FRACTION, Row::fImage),
            new Column("F_image+remedy", Kind.FRACTION, Row::fImageRemedy),
            new Column("IFL", Kind.FRACTION, Row::ifl),
            new Column("IFL 95% CI", Kind.INTERVAL, Row::iflInterval),
            new Column("IFL+remedy", Kind.FRACTION, Row::iflRemedy),
            new Column("diff", Kind.FRACTION, Row::diff),
            new Column("relative", Kind.RATIO, Row::relative));

    /** Indented, so that the JSON format can also be read on a terminal. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String model;
    private final String checkpoint;
    private final String window;
    private final List<Row> rows;

    /**
     * Arranges {@code cells} (scope CELL, any order) under the dataset and checkpoint summaries of
     * {@code summary}; a dataset without a summary (not computed yet) just has no closing rows.
     */
    public PaperTable(List<FiguresView> cells, SummaryView summary) {
        Objects.requireNonNull(summary, "summary");
        this.model = summary.model();
        this.checkpoint = summary.checkpoint();
        this.window = summary.window();
        this.rows = arrange(cells, summary);
    }

    private static List<Row> arrange(List<FiguresView> cells, SummaryView summary) {
        Map<String, FiguresView> datasetSummaries = summary.datasets() == null ? Map.of()
                : summary.datasets().stream().collect(Collectors.toMap(FiguresView::dataset, d -> d, (a, b) -> b));
        SortedSet<String> datasets = new TreeSet<>(datasetSummaries.keySet());
        cells.forEach(cell -> datasets.add(cell.dataset()));
        List<FiguresView> sortedCells = cells.stream()
                .sorted(Comparator.comparing(FiguresView::dataset).thenComparing(FiguresView::language)).toList();

        List<Row> rows = new ArrayList<>();
        for (String dataset : datasets) {
            sortedCells.stream().filter(cell -> cell.dataset().equals(dataset))
                    .forEach(cell -> rows.add(Row.of(dataset, cell.language(), cell)));
            addSummary(rows, dataset, datasetSummaries.get(dataset));
        }
        addSummary(rows, ALL_DATASETS, summary.checkpointSummary());
        return List.copyOf(rows);
    }

    private static void addSummary(List<Row> rows, String dataset, FiguresView summary) {
        if (summary == null) {
            return;
        }
        rows.add(Row.of(dataset, AVERAGE, summary));
        if (summary.pooled() != null) {
            rows.add(Row.of(dataset, POOLED, summary.pooled()));
        }
    }

    public List<Row> rows() {
        return rows;
    }

    /** The one line that says what the table is of, above the text table. */
    public String title() {
        return "IFL of model " + model + ", checkpoint " + checkpoint + ", window " + window
                + " (fidelity and IFL in percentage points, relative = diff / |IFL|)";
    }

    /** The column names, as the header of every format. */
    public static List<String> columnNames() {
        return COLUMNS.stream().map(Column::name).toList();
    }

    /** Whether a column holds words (left-aligned) rather than figures (right-aligned). */
    public static boolean isLabelColumn(int column) {
        return COLUMNS.get(column).kind() == Kind.LABEL;
    }

    /** The rows as people read them: percentage points with one decimal, {@link #MISSING} for absent figures. */
    public List<String[]> displayRows() {
        return rows.stream().map(row -> COLUMNS.stream().map(c -> display(c.kind(), c.value().apply(row)))
                .toArray(String[]::new)).toList();
    }

    /** A GitHub-flavoured Markdown table, figures right-aligned. */
    public String markdown() {
        StringBuilder text = new StringBuilder();
        markdownLine(text, columnNames());
        markdownLine(text, COLUMNS.stream().map(c -> c.kind() == Kind.LABEL ? "---" : "---:").toList());
        displayRows().forEach(cells -> markdownLine(text, List.of(cells)));
        return text.toString();
    }

    private static void markdownLine(StringBuilder text, List<String> cells) {
        text.append("| ");
        text.append(cells.stream().map(cell -> cell.replace("|", "\\|")).collect(Collectors.joining(" | ")));
        text.append(" |\n");
    }

    /**
     * RFC 4180 CSV for spreadsheets: figures as plain decimal fractions at full precision, absent ones empty,
     * and the interval split into a low and a high column so both can be computed with.
     */
    public String csv() {
        StringBuilder text = new StringBuilder();
        List<String> header = new ArrayList<>();
        for (Column column : COLUMNS) {
            if (column.kind() == Kind.INTERVAL) {
                header.add(column.name() + " low");
                header.add(column.name() + " high");
            } else {
                header.add(column.name());
            }
        }
        csvLine(text, header);
        for (Row row : rows) {
            List<String> fields = new ArrayList<>();
            for (Column column : COLUMNS) {
                Object value = column.value().apply(row);
                if (column.kind() == Kind.INTERVAL) {
                    Interval interval = (Interval) value;
                    fields.add(interval == null ? "" : plain(interval.low()));
                    fields.add(interval == null ? "" : plain(interval.high()));
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

    private static void csvLine(StringBuilder text, List<String> fields) {
        text.append(fields.stream().map(CellsCsv::quote).collect(Collectors.joining(","))).append("\r\n");
    }

    /**
     * The rows as a JSON array of objects keyed by the column names: figures as fractions, absent ones null,
     * the interval as {@code [low, high]}.
     */
    public String json() {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Row row : rows) {
            Map<String, Object> object = new LinkedHashMap<>();
            for (Column column : COLUMNS) {
                Object value = column.value().apply(row);
                object.put(column.name(), value instanceof Interval i ? List.of(i.low(), i.high()) : value);
            }
            objects.add(object);
        }
        try {
            return JSON.writeValueAsString(objects) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings and numbers always serialize", e);
        }
    }

    private static String display(Kind kind, Object value) {
        if (value == null) {
            return MISSING;
        }
        return switch (kind) {
            case LABEL, COUNT -> value.toString();
            case FRACTION -> points((Double) value);
            case RATIO -> points((Double) value) + "%";
            case INTERVAL -> "[" + points(((Interval) value).low()) + ", " + points(((Interval) value).high()) + "]";
        };
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

    private static Double fidelity(ArmView arm) {
        return arm == null ? null : value(arm.fidelity());
    }

    private static Double value(EstimateView estimate) {
        return estimate == null ? null : finite(estimate.value());
    }

    private static Interval interval(EstimateView estimate) {
        if (estimate == null || finite(estimate.low()) == null || finite(estimate.high()) == null) {
            return null;
        }
        return new Interval(estimate.low(), estimate.high());
    }

    /** NaN or infinity would print as nonsense (and is not JSON): treat it as absent. */
    private static Double finite(Double value) {
        return value == null || !Double.isFinite(value) ? null : value;
    }
}
