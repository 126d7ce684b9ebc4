package org.ifl.cli.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.ifl.cli.report.FigureTable.Column;
import org.ifl.cli.report.FigureTable.Interval;
import org.ifl.cli.report.FigureTable.Kind;
import org.ifl.statsstream.FiguresView.ArmView;
import org.ifl.statsstream.FiguresView;
import org.ifl.statsstream.SummaryView;

/**
 * A checkpoint's figures laid out as the IFL paper's tables: one row per (dataset, language), each dataset
 * closed by its unweighted "average" row and its "pooled" row, the checkpoint closed by "all". Pure: the
 * caller fetches the figures; this only arranges them, and {@link FigureTable} formats them.
 */
public final class PaperTable {

    /** The dataset label of the checkpoint's closing rows. */
    public static final String ALL_DATASETS = "all";

    /** The language label of a summary's unweighted-mean row. */
    public static final String AVERAGE = "average";

    /** The language label of a summary's pooled row. */
    public static final String POOLED = "pooled";

    /** One line of the table; fractions are shares (0.253, not 25.3), {@code null} where absent. */
    public record Row(String dataset, String language, long pairs, Double fText, Double fImage,
            Double fImageRemedy, Double ifl, Interval iflInterval, Double iflRemedy, Double diff, Double relative) {

        /** The figures of a cell or summary under the given labels. */
        static Row of(String dataset, String language, FiguresView figures) {
            return new Row(dataset, language, figures.pairs(), fidelity(figures.text()), fidelity(figures.image()),
                    fidelity(figures.imageRemedy()), FigureTable.value(figures.ifl()),
                    FigureTable.interval(figures.ifl()), FigureTable.value(figures.iflRemedy()),
                    FigureTable.value(figures.diff()), FigureTable.finite(figures.relative()));
        }
    }

    private static final List<Column<Row>> COLUMNS = List.of(
            new Column<>("dataset", Kind.LABEL, Row::dataset),
            new Column<>("language", Kind.LABEL, Row::language),
            new Column<>("pairs", Kind.COUNT, Row::pairs),
            new Column<>("F_text", Kind.FRACTION, Row::fText),
            new Column<>("F_image", Kind.FRACTION, Row::fImage),
            new Column<>("F_image+remedy", Kind.FRACTION, Row::fImageRemedy),
            new Column<>("IFL", Kind.FRACTION, Row::ifl),
            new Column<>("IFL 95% CI", Kind.INTERVAL, Row::iflInterval),
            new Column<>("IFL+remedy", Kind.FRACTION, Row::iflRemedy),
            new Column<>("diff", Kind.FRACTION, Row::diff),
            new Column<>("relative", Kind.RATIO, Row::relative));

    private final FigureTable<Row> table;

    /**
     * Arranges {@code cells} (scope CELL, any order) under the dataset and checkpoint summaries of
     * {@code summary}; a dataset without a summary (not computed yet) just has no closing rows.
     */
    public PaperTable(List<FiguresView> cells, SummaryView summary) {
        Objects.requireNonNull(summary, "summary");
        this.table = new FigureTable<>("IFL of model " + summary.model() + ", checkpoint " + summary.checkpoint()
                + ", window " + summary.window() + " (fidelity and IFL in percentage points, relative = diff / |IFL|)",
                COLUMNS, arrange(cells, summary));
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
        return rows;
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

    /** The table, in any of the report's formats. */
    public FigureTable<Row> table() {
        return table;
    }

    public List<Row> rows() {
        return table.rows();
    }

    /** The one line that says what the table is of, above the text table. */
    public String title() {
        return table.title();
    }

    public String markdown() {
        return table.markdown();
    }

    public String csv() {
        return table.csv();
    }

    public String json() {
        return table.json();
    }

    private static Double fidelity(ArmView arm) {
        return arm == null ? null : FigureTable.value(arm.fidelity());
    }
}
