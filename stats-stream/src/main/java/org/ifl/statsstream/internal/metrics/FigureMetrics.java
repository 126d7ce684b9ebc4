package org.ifl.statsstream.internal.metrics;

import io.micrometer.core.instrument.Tags;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ifl.statsstream.FiguresView;
import org.ifl.statsstream.FiguresView.ArmView;
import org.ifl.statsstream.FiguresView.EstimateView;

/**
 * The figures stats-stream serves, as gauges (docs/metrics.md): the cumulative figures of each cell and of each
 * checkpoint, taken from the same views {@code /cells} and {@code /summary} serve, of the most recent checkpoints
 * of each model only.
 */
public final class FigureMetrics {
    public static final String CELL_IFL = "ifl.cell.ifl";
    public static final String CELL_IFL_LOW = "ifl.cell.ifl.low";
    public static final String CELL_IFL_HIGH = "ifl.cell.ifl.high";
    public static final String CELL_FIDELITY = "ifl.cell.fidelity";
    public static final String CELL_REMEDY_DIFFERENCE = "ifl.cell.remedy.difference";
    public static final String CELL_PAIRS = "ifl.cell.pairs";
    public static final String CHECKPOINT_COUNTED = "ifl.checkpoint.answers.counted";
    public static final String CHECKPOINT_EXPECTED = "ifl.checkpoint.answers.expected";
    public static final String CHECKPOINT_IFL = "ifl.checkpoint.ifl";
    public static final String CHECKPOINT_REGRESSION = "ifl.checkpoint.regression";

    /** Each gauge's description, as /prometheus shows it in its HELP line. */
    public static final Map<String, String> DESCRIPTIONS = Map.of(
            CELL_IFL, "IFL of the cell (F_image - F_text), cumulative",
            CELL_IFL_LOW, "lower bound of the 95% interval of the cell's IFL",
            CELL_IFL_HIGH, "upper bound of the 95% interval of the cell's IFL",
            CELL_FIDELITY, "fidelity of one arm of the cell (share of faithful completions)",
            CELL_REMEDY_DIFFERENCE, "IFL with the remedy minus IFL without (diff) of the cell",
            CELL_PAIRS, "items of the cell with both the text and the image arm answered",
            CHECKPOINT_COUNTED, "answers counted in the checkpoint's cells",
            CHECKPOINT_EXPECTED, "answers the checkpoint's published queries expect",
            CHECKPOINT_IFL, "pooled IFL of the checkpoint (all its cells' pairs as one table)",
            CHECKPOINT_REGRESSION, "1 while a regression alert of the checkpoint stands (eval.alerts), else 0");

    private FigureMetrics() {
    }

    /**
     * The checkpoints of a model whose figures are exported: the last {@code perModel} of {@code firstSeenOrder}
     * (the model's checkpoints in the order their first answer was counted).
     */
    public static List<String> recent(List<String> firstSeenOrder, int perModel) {
        if (perModel < 1) {
            throw new IllegalArgumentException("checkpoints per model must be at least 1, not " + perModel);
        }
        return List.copyOf(firstSeenOrder.subList(Math.max(0, firstSeenOrder.size() - perModel),
                firstSeenOrder.size()));
    }

    /**
     * The gauges of one checkpoint: its cells' (as {@code /cells} serves them, cumulative), its summary's (as
     * {@code /summary} serves its checkpoint summary, cumulative) and whether a regression of it stands. A figure
     * the views leave out (no interval, no remedy arm, expected answers unknown) has no gauge.
     */
    public static Map<FigureSeries, Double> ofCheckpoint(String model, String checkpoint, List<FiguresView> cells,
            FiguresView summary, boolean regression) {
        Map<FigureSeries, Double> out = new LinkedHashMap<>();
        for (FiguresView cell : cells) {
            Tags tags = Tags.of("model", model, "checkpoint", checkpoint, "dataset", cell.dataset(), "language",
                    cell.language());
            EstimateView ifl = cell.ifl();
            if (ifl != null) {
                put(out, CELL_IFL, tags, ifl.value());
                put(out, CELL_IFL_LOW, tags, ifl.low());
                put(out, CELL_IFL_HIGH, tags, ifl.high());
            }
            fidelity(out, tags, "text", cell.text());
            fidelity(out, tags, "image", cell.image());
            fidelity(out, tags, "image_remedy", cell.imageRemedy());
            if (cell.diff() != null) {
                put(out, CELL_REMEDY_DIFFERENCE, tags, cell.diff().value());
            }
            put(out, CELL_PAIRS, tags, (double) cell.pairs());
        }
        Tags tags = Tags.of("model", model, "checkpoint", checkpoint);
        if (summary != null) {
            put(out, CHECKPOINT_COUNTED, tags, (double) summary.counted());
            put(out, CHECKPOINT_EXPECTED, tags, summary.expected() == null ? null : summary.expected().doubleValue());
            FiguresView pooled = summary.pooled();
            if (pooled != null && pooled.ifl() != null) {
                put(out, CHECKPOINT_IFL, tags, pooled.ifl().value());
            }
        }
        put(out, CHECKPOINT_REGRESSION, tags, regression ? 1.0 : 0.0);
        return out;
    }

    private static void fidelity(Map<FigureSeries, Double> out, Tags cell, String arm, ArmView figures) {
        if (figures != null && figures.fidelity() != null) {
            put(out, CELL_FIDELITY, cell.and("arm", arm), figures.fidelity().value());
        }
    }

    private static void put(Map<FigureSeries, Double> out, String name, Tags tags, Double value) {
        if (value != null && Double.isFinite(value)) {
            out.put(new FigureSeries(name, tags), value);
        }
    }
}
