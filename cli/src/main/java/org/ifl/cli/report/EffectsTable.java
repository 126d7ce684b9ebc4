package org.ifl.cli.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.ifl.cli.report.FigureTable.Column;
import org.ifl.cli.report.FigureTable.Interval;
import org.ifl.cli.report.FigureTable.Kind;
import org.ifl.statsstream.EffectsView;

/**
 * Design-factor effects ({@code GET /effects}) as {@code ifl report --effects} prints them: a row per language and
 * term, each coefficient in percentage points with its cluster-robust standard error and 95% interval, and the
 * answers and items the fit rests on; a language whose answers cannot fit the model is one row saying why.
 */
public final class EffectsTable {
    private EffectsTable() {
    }

    /** One term of one language's fit, or (term null) the reason the fit was refused. */
    public record Row(String language, String term, String kind, Double estimate, Double se, Interval interval,
            long rows, int items, String refused) {
    }

    private static final List<Column<Row>> COLUMNS = List.of(
            new Column<>("language", Kind.LABEL, Row::language),
            new Column<>("term", Kind.LABEL, r -> r.term() == null ? "refused: " + r.refused() : r.term()),
            new Column<>("effect on", Kind.LABEL, r -> r.kind() == null ? FigureTable.MISSING : r.kind()),
            new Column<>("estimate", Kind.FRACTION, Row::estimate),
            new Column<>("se", Kind.FRACTION, Row::se),
            new Column<>("95% CI", Kind.INTERVAL, Row::interval),
            new Column<>("answers", Kind.COUNT, Row::rows),
            new Column<>("items", Kind.COUNT, Row::items));

    public static FigureTable<Row> of(EffectsView effects) {
        List<Row> rows = new ArrayList<>();
        for (EffectsView.LanguageFit fit : effects.fits()) {
            if (fit.refused() != null) {
                rows.add(new Row(fit.language(), null, null, null, null, null, fit.rows(), fit.clusters(),
                        fit.refused()));
                continue;
            }
            for (EffectsView.TermEstimate t : fit.estimates()) {
                rows.add(new Row(fit.language(), t.term(), t.kind(), t.estimate(), t.se(),
                        new Interval(t.low(), t.high()), fit.rows(), fit.clusters(), null));
            }
        }
        return new FigureTable<>(title(effects), COLUMNS, rows);
    }

    private static String title(EffectsView effects) {
        String levels = effects.checkpoints().stream()
                .map(c -> c + " " + attributes(effects.levels().getOrDefault(c, Map.of())))
                .collect(Collectors.joining("; "));
        return "Design-factor effects of model " + effects.model() + ", checkpoints " + levels + ", reference "
                + attributes(effects.reference()) + ", " + (effects.dataset() == null ? "every dataset pooled"
                : "dataset " + effects.dataset()) + " (OLS of fidelity on intercept, image, attribute levels and"
                + " image x levels; estimate, se and 95% interval in percentage points, errors clustered by item)";
    }

    private static String attributes(Map<String, String> values) {
        return new TreeMap<>(values).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", ", "(", ")"));
    }
}
