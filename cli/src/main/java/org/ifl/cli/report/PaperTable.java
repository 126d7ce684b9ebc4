package org.ifl.cli.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.ifl.cli.report.FigureTable.Answers;
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

    /**
     * How languages are ordered within a dataset. CODE: by ISO 639-1 code. PAPER: as the IFL paper's tables
     * list them, by English name (Arabic, Bengali, Chinese, English, French, German, Hebrew, Hindi, Japanese,
     * Romanian, Russian, Spanish, Thai, Urdu), a language it does not have by its English name among them.
     */
    public enum LanguageOrder {
        CODE(Comparator.naturalOrder()),
        PAPER(Comparator.comparing(PaperTable::englishName).thenComparing(Comparator.naturalOrder()));

        private final Comparator<String> languages;

        LanguageOrder(Comparator<String> languages) {
            this.languages = languages;
        }
    }

    /** The paper's names where the JDK's differ (it calls bn "Bangla"). */
    private static final Map<String, String> PAPER_NAMES = Map.of("bn", "Bengali");

    static String englishName(String code) {
        String name = PAPER_NAMES.get(code);
        if (name == null) {
            name = Locale.forLanguageTag(code).getDisplayLanguage(Locale.ENGLISH);
        }
        return name.isEmpty() ? code : name;
    }

    /**
     * One line of the table; fractions are shares (0.253, not 25.3), {@code null} where absent; answers are
     * those counted of those the published queries expect. The word-level pass rates (LCB's WPR) of the arms are
     * absent for languages written in Latin script, where no answer is judged on words.
     */
    public record Row(String dataset, String language, Answers answers, long pairs, Double fText, Double fImage,
            Double fImageRemedy, Double ifl, Interval iflInterval, Double iflRemedy, Interval iflRemedyInterval,
            Double diff, Interval diffInterval, Double relative, Double wprText, Double wprImage,
            Double wprImageRemedy) {

        /** The figures of a cell or summary under the given labels. */
        static Row of(String dataset, String language, FiguresView figures) {
            return new Row(dataset, language, new Answers(figures.counted(), figures.expected()), figures.pairs(),
                    fidelity(figures.text()), fidelity(figures.image()), fidelity(figures.imageRemedy()),
                    FigureTable.value(figures.ifl()), FigureTable.interval(figures.ifl()),
                    FigureTable.value(figures.iflRemedy()), FigureTable.interval(figures.iflRemedy()),
                    FigureTable.value(figures.diff()), FigureTable.interval(figures.diff()),
                    FigureTable.finite(figures.relative()), wordPassRate(figures.text()),
                    wordPassRate(figures.image()), wordPassRate(figures.imageRemedy()));
        }
    }

    private static final List<Column<Row>> COLUMNS = List.of(
            new Column<>("dataset", Kind.LABEL, Row::dataset),
            new Column<>("language", Kind.LABEL, Row::language),
            new Column<>("answers", Kind.ANSWERS, Row::answers),
            new Column<>("pairs", Kind.COUNT, Row::pairs),
            new Column<>("F_text", Kind.FRACTION, Row::fText),
            new Column<>("F_image", Kind.FRACTION, Row::fImage),
            new Column<>("F_image+remedy", Kind.FRACTION, Row::fImageRemedy),
            new Column<>("IFL", Kind.FRACTION, Row::ifl),
            new Column<>("IFL 95% CI", Kind.INTERVAL, Row::iflInterval),
            new Column<>("IFL+remedy", Kind.FRACTION, Row::iflRemedy),
            new Column<>("IFL+remedy 95% CI", Kind.INTERVAL, Row::iflRemedyInterval),
            new Column<>("diff", Kind.FRACTION, Row::diff),
            new Column<>("diff 95% CI", Kind.INTERVAL, Row::diffInterval),
            new Column<>("relative", Kind.RATIO, Row::relative),
            new Column<>("WPR_text", Kind.FRACTION, Row::wprText),
            new Column<>("WPR_image", Kind.FRACTION, Row::wprImage),
            new Column<>("WPR_image+remedy", Kind.FRACTION, Row::wprImageRemedy));

    private final FigureTable<Row> table;

    /** {@link #PaperTable(List, SummaryView, LanguageOrder)} with languages by code. */
    public PaperTable(List<FiguresView> cells, SummaryView summary) {
        this(cells, summary, LanguageOrder.CODE);
    }

    /**
     * Arranges {@code cells} (scope CELL, any order) under the dataset and checkpoint summaries of
     * {@code summary}, each dataset's languages in {@code order}; a dataset without a summary (not computed yet)
     * just has no closing rows.
     */
    public PaperTable(List<FiguresView> cells, SummaryView summary, LanguageOrder order) {
        Objects.requireNonNull(summary, "summary");
        this.table = new FigureTable<>("IFL of model " + summary.model() + ", checkpoint " + summary.checkpoint()
                + ", window " + summary.window() + " (answers counted of expected; fidelity and IFL in percentage"
                + " points; relative = diff / |IFL|; WPR = word-level pass rate, non-Latin-script languages only)",
                COLUMNS, arrange(cells, summary, order));
    }

    private static List<Row> arrange(List<FiguresView> cells, SummaryView summary, LanguageOrder order) {
        Map<String, FiguresView> datasetSummaries = summary.datasets() == null ? Map.of()
                : summary.datasets().stream().collect(Collectors.toMap(FiguresView::dataset, d -> d, (a, b) -> b));
        SortedSet<String> datasets = new TreeSet<>(datasetSummaries.keySet());
        cells.forEach(cell -> datasets.add(cell.dataset()));
        List<FiguresView> sortedCells = cells.stream()
                .sorted(Comparator.comparing(FiguresView::dataset)
                        .thenComparing(FiguresView::language, order.languages)).toList();

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

    /** What the marks in the text and Markdown table mean. */
    public List<String> footnotes() {
        return table.footnotes();
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

    private static Double wordPassRate(ArmView arm) {
        return arm == null ? null : FigureTable.value(arm.wordPassRate());
    }
}
