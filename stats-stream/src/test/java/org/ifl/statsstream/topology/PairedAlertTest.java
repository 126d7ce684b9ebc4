package org.ifl.statsstream.topology;

import static org.ifl.statsstream.SimulatedCompletions.labeled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KeyValue;
import org.ifl.schemas.avro.Alert;
import org.ifl.schemas.avro.AlertState;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.LabelStatus;
import org.ifl.schemas.avro.PairKey;
import org.ifl.statsstream.internal.alert.AlertPolicy;
import org.ifl.statsstream.internal.cell.CellKey;
import org.ifl.statsstream.internal.cell.HoppingWindows;
import org.ifl.statsstream.internal.stats.PairedDifferences;
import org.junit.jupiter.api.Test;

/** Regression alerts compare a checkpoint with its baseline item by item, from the item outcomes the cells hand on. */
class PairedAlertTest {
    private static final double EPS = 1e-6;
    private static final Instant T0 = Instant.parse("2026-11-23T10:05:00Z");
    private static final StatsTopology.Options OPTIONS = new StatsTopology.Options(
            new HoppingWindows(Duration.ofMinutes(20), Duration.ofMinutes(10), Duration.ofMinutes(30)),
            StatsDriver.EMIT, new AlertPolicy(0.1, Map.of()));

    /** The TEXT and IMAGE answers of one item of run-1, dataset maxm, language de. */
    static void item(StatsDriver d, String checkpoint, String item, int text, int image) {
        PairKey p = new PairKey("run-1", "vlm", checkpoint, "maxm", item, "de");
        d.send(labeled(p, Arm.TEXT, checkpoint + "/" + item + "/T", text, text, LabelStatus.LABELED, T0), T0);
        d.send(labeled(p, Arm.IMAGE, checkpoint + "/" + item + "/I", image, image, LabelStatus.LABELED, T0), T0);
    }

    @Test
    void pairingByItemFindsARegressionThatIndependentIntervalsWouldMiss() {
        try (StatsDriver d = new StatsDriver("paired-alert", OPTIONS)) {
            // 30 items; the image is lost on the hard half (items 0-14) by both checkpoints, and c2 also loses it on
            // items 15-20. IFL: c1 -15/30 = -0.5, c2 -21/30 = -0.7. Each cell's own interval is wide (15 and 21
            // discordant pairs: score intervals), but item by item d = -1 on 6 items and 0 on 24: mean -0.2,
            // sd = sqrt((6 x 0.64 + 24 x 0.04) / 29) = 0.406838, se = 0.074278, t(0.975, 29) = 2.045230,
            // half-width 0.151915: [-0.351915, -0.048085], below 0 (sign test: 6 of 6 down, p = 0.03125).
            for (int i = 0; i < 30; i++) {
                item(d, "c1", "i" + i, 1, i < 15 ? 0 : 1);
            }
            d.flush();
            for (int i = 0; i < 30; i++) {
                item(d, "c2", "i" + i, 1, i < 21 ? 0 : 1);
            }
            d.flush();
            List<Alert> fired = d.alerts.readValuesToList();
            assertEquals(1, fired.size());
            Alert alert = fired.get(0);
            assertEquals(AlertState.FIRING, alert.getState());
            assertEquals("c1", alert.getBaselineCheckpoint());
            assertEquals(-0.2, alert.getDifference().getValue(), EPS);
            assertEquals(-0.351915, alert.getDifference().getLow(), EPS);
            assertEquals(-0.048085, alert.getDifference().getHigh(), EPS);
            assertEquals(30, alert.getDifference().getN());
            assertEquals(PairedDifferences.T, alert.getDifference().getMethod());
            assertEquals(-0.7, alert.getIfl().getValue(), EPS);
            assertEquals(-0.5, alert.getBaselineIfl().getValue(), EPS);
        }
    }

    @Test
    void onlyItemsBothCheckpointsAnsweredAreComparedAndAHandfulAllAlikeDoesNotAlert() {
        try (StatsDriver d = new StatsDriver("paired-handful", OPTIONS)) {
            // c1 answers items 0-39 faithfully; c2 loses the image on all of its 40 items, but only 5 of them
            // (0-4) are c1's: five items all at d = -1 have no spread, and their bound [-1.52, +0.57] holds 0.
            for (int i = 0; i < 40; i++) {
                item(d, "c1", "i" + i, 1, 1);
            }
            d.flush();
            for (int i = 0; i < 40; i++) {
                item(d, "c2", (i < 5 ? "i" : "x") + i, 1, 0);
            }
            d.flush();
            assertTrue(d.alerts.isEmpty(), "five items, all alike, are not a regression");

            // c1 catches up on 5 more of c2's items: ten items all at -1, whose bound [-1.31, -0.07] lies below 0.
            for (int i = 5; i < 10; i++) {
                item(d, "c1", "x" + i, 1, 1);
            }
            d.flush();
            List<Alert> fired = d.alerts.readValuesToList();
            assertEquals(1, fired.size(), "a baseline's new items check the checkpoints compared with it again");
            assertEquals(-1, fired.get(0).getDifference().getValue(), EPS);
            assertEquals(-0.074509, fired.get(0).getDifference().getHigh(), EPS);
            assertEquals(10, fired.get(0).getDifference().getN());
            assertEquals(PairedDifferences.BOUNDED, fired.get(0).getDifference().getMethod());
        }
    }

    @Test
    void eachItemsOutcomeIsHandedOnOnceAndKeptInAChangeloggedStore() {
        try (StatsDriver d = new StatsDriver("paired-outcomes", OPTIONS)) {
            PairKey p = new PairKey("run-1", "vlm", "c1", "maxm", "i0", "de");
            d.send(labeled(p, Arm.TEXT, "t", 1, 1, LabelStatus.LABELED, T0), T0);
            d.send(labeled(p, Arm.IMAGE, "i", 0, 0, LabelStatus.LABELED, T0), T0);
            // a repeat, another answer to the same arm and the remedy arm change no outcome
            d.send(labeled(p, Arm.IMAGE, "i", 0, 0, LabelStatus.LABELED, T0), T0);
            d.send(labeled(p, Arm.IMAGE, "i-again", 1, 1, LabelStatus.LABELED, T0), T0);
            d.send(labeled(p, Arm.IMAGE_REMEDY, "r", 1, 1, LabelStatus.LABELED, T0), T0);
            item(d, "c1", "i1", 0, 0);
            d.flush();

            List<ItemOutcome> stored = CheckpointProcessor.outcomesOf(
                    d.driver.getKeyValueStore(StatsTopology.ITEM_OUTCOMES_STORE), "vlm", "c1", "maxm", "de");
            assertEquals(2, stored.size());
            assertEquals(new ItemOutcome(new CellKey("vlm", "c1", "maxm", "de"),
                    "i0", "run-1", 1, 0), stored.get(0));
            assertEquals(-1, stored.get(0).difference());
            // The store's changelog, what a restore reads, holds one record per item: one outcome each was handed on.
            var changelog = d.driver.createOutputTopic("stats-test-" + CheckpointProcessor.ITEM_OUTCOMES
                    + "-changelog", new StringDeserializer(), ItemOutcome.serde().deserializer()).readKeyValuesToList();
            assertEquals(List.of(KeyValue.pair(stored.get(0).storeKey(), stored.get(0)),
                    KeyValue.pair(stored.get(1).storeKey(), stored.get(1))), changelog);
        }
    }

    @Test
    void aLaterCheckpointComparedWithTheSameBaselineThatNoLongerRegressesResolvesTheAlertItSupersedes() {
        StatsTopology.Options againstC1 = new StatsTopology.Options(OPTIONS.windows(), StatsDriver.EMIT,
                new AlertPolicy(0.1, Map.of("vlm", "c1")));
        try (StatsDriver d = new StatsDriver("paired-superseded", againstC1)) {
            // c1 keeps the image on 12 items, c2 loses it on all 12 (d = -1 each: the bound lies below 0), c3, a
            // later checkpoint of the same run, keeps it again (d = 0 each: no regression against c1).
            for (int i = 0; i < 12; i++) {
                item(d, "c1", "i" + i, 1, 1);
            }
            d.flush();
            for (int i = 0; i < 12; i++) {
                item(d, "c2", "i" + i, 1, 0);
            }
            d.flush();
            assertEquals(List.of(AlertState.FIRING), d.alerts.readValuesToList().stream().map(Alert::getState)
                    .toList());
            for (int i = 0; i < 12; i++) {
                item(d, "c3", "i" + i, 1, 1);
            }
            d.flush();
            List<Alert> resolved = d.alerts.readValuesToList();
            assertEquals(1, resolved.size());
            Alert alert = resolved.get(0);
            assertEquals(AlertState.RESOLVED, alert.getState());
            assertEquals("c2", alert.getCheckpoint(), "the alert of c2 resolves");
            assertEquals("vlm|c2|maxm|1", alert.getAlertId(), "the episode that fired");
            assertEquals(0, alert.getDifference().getValue(), EPS, "c3's figures: d = 0 on every item");
            assertTrue(alert.getReason().startsWith("superseded: c3, registered after c2, no longer falls by more "
                    + "than 0.1 against c1 in maxm: de "), alert.getReason());
        }
    }
}
