package org.ifl.inferenceworker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {
    private static final TopicPartition P0 = new TopicPartition("eval.queries", 0);
    private static final TopicPartition P1 = new TopicPartition("eval.queries", 1);

    @Test
    void theCommitStopsAtTheFirstUnfinishedOffset() {
        OffsetTracker tracker = new OffsetTracker();
        for (long offset = 10; offset <= 14; offset++) {
            tracker.received(P0, offset);
        }
        tracker.done(P0, 10);
        tracker.done(P0, 11);
        tracker.done(P0, 13); // 12 still being answered
        assertEquals(Map.of(P0, new OffsetAndMetadata(12)), tracker.takeCommittable());
        assertTrue(tracker.takeCommittable().isEmpty(), "nothing moved since");
        tracker.done(P0, 12);
        assertEquals(Map.of(P0, new OffsetAndMetadata(14)), tracker.takeCommittable(), "14 is still out");
        tracker.done(P0, 14);
        assertEquals(Map.of(P0, new OffsetAndMetadata(15)), tracker.takeCommittable(), "all done: one past the last");
        assertEquals(0, tracker.outstanding());
    }

    @Test
    void partitionsAreTrackedApartAndForgotten() {
        OffsetTracker tracker = new OffsetTracker();
        tracker.received(P0, 0);
        tracker.received(P1, 7);
        tracker.received(P1, 8);
        tracker.done(P1, 7);
        assertEquals(Map.of(P0, new OffsetAndMetadata(0), P1, new OffsetAndMetadata(8)), tracker.takeCommittable());
        assertEquals(1, tracker.outstanding(List.of(P1)));
        tracker.forget(List.of(P1));
        assertEquals(0, tracker.outstanding(List.of(P1)));
        tracker.done(P1, 8); // a late acknowledgement of a forgotten partition changes nothing
        assertTrue(tracker.takeCommittable().isEmpty());
    }
}
