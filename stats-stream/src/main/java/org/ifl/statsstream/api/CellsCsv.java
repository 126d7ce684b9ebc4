package org.ifl.statsstream.api;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.ifl.statsstream.api.FiguresView.ArmView;
import org.ifl.statsstream.api.FiguresView.EstimateView;

/** {@code GET /cells.csv}: one row per cell and window, every figure with its interval, fractions not percents. */
public final class CellsCsv {
    private static final List<Column> COLUMNS = columns();

    private CellsCsv() {
    }

    private record Column(String name, Function<FiguresView, Object> value) {
    }

    private static List<Column> columns() {
        List<Column> c = new ArrayList<>();
        c.add(new Column("model", FiguresView::model));
        c.add(new Column("checkpoint", FiguresView::checkpoint));
        c.add(new Column("dataset", FiguresView::dataset));
        c.add(new Column("language", FiguresView::language));
        c.add(new Column("window", FiguresView::window));
        c.add(new Column("pairs", FiguresView::pairs));
        c.add(new Column("remedy_pairs", FiguresView::remedyPairs));
        arm(c, "text", FiguresView::text);
        arm(c, "image", FiguresView::image);
        arm(c, "image_remedy", FiguresView::imageRemedy);
        estimate(c, "ifl", FiguresView::ifl);
        estimate(c, "ifl_remedy", FiguresView::iflRemedy);
        estimate(c, "diff", FiguresView::diff);
        c.add(new Column("relative", FiguresView::relative));
        estimate(c, "line_ifl", FiguresView::lineIfl);
        c.add(new Column("dsl_labels", f -> f.dsl() == null ? null : f.dsl().labels()));
        estimate(c, "dsl_ifl", f -> f.dsl() == null ? null : f.dsl().ifl());
        estimate(c, "dsl_ifl_remedy", f -> f.dsl() == null ? null : f.dsl().iflRemedy());
        c.add(new Column("unpaired_text", FiguresView::unpairedText));
        c.add(new Column("unpaired_image", FiguresView::unpairedImage));
        c.add(new Column("unpaired_image_remedy", FiguresView::unpairedImageRemedy));
        c.add(new Column("duplicates", FiguresView::duplicates));
        c.add(new Column("updated_at", FiguresView::updatedAt));
        return List.copyOf(c);
    }

    private static void arm(List<Column> c, String name, Function<FiguresView, ArmView> arm) {
        c.add(new Column(name + "_completions", f -> arm.apply(f).completions()));
        estimate(c, "f_" + name, f -> arm.apply(f).fidelity());
        c.add(new Column("f_" + name + "_line", f -> value(arm.apply(f).lineFidelity())));
        c.add(new Column(name + "_errors", f -> arm.apply(f).errors()));
        c.add(new Column(name + "_undetected", f -> arm.apply(f).undetected()));
    }

    private static void estimate(List<Column> c, String name, Function<FiguresView, EstimateView> e) {
        c.add(new Column(name, f -> value(e.apply(f))));
        c.add(new Column(name + "_low", f -> e.apply(f) == null ? null : e.apply(f).low()));
        c.add(new Column(name + "_high", f -> e.apply(f) == null ? null : e.apply(f).high()));
        c.add(new Column(name + "_method", f -> e.apply(f) == null ? null : e.apply(f).method()));
    }

    private static Double value(EstimateView e) {
        return e == null ? null : e.value();
    }

    public static String write(List<FiguresView> rows) {
        StringBuilder csv = new StringBuilder();
        csv.append(String.join(",", COLUMNS.stream().map(Column::name).toList())).append("\r\n");
        for (FiguresView row : rows) {
            List<String> fields = new ArrayList<>(COLUMNS.size());
            for (Column column : COLUMNS) {
                Object v = column.value.apply(row);
                fields.add(v == null ? "" : quote(v.toString()));
            }
            csv.append(String.join(",", fields)).append("\r\n");
        }
        return csv.toString();
    }

    /** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
    public static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
