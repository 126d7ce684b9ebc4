package org.ifl.statsstream.topology;

import static org.ifl.statsstream.SimulatedCompletions.labeled;
import static org.ifl.statsstream.SimulatedCompletions.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.DeadLetter;
import org.ifl.schemas.avro.LabelStatus;
import org.ifl.schemas.avro.PairKey;
import org.ifl.statsstream.CheckpointView;
import org.ifl.statsstream.FiguresView;
import org.ifl.statsstream.SummaryView;
import org.ifl.statsstream.internal.alert.AlertPolicy;
import org.ifl.statsstream.internal.cell.CellWindow;
import org.ifl.statsstream.internal.cell.HoppingWindows;
import org.junit.jupiter.api.Test;

/**
 * The answers a checkpoint's published queries expect, beside the answers counted: per cell, per dataset and
 * per checkpoint, as the HTTP API reads them from the stores.
 */
class CountedOfExpectedTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:05:00Z");
    private static final StatsTopology.Options OPTIONS = new StatsTopology.Options(
            new HoppingWindows(Duration.ofMinutes(20), Duration.ofMinutes(10), Duration.ofMinutes(30)),
            StatsDriver.EMIT, new AlertPolicy(0.1, Map.of()));

    private static PairKey pair(String checkpoint, String item, String language) {
        return new PairKey("run-1", "vlm", checkpoint, "maxm", item, language);
    }

    /** Publishes the queries of {@code items} items of a cell, every arm. */
    private static void publish(StatsDriver d, String checkpoint, String language, int items) {
        for (int i = 0; i < items; i++) {
            for (Arm arm : Arm.values()) {
                d.send(query(pair(checkpoint, "i" + i, language), arm, T0), T0);
            }
        }
    }

    /** Answers every arm of items {@code from} to {@code to} (exclusive) of a cell, each in its language. */
    private static void answer(StatsDriver d, String checkpoint, String language, int from, int to) {
        for (int i = from; i < to; i++) {
            for (Arm arm : Arm.values()) {
                PairKey p = pair(checkpoint, "i" + i, language);
                d.send(labeled(p, arm, checkpoint + "/" + language + "/i" + i + "/" + arm, 1, 1,
                        LabelStatus.LABELED, T0), T0);
            }
        }
    }

    private static FiguresView cell(List<FiguresView> cells, String language) {
        return cells.stream().filter(c -> c.language().equals(language)).findFirst().orElseThrow(
                () -> new AssertionError("no cell " + language + " in " + cells));
    }

    @Test
    void aCheckpointHalfAnsweredIsPartialWithItsAnswersCountedOfExpected() {
        try (StatsDriver d = new StatsDriver("stats-expected", OPTIONS)) {
            publish(d, "c1", "de", 4); // 4 items x 3 arms: 12 answers expected
            publish(d, "c1", "de", 4); // published again (a producer retry): the same arms, still 12
            publish(d, "c1", "ja", 2); // 6 expected, none answered yet
            answer(d, "c1", "de", 0, 2); // half: 6 of 12
            d.flush();

            List<FiguresView> cells = d.api().cells("vlm", "c1", null, CellWindow.CUMULATIVE);
            FiguresView de = cell(cells, "de");
            assertEquals(6, de.counted());
            assertEquals(12L, de.expected());
            assertEquals(Boolean.TRUE, de.partial());
            assertEquals(2, de.pairs());
            FiguresView ja = cell(cells, "ja");
            assertEquals(0, ja.counted(), "a cell whose queries are out and unanswered is listed, 0 counted");
            assertEquals(6L, ja.expected());
            assertEquals(Boolean.TRUE, ja.partial());
            assertNull(ja.ifl());

            SummaryView summary = d.api().summary("vlm", "c1", CellWindow.CUMULATIVE);
            assertEquals(6, summary.checkpointSummary().counted());
            assertEquals(18L, summary.checkpointSummary().expected());
            assertEquals(Boolean.TRUE, summary.checkpointSummary().partial());
            assertEquals(18L, summary.checkpointSummary().pooled().expected());
            assertEquals(List.of(CheckpointView.unregistered("vlm", "c1", 2, 6, 18L)), d.api().checkpoints("vlm"));

            // The rest of the answers, one of them twice: every cell complete, the repeat not counted.
            answer(d, "c1", "de", 2, 4);
            answer(d, "c1", "ja", 0, 2);
            answer(d, "c1", "ja", 1, 2);
            d.flush();
            cells = d.api().cells("vlm", "c1", null, CellWindow.CUMULATIVE);
            assertEquals(12, cell(cells, "de").counted());
            assertEquals(Boolean.FALSE, cell(cells, "de").partial());
            assertEquals(6, cell(cells, "ja").counted());
            assertEquals(Boolean.FALSE, cell(cells, "ja").partial());
            summary = d.api().summary("vlm", "c1", CellWindow.CUMULATIVE);
            assertEquals(18, summary.checkpointSummary().counted());
            assertFalse(summary.checkpointSummary().partial());
        }
    }

    @Test
    void answersWithoutPublishedQueriesHaveExpectedUnknownNotZero() {
        try (StatsDriver d = new StatsDriver("stats-expected-unknown", OPTIONS)) {
            publish(d, "c1", "de", 2);
            answer(d, "c1", "de", 0, 2);
            answer(d, "c1", "fr", 0, 3); // a replayed run: answers, no queries
            d.flush();

            List<FiguresView> cells = d.api().cells("vlm", "c1", null, CellWindow.CUMULATIVE);
            FiguresView fr = cell(cells, "fr");
            assertEquals(9, fr.counted());
            assertNull(fr.expected());
            assertNull(fr.partial());
            assertEquals(6L, cell(cells, "de").expected());
            FiguresView checkpoint = d.api().summary("vlm", "c1", CellWindow.CUMULATIVE).checkpointSummary();
            assertEquals(15, checkpoint.counted());
            assertNull(checkpoint.expected(), "one cell's expected answers are unknown, so are the checkpoint's");

            // A hopping window cannot know which queries it should have answered.
            List<FiguresView> windows = d.api().cells("vlm", "c1", null,
                    CellWindow.hopping(Instant.parse("2026-11-23T10:00:00Z").toEpochMilli(),
                            Instant.parse("2026-11-23T10:20:00Z").toEpochMilli()));
            assertEquals(2, windows.size(), windows.toString());
            assertTrue(windows.stream().allMatch(w -> w.expected() == null && w.partial() == null));
            assertEquals(6, cell(windows, "de").counted());
        }
    }

    @Test
    void aQueryWithoutAValueGoesToTheDeadLetterTopicAndTheRestIsCounted() {
        try (StatsDriver d = new StatsDriver("stats-expected-dlq", OPTIONS)) {
            d.queries.pipeInput("run-1|vlm|c1|maxm|i9|de", null, T0);
            publish(d, "c1", "de", 1);
            d.flush();
            List<DeadLetter> letters = d.deadLetters.readValuesToList();
            assertEquals(1, letters.size());
            assertTrue(letters.get(0).getReason().contains("eval.queries record with key 'run-1|vlm|c1|maxm|i9|de'"
                    + " has a null value"), letters.get(0).getReason());
            assertEquals(3L, cell(d.api().cells("vlm", "c1", null, CellWindow.CUMULATIVE), "de").expected());
        }
    }

    @Test
    void checkpointsListsWhatTheServiceHasForEachModel() {
        try (StatsDriver d = new StatsDriver("stats-expected-list", OPTIONS)) {
            publish(d, "c2", "de", 1);
            answer(d, "c1", "de", 0, 1);
            d.flush();
            assertEquals(List.of(CheckpointView.unregistered("vlm", "c1", 1, 3, null),
                    CheckpointView.unregistered("vlm", "c2", 1, 0, 3L)), d.api().checkpoints(null));
            assertEquals(List.of(), d.api().checkpoints("other-model"));
        }
    }
}
