package org.ifl.inferenceworker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ifl.inferenceworker.DynamicBatcher.Batch;
import org.ifl.inferenceworker.DynamicBatcher.Trigger;
import org.junit.jupiter.api.Test;

class DynamicBatcherTest {
    private static final long MS = 1_000_000L;

    @Test
    void aBatchIsDueAsSoonAsItIsFull() {
        DynamicBatcher<String, Integer> batcher = new DynamicBatcher<>(3, 50 * MS);
        batcher.add("image", 1, 0);
        batcher.add("image", 2, MS);
        assertTrue(batcher.takeDue(2 * MS).isEmpty(), "2 of 3 after 2 ms: not due");
        batcher.add("image", 3, 3 * MS);
        assertEquals(0, batcher.nanosUntilDue(3 * MS));
        List<Batch<String, Integer>> due = batcher.takeDue(3 * MS);
        assertEquals(1, due.size());
        assertEquals(List.of(1, 2, 3), due.get(0).items());
        assertEquals(Trigger.SIZE, due.get(0).reason());
        assertEquals(0, batcher.pending());
    }

    @Test
    void aBatchIsDueWhenItsOldestItemHasWaitedMaxWait() {
        DynamicBatcher<String, Integer> batcher = new DynamicBatcher<>(8, 50 * MS);
        batcher.add("text", 1, 10 * MS);
        batcher.add("text", 2, 40 * MS);
        assertEquals(20 * MS, batcher.nanosUntilDue(40 * MS), "first item at 10 ms, due at 60 ms");
        assertTrue(batcher.takeDue(59 * MS).isEmpty());
        List<Batch<String, Integer>> due = batcher.takeDue(60 * MS);
        assertEquals(List.of(1, 2), due.get(0).items());
        assertEquals(Trigger.TIME, due.get(0).reason());
        assertEquals(Long.MAX_VALUE, batcher.nanosUntilDue(60 * MS), "empty: nothing is ever due");
    }

    @Test
    void onlyCompatibleItemsShareABatch() {
        DynamicBatcher<String, Integer> batcher = new DynamicBatcher<>(2, 50 * MS);
        batcher.add("text", 1, 0);
        batcher.add("image", 2, 0);
        batcher.add("remedy|de", 3, 0);
        batcher.add("remedy|fr", 4, 0);
        assertEquals(4, batcher.pending());
        assertTrue(batcher.takeDue(MS).isEmpty(), "four keys of one item each: none full, none old");
        batcher.add("image", 5, 2 * MS);
        List<Batch<String, Integer>> due = batcher.takeDue(2 * MS);
        assertEquals(1, due.size());
        assertEquals("image", due.get(0).key());
        assertEquals(List.of(2, 5), due.get(0).items());
        assertEquals(3, batcher.takeAll().size());
        assertEquals(0, batcher.pending());
    }

    @Test
    void removedItemsLeaveTheirBatchesAndTheCount() {
        DynamicBatcher<String, Integer> batcher = new DynamicBatcher<>(2, 50 * MS);
        batcher.add("a", 1, 0);
        batcher.add("a", 2, 0); // full, due
        batcher.add("b", 3, 0);
        batcher.add("b", 4, 0); // full, due
        batcher.add("c", 5, 0);
        assertEquals(3, batcher.removeIf(i -> i % 2 == 1));
        assertEquals(2, batcher.pending());
        List<Batch<String, Integer>> due = batcher.takeDue(0);
        assertEquals(List.of(List.of(2), List.of(4)), due.stream().map(Batch::items).toList());
    }

    @Test
    void aLimitedTakeLeavesDueBatchesOpenToGoOnFilling() {
        DynamicBatcher<String, Integer> batcher = new DynamicBatcher<>(3, 10 * MS);
        batcher.add("text", 1, 0);
        batcher.add("image", 2, MS);
        batcher.add("remedy", 3, 2 * MS);
        List<Batch<String, Integer>> first = batcher.takeDue(20 * MS, 1);
        assertEquals(List.of(List.of(1)), first.stream().map(Batch::items).toList(), "the oldest due batch only");
        batcher.add("image", 4, 21 * MS);
        batcher.add("image", 5, 22 * MS); // the image batch is full now
        List<Batch<String, Integer>> next = batcher.takeDue(22 * MS, 1);
        assertEquals(List.of(2, 4, 5), next.get(0).items(), "a full batch goes before an older due one");
        assertEquals(Trigger.SIZE, next.get(0).reason());
        assertEquals(List.of(3), batcher.takeDue(22 * MS, 5).get(0).items());
        assertEquals(0, batcher.pending());
    }

    @Test
    void settingsOutOfRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new DynamicBatcher<>(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new DynamicBatcher<>(1, -1));
    }
}
