package org.ifl.cli.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.ifl.cli.report.FigureTable.Answers;
import org.ifl.cli.report.FigureTable.Column;
import org.ifl.cli.report.FigureTable.Estimate;
import org.ifl.cli.report.FigureTable.Interval;
import org.ifl.cli.report.FigureTable.Kind;
import org.ifl.statsstream.FiguresView.AccuracyView;
import org.ifl.statsstream.FiguresView.ArmView;
import org.ifl.statsstream.FiguresView.DslView;
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
     * absent for languages written in Latin script, where no answer is judged on words. {@code dsl} and
     * {@code accuracy} are null where the service has none.
     */
    public record Row(String dataset, String language, Answers answers, long pairs, Double fText, Double fImage,
            Double fImageRemedy, Double ifl, Interval iflInterval, Double iflRemedy, Interval iflRemedyInterval,
            Double diff, Interval diffInterval, Double relative, Double wprText, Double wprImage,
            Double wprImageRemedy, DslRow dsl, AccuracyRow accuracy) {

        /** The figures of a cell or summary under the given labels. */
        static Row of(String dataset, String language, FiguresView figures) {
            return new Row(dataset, language, new Answers(figures.counted(), figures.expected()), figures.pairs(),
                    fidelity(figures.text()), fidelity(figures.image()), fidelity(figures.imageRemedy()),
                    FigureTable.value(figures.ifl()), FigureTable.interval(figures.ifl()),
                    FigureTable.value(figures.iflRemedy()), FigureTable.interval(figures.iflRemedy()),
                    FigureTable.value(figures.diff()), FigureTable.interval(figures.diff()),
                    FigureTable.finite(figures.relative()), wordPassRate(figures.text()),
                    wordPassRate(figures.image()), wordPassRate(figures.imageRemedy()), DslRow.of(figures.dsl()),
                    AccuracyRow.of(figures.accuracy()));
        }
    }

    /** The fidelities and IFLs debiased with the experts' language labels, and how many labels there are. */
    public record DslRow(long labels, Estimate fText, Estimate fImage, Estimate fImageRemedy, Estimate ifl,
            Estimate iflRemedy) {
        /** The row of a cell's DSL figures; without a label they are the identifier's again, so none is shown. */
        static DslRow of(DslView d) {
            if (d == null || d.labels() == 0) {
                return d == null ? null : new DslRow(0, null, null, null, null, null);
            }
            return new DslRow(d.labels(), FigureTable.estimate(d.text()),
                    FigureTable.estimate(d.image()), FigureTable.estimate(d.imageRemedy()),
                    FigureTable.estimate(d.ifl()), FigureTable.estimate(d.iflRemedy()));
        }
    }

    /**
     * Accuracy per arm and its differences from the text arm: the surrogate (answers matching a reference answer)
     * and the DSL estimate (debiased with the experts' correctness labels, {@code labels} of them).
     */
    public record AccuracyRow(long labels, Estimate text, Estimate image, Estimate imageRemedy, Estimate difference,
            Estimate differenceRemedy, Estimate dslText, Estimate dslImage, Estimate dslImageRemedy,
            Estimate dslDifference, Estimate dslDifferenceRemedy) {
        static AccuracyRow of(AccuracyView a) {
            return a == null ? null : new AccuracyRow(a.labels(), FigureTable.estimate(a.text().surrogate()),
                    FigureTable.estimate(a.image().surrogate()), FigureTable.estimate(a.imageRemedy().surrogate()),
                    FigureTable.estimate(a.difference()), FigureTable.estimate(a.differenceRemedy()),
                    FigureTable.estimate(a.text().dsl()), FigureTable.estimate(a.image().dsl()),
                    FigureTable.estimate(a.imageRemedy().dsl()), FigureTable.estimate(a.dslDifference()),
                    FigureTable.estimate(a.dslDifferenceRemedy()));
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

    /** Shown when a row has expert language labels. */
    private static final List<Column<Row>> DSL_COLUMNS = List.of(
            new Column<>("DSL labels", Kind.COUNT, r -> r.dsl() == null ? null : r.dsl().labels()),
            dsl("DSL F_text", DslRow::fText),
            dsl("DSL F_image", DslRow::fImage),
            dsl("DSL F_image+remedy", DslRow::fImageRemedy),
            dsl("DSL IFL", DslRow::ifl),
            dsl("DSL IFL+remedy", DslRow::iflRemedy));

    /** Shown when a row has accuracy: answers matched against reference answers, or correctness labels. */
    private static final List<Column<Row>> ACCURACY_COLUMNS = List.of(
            accuracy("Acc_text", AccuracyRow::text),
            accuracy("Acc_image", AccuracyRow::image),
            accuracy("Acc_image+remedy", AccuracyRow::imageRemedy),
            accuracy("Acc image-text", AccuracyRow::difference),
            accuracy("Acc image+remedy-text", AccuracyRow::differenceRemedy));

    /** Shown when a row has correctness labels. */
    private static final List<Column<Row>> DSL_ACCURACY_COLUMNS = List.of(
            new Column<>("correctness labels", Kind.COUNT, r -> r.accuracy() == null ? null : r.accuracy().labels()),
            accuracy("DSL Acc_text", AccuracyRow::dslText),
            accuracy("DSL Acc_image", AccuracyRow::dslImage),
            accuracy("DSL Acc_image+remedy", AccuracyRow::dslImageRemedy),
            accuracy("DSL Acc image-text", AccuracyRow::dslDifference),
            accuracy("DSL Acc image+remedy-text", AccuracyRow::dslDifferenceRemedy));

    private static Column<Row> dsl(String name, Function<DslRow, Estimate> figure) {
        return new Column<>(name, Kind.ESTIMATE, r -> r.dsl() == null ? null : figure.apply(r.dsl()));
    }

    private static Column<Row> accuracy(String name, Function<AccuracyRow, Estimate> figure) {
        return new Column<>(name, Kind.ESTIMATE, r -> r.accuracy() == null ? null : figure.apply(r.accuracy()));
    }

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
        List<Row> rows = arrange(cells, summary, order);
        boolean languageLabels = rows.stream().anyMatch(r -> r.dsl() != null && r.dsl().labels() > 0);
        boolean accuracy = rows.stream().anyMatch(r -> r.accuracy() != null);
        boolean correctnessLabels = rows.stream().anyMatch(r -> r.accuracy() != null && r.accuracy().labels() > 0);
        List<Column<Row>> columns = new ArrayList<>(COLUMNS);
        StringBuilder legend = new StringBuilder();
        if (languageLabels) {
            columns.addAll(DSL_COLUMNS);
            legend.append("; DSL = debiased with the experts' labels");
        }
        if (accuracy) {
            columns.addAll(ACCURACY_COLUMNS);
            legend.append("; Acc = accuracy, answers matching a reference answer");
        }
        if (correctnessLabels) {
            columns.addAll(DSL_ACCURACY_COLUMNS);
        }
        if (languageLabels || accuracy) {
            legend.append("; each as value [95% CI] (n)");
        }
        this.table = new FigureTable<>("IFL of model " + summary.model() + ", checkpoint " + summary.checkpoint()
                + ", window " + summary.window() + " (answers counted of expected; fidelity and IFL in percentage"
                + " points; relative = diff / |IFL|; WPR = word-level pass rate, non-Latin-script languages only"
                + legend + ")", columns, rows);
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
