package org.ifl.statsstream;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.ifl.statsstream.FiguresView.AccuracyView;
import org.ifl.statsstream.FiguresView.ArmAccuracyView;
import org.ifl.statsstream.FiguresView.ArmView;
import org.ifl.statsstream.FiguresView.EstimateView;
import org.ifl.statsstream.FiguresView.ExplanationView;

/**
 * {@code GET /cells.csv}: one row per cell and window, every figure with its interval, fractions not percents,
 * the answers counted and expected ({@code expected} and {@code partial} empty where expected is unknown); with {@code task=explanation}, one row per cell, window, arm and alignment setting with the entity metrics.
 * Numbers stay numbers (a negative IFL is {@code -0.25}); a text field that a spreadsheet would run as a formula is
 * written with a single quote before it ({@code '=HYPERLINK(...)}).
 */
public final class CellsCsv {
    /** First characters that make a spreadsheet read a cell as a formula. */
    private static final String FORMULA_STARTS = "=+-@\t\r";
    private static final List<Column<FiguresView>> COLUMNS = columns();
    private static final List<Column<Explanation>> EXPLANATION_COLUMNS = explanationColumns();

    private CellsCsv() {
    }

    private record Column<R>(String name, Function<R, Object> value) {
    }

    /** One line of the explanation CSV: a cell and one of its explanation figures. */
    private record Explanation(FiguresView cell, ExplanationView figures) {
    }

    private static List<Column<FiguresView>> columns() {
        List<Column<FiguresView>> c = new ArrayList<>();
        c.add(new Column<>("model", FiguresView::model));
        c.add(new Column<>("checkpoint", FiguresView::checkpoint));
        c.add(new Column<>("dataset", FiguresView::dataset));
        c.add(new Column<>("language", FiguresView::language));
        c.add(new Column<>("window", FiguresView::window));
        c.add(new Column<>("pairs", FiguresView::pairs));
        c.add(new Column<>("remedy_pairs", FiguresView::remedyPairs));
        c.add(new Column<>("counted", FiguresView::counted));
        c.add(new Column<>("expected", FiguresView::expected));
        c.add(new Column<>("partial", FiguresView::partial));
        arm(c, "text", FiguresView::text);
        arm(c, "image", FiguresView::image);
        arm(c, "image_remedy", FiguresView::imageRemedy);
        estimate(c, "ifl", FiguresView::ifl);
        estimate(c, "ifl_remedy", FiguresView::iflRemedy);
        estimate(c, "diff", FiguresView::diff);
        c.add(new Column<>("relative", FiguresView::relative));
        estimate(c, "line_ifl", FiguresView::lineIfl);
        c.add(new Column<>("dsl_labels", f -> f.dsl() == null ? null : f.dsl().labels()));
        estimate(c, "dsl_f_text", f -> f.dsl() == null ? null : f.dsl().text());
        estimate(c, "dsl_f_image", f -> f.dsl() == null ? null : f.dsl().image());
        estimate(c, "dsl_f_image_remedy", f -> f.dsl() == null ? null : f.dsl().imageRemedy());
        estimate(c, "dsl_ifl", f -> f.dsl() == null ? null : f.dsl().ifl());
        estimate(c, "dsl_ifl_remedy", f -> f.dsl() == null ? null : f.dsl().iflRemedy());
        c.add(new Column<>("accuracy_labels", f -> f.accuracy() == null ? null : f.accuracy().labels()));
        accuracyArm(c, "text", AccuracyView::text);
        accuracyArm(c, "image", AccuracyView::image);
        accuracyArm(c, "image_remedy", AccuracyView::imageRemedy);
        estimate(c, "accuracy_diff", f -> f.accuracy() == null ? null : f.accuracy().difference());
        estimate(c, "accuracy_diff_remedy", f -> f.accuracy() == null ? null : f.accuracy().differenceRemedy());
        estimate(c, "dsl_accuracy_diff", f -> f.accuracy() == null ? null : f.accuracy().dslDifference());
        estimate(c, "dsl_accuracy_diff_remedy", f -> f.accuracy() == null ? null
                : f.accuracy().dslDifferenceRemedy());
        c.add(new Column<>("unpaired_text", FiguresView::unpairedText));
        c.add(new Column<>("unpaired_image", FiguresView::unpairedImage));
        c.add(new Column<>("unpaired_image_remedy", FiguresView::unpairedImageRemedy));
        c.add(new Column<>("duplicates", FiguresView::duplicates));
        c.add(new Column<>("updated_at", FiguresView::updatedAt));
        return List.copyOf(c);
    }

    private static List<Column<Explanation>> explanationColumns() {
        List<Column<Explanation>> c = new ArrayList<>();
        c.add(new Column<>("model", e -> e.cell().model()));
        c.add(new Column<>("checkpoint", e -> e.cell().checkpoint()));
        c.add(new Column<>("dataset", e -> e.cell().dataset()));
        c.add(new Column<>("language", e -> e.cell().language()));
        c.add(new Column<>("window", e -> e.cell().window()));
        c.add(new Column<>("arm", e -> e.figures().arm()));
        c.add(new Column<>("setting", e -> e.figures().setting()));
        c.add(new Column<>("answers", e -> e.figures().answers()));
        estimate(c, "ec_exact", e -> e.figures().coverageExact());
        estimate(c, "ec_partial", e -> e.figures().coveragePartial());
        estimate(c, "ef1", e -> e.figures().f1());
        c.add(new Column<>("ecooc_answers", e -> e.figures().cooccurrence() == null ? 0
                : e.figures().cooccurrence().n()));
        estimate(c, "ecooc", e -> e.figures().cooccurrence());
        c.add(new Column<>("updated_at", e -> e.cell().updatedAt()));
        return List.copyOf(c);
    }

    private static void arm(List<Column<FiguresView>> c, String name, Function<FiguresView, ArmView> arm) {
        c.add(new Column<>(name + "_completions", f -> arm.apply(f).completions()));
        estimate(c, "f_" + name, f -> arm.apply(f).fidelity());
        c.add(new Column<>("f_" + name + "_line", f -> value(arm.apply(f).lineFidelity())));
        estimate(c, "wpr_" + name, f -> arm.apply(f).wordPassRate());
        c.add(new Column<>("wpr_" + name + "_n", f -> arm.apply(f).wordPassRate() == null ? null
                : arm.apply(f).wordPassRate().n()));
        c.add(new Column<>(name + "_errors", f -> arm.apply(f).errors()));
        c.add(new Column<>(name + "_undetected", f -> arm.apply(f).undetected()));
    }

    /** An arm's accuracy columns: answers judged, surrogate accuracy, correctness labels, DSL accuracy. */
    private static void accuracyArm(List<Column<FiguresView>> c, String name,
            Function<AccuracyView, ArmAccuracyView> arm) {
        Function<FiguresView, ArmAccuracyView> of = f -> f.accuracy() == null ? null : arm.apply(f.accuracy());
        c.add(new Column<>("accuracy_" + name + "_judged", f -> of.apply(f) == null ? null : of.apply(f).judged()));
        estimate(c, "accuracy_" + name, f -> of.apply(f) == null ? null : of.apply(f).surrogate());
        c.add(new Column<>("accuracy_" + name + "_labels", f -> of.apply(f) == null ? null : of.apply(f).labels()));
        estimate(c, "dsl_accuracy_" + name, f -> of.apply(f) == null ? null : of.apply(f).dsl());
    }

    private static <R> void estimate(List<Column<R>> c, String name, Function<R, EstimateView> e) {
        c.add(new Column<>(name, f -> value(e.apply(f))));
        c.add(new Column<>(name + "_low", f -> e.apply(f) == null ? null : e.apply(f).low()));
        c.add(new Column<>(name + "_high", f -> e.apply(f) == null ? null : e.apply(f).high()));
        c.add(new Column<>(name + "_method", f -> e.apply(f) == null ? null : e.apply(f).method()));
    }

    private static Double value(EstimateView e) {
        return e == null ? null : e.value();
    }

    public static String write(List<FiguresView> rows) {
        return write(rows, COLUMNS);
    }

    /** The entity metrics of {@code cells}: a row per arm and alignment setting that has them. */
    public static String writeExplanation(List<FiguresView> cells) {
        List<Explanation> rows = new ArrayList<>();
        cells.forEach(cell -> cell.explanation().forEach(e -> rows.add(new Explanation(cell, e))));
        return write(rows, EXPLANATION_COLUMNS);
    }

    private static <R> String write(List<R> rows, List<Column<R>> columns) {
        StringBuilder csv = new StringBuilder();
        csv.append(String.join(",", columns.stream().map(Column::name).toList())).append("\r\n");
        for (R row : rows) {
            List<String> fields = new ArrayList<>(columns.size());
            for (Column<R> column : columns) {
                fields.add(field(column.value.apply(row)));
            }
            csv.append(String.join(",", fields)).append("\r\n");
        }
        return csv.toString();
    }

    /**
     * A value as a CSV field: numbers and booleans as written by the code; text (model, checkpoint, dataset and
     * language names come from whoever publishes queries) {@linkplain #neutralised neutralised}, then quoted.
     */
    static String field(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return quote(neutralised(value.toString()));
    }

    /**
     * Text a spreadsheet would take for a formula (it starts with {@code = + - @}, a tab or a carriage return)
     * with a single quote before it, so that the spreadsheet shows it as text and runs nothing.
     */
    public static String neutralised(String text) {
        if (!text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }

    /** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
    public static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
