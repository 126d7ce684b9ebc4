package org.ifl.statsstream.internal.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.ifl.statsstream.FiguresView;
import org.ifl.statsstream.internal.cell.CellFigures;
import org.ifl.statsstream.internal.cell.CellKey;
import org.ifl.statsstream.internal.cell.CellWindow;
import org.ifl.statsstream.internal.cell.FidelityCell;
import org.junit.jupiter.api.Test;

class FigureMetricsTest {

    @Test
    void theMostRecentCheckpointsAreTheLastFirstSeen() {
        assertEquals(List.of("c2", "c3", "c4"), FigureMetrics.recent(List.of("c1", "c2", "c3", "c4"), 3));
        assertEquals(List.of("c1"), FigureMetrics.recent(List.of("c1"), 3));
        assertEquals(List.of(), FigureMetrics.recent(List.of(), 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FigureMetrics.recent(List.of("c1"), 0));
        assertEquals("checkpoints per model must be at least 1, not 0", e.getMessage());
    }

    @Test
    void aCheckpointThatFallsOutOfTheMostRecentLeavesTheRegistry() {
        MeterRegistry registry = new SimpleMeterRegistry();
        GaugeSet gauges = new GaugeSet(registry, FigureMetrics.DESCRIPTIONS);
        gauges.show(snapshot(List.of("c1", "c2", "c3", "c4"), "c3"));
        assertEquals(Set.of("c2", "c3", "c4"), checkpointsRegistered(registry));
        assertEquals(1.0, regression(registry, "c3").value());
        assertEquals(0.0, regression(registry, "c4").value());

        gauges.show(snapshot(List.of("c1", "c2", "c3", "c4", "c5"), "c4"));
        assertEquals(Set.of("c3", "c4", "c5"), checkpointsRegistered(registry));
        assertNull(registry.find(FigureMetrics.CHECKPOINT_REGRESSION).tag("checkpoint", "c2").gauge(),
                "c2's gauge is removed");
        assertEquals(0.0, regression(registry, "c3").value(), "a kept gauge reads the new snapshot");
        assertEquals(1.0, regression(registry, "c4").value());
        assertEquals(3, gauges.size());

        gauges.show(Map.of());
        assertTrue(registry.find(FigureMetrics.CHECKPOINT_REGRESSION).gauges().isEmpty());
    }

    @Test
    void aCellWithoutAnswersHasItsPairsButNoIfl() {
        CellKey cell = new CellKey("vlm", "c1", "maxm", "de");
        FiguresView empty = FiguresView.of(CellFigures.cell(cell, CellWindow.CUMULATIVE, FidelityCell.EMPTY,
                Instant.EPOCH));
        Map<FigureSeries, Double> series = FigureMetrics.ofCheckpoint("vlm", "c1", List.of(empty), null, false);
        Map<String, Double> byName = new LinkedHashMap<>();
        series.forEach((s, v) -> byName.put(s.name(), v));
        assertEquals(Map.of(FigureMetrics.CELL_PAIRS, 0.0, FigureMetrics.CHECKPOINT_REGRESSION, 0.0), byName);
    }

    /** The regression gauge of each of a model's most recent 3 checkpoints, {@code regressed} standing. */
    private static Map<FigureSeries, Double> snapshot(List<String> firstSeen, String regressed) {
        Map<FigureSeries, Double> out = new LinkedHashMap<>();
        for (String checkpoint : FigureMetrics.recent(firstSeen, 3)) {
            out.putAll(FigureMetrics.ofCheckpoint("vlm", checkpoint, List.of(), null, checkpoint.equals(regressed)));
        }
        return out;
    }

    private static Set<String> checkpointsRegistered(MeterRegistry registry) {
        return registry.find(FigureMetrics.CHECKPOINT_REGRESSION).gauges().stream()
                .map(g -> g.getId().getTag("checkpoint")).collect(Collectors.toSet());
    }

    private static Gauge regression(MeterRegistry registry, String checkpoint) {
        return registry.get(FigureMetrics.CHECKPOINT_REGRESSION).tag("checkpoint", checkpoint).gauge();
    }
}
