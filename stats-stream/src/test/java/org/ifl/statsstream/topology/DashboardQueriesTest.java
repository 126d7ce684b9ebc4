package org.ifl.statsstream.topology;

import static org.ifl.statsstream.SimulatedCompletions.labeled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.LabelStatus;
import org.ifl.schemas.avro.PairKey;
import org.ifl.statsstream.CheckpointView;
import org.ifl.statsstream.FiguresView;
import org.ifl.statsstream.OverviewView;
import org.ifl.statsstream.OverviewView.CheckpointOverview;
import org.ifl.statsstream.OverviewView.LanguageSummary;
import org.ifl.statsstream.SeriesView;
import org.ifl.statsstream.internal.alert.AlertPolicy;
import org.ifl.statsstream.internal.api.SeriesRows;
import org.ifl.statsstream.internal.cell.CellWindow;
import org.ifl.statsstream.internal.cell.HoppingWindows;
import org.junit.jupiter.api.Test;

/**
 * What the dashboard's endpoints read from the stores, on one instance: checkpoints in registration order with
 * their registrations, the overview's language summaries and open alerts, and hopping windows as a series.
 */
class DashboardQueriesTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:05:00Z");
    private static final double EPS = 1e-12;
    private static final StatsTopology.Options OPTIONS = new StatsTopology.Options(
            new HoppingWindows(Duration.ofMinutes(20), Duration.ofMinutes(10), Duration.ofMinutes(30)),
            StatsDriver.EMIT, new AlertPolicy(0.1, Map.of()));

    /** One item of a cell of model vlm: the fidelity of its text, image and remedy answers. */
    private static void item(StatsDriver d, String checkpoint, String dataset, String language, String item,
            int text, int image, int remedy, Instant at) {
        PairKey p = new PairKey("run-1", "vlm", checkpoint, dataset, item, language);
        int[] f = {text, image, remedy};
        for (Arm arm : Arm.values()) {
            String id = checkpoint + "/" + dataset + "/" + language + "/" + item + "/" + arm;
            d.send(labeled(p, arm, id, f[arm.ordinal()], f[arm.ordinal()], LabelStatus.LABELED, at), at);
        }
    }

    @Test
    void aLanguageSummaryIsTheUnweightedMeanOfItsCellsOverTheDatasets() {
        try (StatsDriver d = new StatsDriver("dashboard-languages", OPTIONS)) {
            // de in d1, 4 items (text, image, remedy): image - text = -1, -1, 0, 0 -> IFL -0.5;
            // remedy - text = 0 each -> IFL+remedy 0; remedy - image = 1, 1, 0, 0 -> diff 0.5.
            item(d, "c1", "d1", "de", "i0", 1, 0, 1, T0);
            item(d, "c1", "d1", "de", "i1", 1, 0, 1, T0);
            item(d, "c1", "d1", "de", "i2", 1, 1, 1, T0);
            item(d, "c1", "d1", "de", "i3", 0, 0, 0, T0);
            // de in d2, 2 items, all faithful or all not: IFL 0, IFL+remedy 0, diff 0.
            item(d, "c1", "d2", "de", "i0", 0, 0, 0, T0);
            item(d, "c1", "d2", "de", "i1", 1, 1, 1, T0);
            // ja in d1 only, 2 items: image - text = 0, -1 -> -0.5; remedy - text = 0, -1 -> -0.5; diff 0.
            item(d, "c1", "d1", "ja", "i0", 1, 1, 1, T0);
            item(d, "c1", "d1", "ja", "i1", 1, 0, 0, T0);
            d.flush();

            List<OverviewView> overview = d.checkpointQueries().overview("vlm");
            assertEquals(1, overview.size());
            CheckpointOverview c1 = overview.get(0).checkpoints().get(0);
            assertEquals("c1", c1.checkpoint());
            assertEquals(3, c1.cells());
            assertEquals(24, c1.counted());
            assertEquals(List.of("de", "ja"), c1.languages().stream().map(LanguageSummary::language).toList());
            LanguageSummary de = c1.languages().get(0);
            // Each dataset counts once: (-0.5 + 0) / 2, not the pooled -2/6 of its 6 pairs.
            assertEquals(-0.25, de.ifl().value(), EPS);
            assertEquals(0.0, de.iflRemedy().value(), EPS);
            assertEquals(0.25, de.diff().value(), EPS);
            assertEquals(6, de.pairs());
            LanguageSummary ja = c1.languages().get(1);
            assertEquals(-0.5, ja.ifl().value(), EPS);
            assertEquals(-0.5, ja.iflRemedy().value(), EPS);
            assertEquals(0.0, ja.diff().value(), EPS);
            assertEquals(2, ja.pairs());
            // The checkpoint's summary is the one /summary serves: (-0.5 + 0 - 0.5) / 3 over its three cells.
            FiguresView summary = c1.summary();
            assertEquals(d.api().summary("vlm", "c1", CellWindow.CUMULATIVE).checkpointSummary(), summary);
            assertEquals(-1.0 / 3, summary.ifl().value(), EPS);
            assertEquals(0, c1.openAlerts());
            assertFalse(c1.registered());
            assertEquals(Map.of(), c1.attributes());
        }
    }

    @Test
    void checkpointsComeInRegistrationOrderThenAsTheStreamSawThem() {
        try (StatsDriver d = new StatsDriver("dashboard-checkpoints", OPTIONS)) {
            // Unregistered z then y (the stream sees z's answers first); a, b registered with b first; q registered
            // with neither cells nor queries.
            item(d, "z", "d1", "de", "i0", 1, 1, 1, T0);
            d.flush();
            item(d, "y", "d1", "de", "i0", 1, 1, 1, T0);
            item(d, "a", "d1", "de", "i0", 1, 0, 1, T0);
            d.flush();
            d.register("vlm", "b", T0.minusSeconds(7200), null, Map.of("lr", "1e-4", "step", "1000"));
            d.register("vlm", "a", T0.minusSeconds(3600), "b", Map.of("step", "2000"));
            d.register("vlm", "q", T0, null);
            d.register("other", "x", T0, null);

            List<CheckpointView> checkpoints = d.checkpointQueries().checkpoints("vlm");
            assertEquals(List.of("b", "a", "q", "z", "y"), checkpoints.stream().map(CheckpointView::checkpoint).toList());
            CheckpointView b = checkpoints.get(0);
            assertTrue(b.registered());
            assertEquals(T0.minusSeconds(7200), b.registeredAt());
            assertEquals(Map.of("lr", "1e-4", "step", "1000"), b.attributes());
            assertEquals("djl", b.backend());
            assertEquals(0, b.cells(), "registered, nothing answered or asked yet");
            assertEquals(0, b.counted());
            assertNull(b.expected());
            CheckpointView a = checkpoints.get(1);
            assertEquals("b", a.baselineCheckpoint());
            assertEquals(1, a.cells());
            assertEquals(3, a.counted());
            CheckpointView z = checkpoints.get(3);
            assertFalse(z.registered());
            assertNull(z.registeredAt());
            assertEquals(Map.of(), z.attributes());

            List<CheckpointView> all = d.checkpointQueries().checkpoints(null);
            assertEquals(List.of("other/x", "vlm/b", "vlm/a", "vlm/q", "vlm/z", "vlm/y"),
                    all.stream().map(c -> c.model() + "/" + c.checkpoint()).toList());
            List<OverviewView> overview = d.checkpointQueries().overview(null);
            assertEquals(List.of("other", "vlm"), overview.stream().map(OverviewView::model).toList());
            assertEquals(List.of("b", "a", "q", "z", "y"), overview.get(1).checkpoints().stream()
                    .map(CheckpointOverview::checkpoint).toList());
            assertNull(overview.get(1).checkpoints().get(0).summary(), "no answers, no summary");
            assertEquals(List.of(), overview.get(1).checkpoints().get(0).languages());
        }
    }

    @Test
    void aRegressionIsAnOpenAlertOfItsCheckpointUntilItResolves() {
        try (StatsDriver d = new StatsDriver("dashboard-open-alerts", OPTIONS)) {
            for (int i = 0; i < 40; i++) {
                item(d, "c1", "d1", "de", "i" + i, 1, 1, 1, T0);
                item(d, "c1", "d2", "de", "i" + i, 1, 1, 1, T0);
            }
            d.flush();
            // c2 regresses in d1 (image unfaithful for half the items), not in d2.
            for (int i = 0; i < 40; i++) {
                item(d, "c2", "d1", "de", "i" + i, 1, i % 2, 1, T0);
                item(d, "c2", "d2", "de", "i" + i, 1, 1, 1, T0);
            }
            d.flush();
            assertEquals(1, d.alerts.readValuesToList().size());
            List<CheckpointOverview> overview = d.checkpointQueries().overview("vlm").get(0).checkpoints();
            assertEquals(0, overview.get(0).openAlerts());
            assertEquals(1, overview.get(1).openAlerts());

            for (int i = 40; i < 640; i++) {
                item(d, "c1", "d1", "de", "i" + i, 1, 1, 1, T0);
                item(d, "c2", "d1", "de", "i" + i, 1, 1, 1, T0);
            }
            d.flush();
            assertEquals(1, d.alerts.readValuesToList().size(), "resolved");
            assertEquals(0, d.checkpointQueries().overview("vlm").get(0).checkpoints().get(1).openAlerts());
        }
    }

    @Test
    void theSeriesIsEveryHoppingCellByLanguageThenStart() {
        try (StatsDriver d = new StatsDriver("dashboard-series", OPTIONS)) {
            // 20-minute windows every 10 minutes: 10:05 is in [09:50, 10:10) and [10:00, 10:20); 10:25 in
            // [10:10, 10:30) and [10:20, 10:40).
            Instant later = T0.plus(Duration.ofMinutes(20));
            item(d, "c1", "d1", "ja", "i0", 1, 0, 1, T0);
            item(d, "c1", "d1", "de", "i0", 1, 1, 1, T0);
            item(d, "c1", "d2", "de", "i0", 1, 0, 0, T0);
            item(d, "c1", "d1", "de", "i1", 1, 0, 1, later);
            d.flush();

            List<SeriesView> series = SeriesRows.of(d.api().hoppingCells("vlm", "c1", null));
            List<String> expected = List.of(
                    "de d1 09:50", "de d2 09:50", "de d1 10:00", "de d2 10:00", "de d1 10:10", "de d1 10:20",
                    "ja d1 09:50", "ja d1 10:00");
            assertEquals(expected, series.stream().map(r -> r.language() + " " + r.dataset() + " "
                    + r.start().toString().substring(11, 16)).toList());
            // Each row is the figures /cells?window= serves of its window.
            Set<String> windows = new LinkedHashSet<>();
            series.forEach(r -> windows.add(r.window()));
            List<SeriesView> fromCells = new ArrayList<>();
            for (String window : windows) {
                for (FiguresView cell : d.api().cells("vlm", "c1", null, CellWindow.parse(window))) {
                    fromCells.add(new SeriesView(cell.window(), null, null, cell.dataset(), cell.language(),
                            cell.ifl(), cell.iflRemedy(), cell.pairs()));
                }
            }
            assertEquals(fromCells.size(), series.size());
            for (SeriesView row : series) {
                assertTrue(fromCells.contains(new SeriesView(row.window(), null, null, row.dataset(), row.language(),
                        row.ifl(), row.iflRemedy(), row.pairs())), row.toString());
                assertEquals(row.window(), row.start() + "/" + row.end());
            }
            SeriesView de1020 = series.get(5);
            assertEquals(1, de1020.pairs());
            assertEquals(-1.0, de1020.ifl().value(), EPS);
            assertNotNull(de1020.iflRemedy());

            List<SeriesView> d2 = SeriesRows.of(d.api().hoppingCells("vlm", "c1", "d2"));
            assertEquals(2, d2.size());
            assertTrue(d2.stream().allMatch(r -> r.dataset().equals("d2")));
        }
    }
}
