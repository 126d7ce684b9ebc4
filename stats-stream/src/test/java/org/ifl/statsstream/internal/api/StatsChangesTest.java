package org.ifl.statsstream.internal.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ifl.schemas.topic.RecordKey;
import org.ifl.statsstream.internal.api.StatsChanges.Change;
import org.junit.jupiter.api.Test;

/** How eval.stats keys become the changes of one {@code stats} event. */
class StatsChangesTest {
    private static final long MS = 1_000_000;

    private static Change cell(String checkpoint, String dataset, String language, String window) {
        return Change.ofStatsKey(RecordKey.of("CELL", "vlm", checkpoint, dataset, language, window));
    }

    @Test
    void aKeyNamesItsCellOrSummaryWithoutTheLanguage() {
        assertEquals(new Change("vlm", "c1", "maxm", "cumulative"), cell("c1", "maxm", "de", "cumulative"));
        assertEquals(new Change("m|x", "c1", null, "cumulative"),
                Change.ofStatsKey(RecordKey.of("CHECKPOINT", "m|x", "c1", null, null, "cumulative")));
        assertNull(Change.ofStatsKey("not|a|stats|key"));
        assertTrue(cell("c1", "maxm", "de", "cumulative").concerns("vlm", null));
        assertTrue(cell("c1", "maxm", "de", "cumulative").concerns(null, null));
        assertFalse(cell("c1", "maxm", "de", "cumulative").concerns("vlm", "c2"));
        assertFalse(cell("c1", "maxm", "de", "cumulative").concerns("other", null));
    }

    @Test
    void aBurstBecomesOneBatchOfDistinctChangesDueOneWindowAfterItsFirst() {
        StatsChanges changes = new StatsChanges(250 * MS);
        assertFalse(changes.due(0), "nothing pending");
        assertEquals(250 * MS, changes.nanosUntilDue(0));

        long t = 1_000 * MS;
        changes.add(cell("c1", "maxm", "de", "cumulative"), t);
        changes.add(cell("c1", "maxm", "ja", "cumulative"), t + 100 * MS); // same dataset and window: one change
        changes.add(cell("c1", "palo", "de", "cumulative"), t + 200 * MS);
        changes.add(cell("c1", "maxm", "de", "2026-11-23T10:00:00Z/2026-11-23T11:00:00Z"), t + 240 * MS);
        assertFalse(changes.due(t + 249 * MS));
        assertEquals(50 * MS, changes.nanosUntilDue(t + 200 * MS), "due 250 ms after the first, not the latest");
        assertTrue(changes.due(t + 250 * MS));
        assertEquals(List.of(new Change("vlm", "c1", "maxm", "cumulative"), new Change("vlm", "c1", "palo", "cumulative"),
                new Change("vlm", "c1", "maxm", "2026-11-23T10:00:00Z/2026-11-23T11:00:00Z")), changes.drain());
        assertFalse(changes.due(t + 1_000 * MS), "drained");

        // The next change opens the next batch.
        changes.add(cell("c1", "maxm", "de", "cumulative"), t + 2_000 * MS);
        assertFalse(changes.due(t + 2_100 * MS));
        assertTrue(changes.due(t + 2_250 * MS));
        assertEquals(1, changes.drain().size());
    }
}
