package org.ifl.benchmarks.dsl;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ifl.benchmarks.dsl.DslCoverageSimulation.Coverage;
import org.ifl.benchmarks.dsl.DslCoverageSimulation.Options;
import org.ifl.benchmarks.dsl.DslCoverageSimulation.Result;
import org.ifl.benchmarks.dsl.DslCoverageSimulation.Row;

/**
 * A {@link Result} as a table, "how many labels buy how much width": as text for a terminal or as Markdown for
 * docs, the same lines above it and the same columns. Half-widths are in percentage points, coverages in %.
 */
public final class DslCoverageReport {

    private record Column(String header, Function<Row, String> value) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("labels/arm", r -> f("%,d", r.labels())),
            new Column("drawn", r -> f("%,.1f", r.meanLabelsDrawn())),
            new Column("F_image DSL ±", r -> points(r.image().dsl())),
            new Column("F_image DSL cover", r -> percent(r.image().dsl())),
            new Column("F_image lid ±", r -> points(r.image().identifier())),
            new Column("F_image lid cover", r -> percent(r.image().identifier())),
            new Column("IFL DSL ±", r -> points(r.ifl().dsl())),
            new Column("IFL DSL cover", r -> percent(r.ifl().dsl())),
            new Column("IFL lid ±", r -> points(r.ifl().identifier())),
            new Column("IFL lid cover", r -> percent(r.ifl().identifier())),
            new Column("F_text DSL cover", r -> percent(r.text().dsl())),
            new Column("F_text lid cover", r -> percent(r.text().identifier())));

    private DslCoverageReport() {
    }

    public static String text(Result result) {
        List<String[]> cells = result.rows().stream()
                .map(row -> COLUMNS.stream().map(c -> c.value().apply(row)).toArray(String[]::new)).toList();
        int[] widths = new int[COLUMNS.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = COLUMNS.get(c).header().length();
            for (String[] row : cells) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder(preamble(result)).append('\n');
        textLine(out, COLUMNS.stream().map(Column::header).toArray(String[]::new), widths);
        cells.forEach(row -> textLine(out, row, widths));
        return out.toString();
    }

    public static String markdown(Result result) {
        StringBuilder out = new StringBuilder(preamble(result)).append('\n');
        out.append(markdownLine(COLUMNS.stream().map(Column::header)));
        out.append(markdownLine(COLUMNS.stream().map(c -> "---:")));
        for (Row row : result.rows()) {
            out.append(markdownLine(COLUMNS.stream().map(c -> c.value().apply(row))));
        }
        return out.toString();
    }

    /** What was simulated, in lines that read as text and as Markdown paragraphs alike. */
    private static String preamble(Result result) {
        Options o = result.options();
        double monteCarloError = Math.sqrt(0.95 * 0.05 / o.replications());
        return f("ifl bench dsl: %,d simulated cells a row, seed %d.%n%n", o.replications(), o.seed())
                + f("A cell: %,d items, each answered in the TEXT and the IMAGE arm; true fidelity %.3f (text) and"
                        + " %.3f (image), IFL %.3f. The language identifier (lid) reads %.1f%% of each arm's answers,"
                        + " all truly in the expected language, as another language. An expert labels each answer"
                        + " independently with probability pi = (labels/arm) / items; drawn: the labels a cell got in"
                        + " both arms, on average.%n%n", o.itemsPerCell(),
                        o.textFidelity(), o.imageFidelity(), o.ifl(), 100 * o.mislabeled())
                + f("±: mean half-width of the 95%% interval, in points; cover: the share of cells whose interval"
                        + " holds the true value (the fidelity the answers are drawn with), in %%, with a Monte Carlo"
                        + " standard error of %.2f points at 95%%. DSL: mean of pseudo-outcomes +- 1.96 se (IFL from"
                        + " their paired differences); lid: the identifier alone (Wilson; IFL the stream's paired"
                        + " interval).%n", 100 * monteCarloError);
    }

    private static void textLine(StringBuilder out, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            line.append(c == 0 ? "" : "  ").append(" ".repeat(widths[c] - cells[c].length())).append(cells[c]);
        }
        out.append(line).append('\n');
    }

    private static String markdownLine(Stream<String> cells) {
        return cells.collect(Collectors.joining(" | ", "| ", " |\n"));
    }

    private static String points(Coverage coverage) {
        return f("%.1f", 100 * coverage.meanHalfWidth());
    }

    private static String percent(Coverage coverage) {
        return f("%.1f", 100 * coverage.share());
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
