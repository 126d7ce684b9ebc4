package org.ifl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;
import org.ifl.schemas.topic.Topics;
import org.junit.jupiter.api.Test;

class TopicTableTest {

    private static TopicSummary topic(String name, int partitions, String cleanup, long offsets, int registry) {
        return new TopicSummary(name, partitions, cleanup, offsets, OptionalLong.empty(), registry);
    }

    @Test
    void marksRegistryTopicsAndExplainsTheOffsetsColumn() {
        String text = new TopicTable(List.of(
                topic("_schemas", 1, "compact", 3, 0),
                topic(Topics.COMPLETIONS.name(), 6, "delete", 1234567, 6)), false, false).render();
        List<String> lines = text.lines().toList();
        assertEquals("TOPIC             REGISTRY  PARTITIONS  CLEANUP    OFFSETS", lines.get(0));
        assertEquals("_schemas          -                  1  compact          3", lines.get(1));
        assertEquals("eval.completions  yes                6  delete   1,234,567", lines.get(2));
        assertTrue(text.contains("Transaction markers and aborted records take offsets too"), text);
        assertTrue(text.contains("--exact counts them"), text);
        assertTrue(text.contains("__* topics are hidden"), text);
        assertTrue(text.contains("! registry topics missing from this cluster: eval.checkpoints, eval.queries,"),
                text);
        assertFalse(text.contains("RECORDS"), text);
    }

    @Test
    void showsExactCountsAndPartitionDrift() {
        TopicSummary completions = topic(Topics.COMPLETIONS.name(), 3, "delete", 17, 6).withRecords(10);
        String text = new TopicTable(List.of(completions), true, true).render();
        List<String> lines = text.lines().toList();
        assertEquals("TOPIC             REGISTRY  PARTITIONS  CLEANUP  OFFSETS  RECORDS", lines.get(0));
        assertEquals("eval.completions  yes                3  delete        17       10", lines.get(1));
        assertTrue(text.contains("RECORDS = records a read_committed consumer read"), text);
        assertTrue(text.contains("! eval.completions has 3 partitions; the registry asks for 6."), text);
        assertFalse(text.contains("hidden"), text);
    }
}
