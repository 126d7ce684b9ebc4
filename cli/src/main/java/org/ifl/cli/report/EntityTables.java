package org.ifl.cli.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.ifl.cli.report.FigureTable.Column;
import org.ifl.cli.report.FigureTable.Estimate;
import org.ifl.cli.report.FigureTable.Kind;
import org.ifl.entities.PatternGap;
import org.ifl.schemas.avro.AlignmentSetting;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.PromptPattern;
import org.ifl.statsstream.FiguresView.EstimateView;
import org.ifl.statsstream.FiguresView.ExplanationView;
import org.ifl.statsstream.FiguresView;

/**
 * A checkpoint's entity metrics laid out as the paper's explanation tables: one table per dataset, arm,
 * alignment setting and metric, a row per language, a column per instruction/output pattern, each cell the
 * mean with its 95% t interval and its n. An explanation suite's cells are (dataset/PATTERN, language), e.g.
 * {@code artwork/L_EN}: the pattern is read off the dataset; cells of other datasets have no entity figures
 * and are left out. Pure: the caller fetches the cells.
 */
public final class EntityTables {

    /** The entity metrics, in the order the tables come, and the figure of each. */
    public enum Metric {
        EC_EXACT("EC exact", ExplanationView::coverageExact),
        EC_PARTIAL("EC partial", ExplanationView::coveragePartial),
        EF1("EF1", ExplanationView::f1),
        ECOOC("ECooc", ExplanationView::cooccurrence);

        private final String label;
        private final Function<ExplanationView, EstimateView> figure;

        Metric(String label, Function<ExplanationView, EstimateView> figure) {
            this.label = label;
            this.figure = figure;
        }

        public String label() {
            return label;
        }
    }

    /** What to print; a null field selects every value. */
    public record Selection(String dataset, AlignmentSetting setting, Arm arm) {
        public static final Selection ALL = new Selection(null, null, null);

        boolean includes(String dataset, AlignmentSetting setting, Arm arm) {
            return (this.dataset == null || this.dataset.equals(dataset))
                    && (this.setting == null || this.setting == setting) && (this.arm == null || this.arm == arm);
        }
    }

    /** One language of one table: the figure of each pattern, {@code null} where the cell has none. */
    public record Row(String dataset, Arm arm, AlignmentSetting setting, Metric metric, String language,
            Estimate enEn, Estimate enL, Estimate lEn, Estimate lL) {

        Estimate of(PromptPattern pattern) {
            return switch (pattern) {
                case EN_EN -> enEn;
                case EN_L -> enL;
                case L_EN -> lEn;
                case L_L -> lL;
            };
        }
    }

    /** The table a row belongs to. */
    private record Group(String dataset, Arm arm, AlignmentSetting setting, Metric metric) {
        static final Comparator<Group> ORDER = Comparator.comparing(Group::dataset).thenComparing(Group::arm)
                .thenComparing(Group::setting).thenComparing(Group::metric);
    }

    private static final List<Column<Row>> PATTERN_COLUMNS = List.of(PromptPattern.values()).stream()
            .map(p -> new Column<Row>(p.name(), Kind.ESTIMATE, row -> row.of(p))).toList();

    private final String model;
    private final String checkpoint;
    private final String window;
    private final Map<Group, List<Row>> tables;
    /** Per table, language and pattern: the cell's mean and standard error, for the contrast lines. */
    private final Map<Group, Map<String, Map<PromptPattern, PatternGap.Cell>>> gapCells = new TreeMap<>(Group.ORDER);

    /** Arranges the entity figures of {@code cells} (scope CELL, any order) that {@code selection} selects. */
    public EntityTables(String model, String checkpoint, String window, List<FiguresView> cells,
            Selection selection) {
        this.model = model;
        this.checkpoint = checkpoint;
        this.window = window;
        this.tables = arrange(cells, selection, gapCells);
    }

    private static Map<Group, List<Row>> arrange(List<FiguresView> cells, Selection selection,
            Map<Group, Map<String, Map<PromptPattern, PatternGap.Cell>>> gapCells) {
        Map<Group, Map<String, Map<PromptPattern, Estimate>>> figures = new TreeMap<>(Group.ORDER);
        for (FiguresView cell : cells) {
            int slash = cell.dataset() == null ? -1 : cell.dataset().lastIndexOf('/');
            PromptPattern pattern = slash < 0 ? null : pattern(cell.dataset().substring(slash + 1));
            if (pattern == null) {
                continue;
            }
            String dataset = cell.dataset().substring(0, slash);
            for (ExplanationView e : cell.explanation()) {
                Arm arm = Arm.valueOf(e.arm());
                AlignmentSetting setting = AlignmentSetting.valueOf(e.setting());
                if (!selection.includes(dataset, setting, arm)) {
                    continue;
                }
                for (Metric metric : Metric.values()) {
                    EstimateView view = metric.figure.apply(e);
                    Estimate estimate = FigureTable.estimate(view);
                    if (estimate != null) {
                        Group group = new Group(dataset, arm, setting, metric);
                        figures.computeIfAbsent(group, g -> new TreeMap<>())
                                .computeIfAbsent(cell.language(), l -> new EnumMap<>(PromptPattern.class))
                                .put(pattern, estimate);
                        if (view.standardError() != null) {
                            gapCells.computeIfAbsent(group, g -> new TreeMap<>())
                                    .computeIfAbsent(cell.language(), l -> new EnumMap<>(PromptPattern.class))
                                    .put(pattern, new PatternGap.Cell(estimate.value(), view.standardError()));
                        }
                    }
                }
            }
        }
        Map<Group, List<Row>> tables = new TreeMap<>(Group.ORDER);
        figures.forEach((group, languages) -> {
            List<Row> rows = new ArrayList<>();
            languages.forEach((language, byPattern) -> rows.add(new Row(group.dataset(), group.arm(),
                    group.setting(), group.metric(), language, byPattern.get(PromptPattern.EN_EN),
                    byPattern.get(PromptPattern.EN_L), byPattern.get(PromptPattern.L_EN),
                    byPattern.get(PromptPattern.L_L))));
            tables.put(group, rows);
        });
        return tables;
    }

    private static PromptPattern pattern(String name) {
        for (PromptPattern p : PromptPattern.values()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    /** Whether any cell had entity figures that the selection selects. */
    public boolean isEmpty() {
        return tables.isEmpty();
    }

    /** One table per dataset, arm, setting and metric, in that order: the text and Markdown layout. */
    public List<FigureTable<Row>> tables() {
        List<Column<Row>> columns = new ArrayList<>();
        columns.add(new Column<>("language", Kind.LABEL, Row::language));
        columns.addAll(PATTERN_COLUMNS);
        return tables.entrySet().stream().map(t -> new FigureTable<>(title(t.getKey()), columns, t.getValue()))
                .toList();
    }

    /** Every table's rows in one, each labelled with its table: the CSV and JSON layout. */
    public FigureTable<Row> combined() {
        List<Column<Row>> columns = new ArrayList<>();
        columns.add(new Column<>("dataset", Kind.LABEL, Row::dataset));
        columns.add(new Column<>("arm", Kind.LABEL, row -> row.arm().name()));
        columns.add(new Column<>("setting", Kind.LABEL, row -> row.setting().name()));
        columns.add(new Column<>("metric", Kind.LABEL, row -> row.metric().label()));
        columns.add(new Column<>("language", Kind.LABEL, Row::language));
        columns.addAll(PATTERN_COLUMNS);
        return new FigureTable<>("Entity metrics of model " + model + ", checkpoint " + checkpoint + ", window "
                + window, columns, tables.values().stream().flatMap(List::stream).toList());
    }

    /**
     * The artwork study's contrast in each table: EN_EN minus L_L per language and averaged over languages
     * ({@link PatternGap}), from the cells' means and standard errors ({@link EstimateView#standardError}); a
     * language whose cell has no interval (fewer than two answers) is left out. One line per table, "EC exact, dataset artwork, arm IMAGE, setting FULL:
     * EN_EN − L_L +23.1 [15.2, 31.0] pp averaged over 9 languages; above 0 in 7 of 9".
     */
    public List<String> gapLines() {
        List<String> lines = new ArrayList<>();
        gapCells.forEach((group, languages) -> {
            Map<String, PatternGap.Cell> enEn = new TreeMap<>();
            Map<String, PatternGap.Cell> lL = new TreeMap<>();
            languages.forEach((language, byPattern) -> {
                if (byPattern.containsKey(PromptPattern.EN_EN)) {
                    enEn.put(language, byPattern.get(PromptPattern.EN_EN));
                }
                if (byPattern.containsKey(PromptPattern.L_L)) {
                    lL.put(language, byPattern.get(PromptPattern.L_L));
                }
            });
            PatternGap gap = PatternGap.between(enEn, lL);
            if (!gap.languages().isEmpty()) {
                lines.add(group.metric().label() + ", dataset " + group.dataset() + ", arm " + group.arm()
                        + ", setting " + group.setting() + ": EN_EN − L_L " + gap.describe());
            }
        });
        return lines;
    }

    /** Markdown: each table under a heading that is its title. */
    public String markdown() {
        return String.join("\n", tables().stream().map(t -> "### " + t.title() + "\n\n" + t.markdown()).toList());
    }

    public String csv() {
        return combined().csv();
    }

    public String json() {
        return combined().json();
    }

    private String title(Group g) {
        return g.metric().label() + " of model " + model + ", checkpoint " + checkpoint + ", window " + window
                + ", dataset " + g.dataset() + ", arm " + g.arm() + ", setting " + g.setting()
                + " (mean [95% t interval] (n), in percentage points)";
    }
}
