package org.ifl.benchmarks.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.ifl.benchmarks.stats.SimulatedLabeledCompletions.Cell;
import org.ifl.benchmarks.stats.SimulatedLabeledCompletions.Counts;
import org.ifl.schemas.serde.RegistryAvroSerdes;
import org.ifl.schemas.topic.RecordKey;
import org.ifl.schemas.topic.Topics;
import org.junit.jupiter.api.Test;

/** The stats benchmark's input is the same for the same seed: the cells, the records, their counts. */
class SimulatedLabeledCompletionsTest {
    private static final Topics TOPICS = new Topics(RegistryAvroSerdes.forUrl("mem://simulated-labeled-test"));
    private static final long END = Instant.parse("2026-12-01T00:00:00Z").toEpochMilli();

    @Test
    void theCellsAreEveryModelCheckpointDatasetAndLanguageWithTheirFidelitiesFromTheSeed() {
        List<Cell> cells = SimulatedLabeledCompletions.cells(new SplittableRandom(1));

        assertEquals(2 * 2 * 5 * 14, cells.size());
        assertEquals("bench-llava-a|ckpt-1000|maxm|ar", RecordKey.cell(cells.get(0).pair()));
        assertEquals("bench-llava-b|ckpt-2000|artwork|zh", RecordKey.cell(cells.get(279).pair()));
        assertArrayEquals(new double[] {0.9076466992827334, 0.609333996377653, 0.898996452328406},
                cells.get(0).fidelity());
        assertArrayEquals(new double[] {0.8768269061140314, 0.7457777862452337, 0.8093662126501074},
                cells.get(279).fidelity());
        for (Cell cell : cells) {
            double[] f = cell.fidelity();
            assertTrue(f[0] >= 0.80 && f[0] < 0.99, "text fidelity of " + cell.pair());
            assertTrue(f[1] <= f[0] && f[1] > f[0] - 0.40, "the image loses up to 0.40: " + cell.pair());
            assertTrue(f[2] >= f[1] && f[2] <= f[0], "the remedy wins back part of the loss: " + cell.pair());
        }
    }

    /**
     * Seed 1 and 20,000 records: the counts {@code ifl bench stats --records 20000} printed before the split. The
     * bytes are 40,000 more since FidelityScores carries wordLevel and englishWords: 2 bytes a record (the enum's
     * index and an empty array), and 20,000 more since LabeledCompletion carries answerMatch (its union's index).
     */
    @Test
    void seedOneAndTwentyThousandRecordsGiveTheCountsTheBenchmarkAlwaysPrinted() {
        List<ProducerRecord<byte[], byte[]>> sent = new ArrayList<>();
        Counts counts = new SimulatedLabeledCompletions(20_000, 1, TOPICS).draw(END, sent::add, () -> false);

        assertEquals(new Counts(20_000, 168, 6_611, 280, 7, 5_654_598), counts);
        assertEquals(283, Math.round((double) counts.valueBytes() / counts.records()), "bytes a labeled completion");
        List<ProducerRecord<byte[], byte[]>> labeled = sent.stream()
                .filter(r -> r.topic().equals(Topics.LABELED.name())).toList();
        assertEquals(20_000, labeled.size());
        assertEquals(7, sent.size() - labeled.size(), "the rest are annotations");
        Set<ByteBuffer> values = new HashSet<>();
        long again = labeled.stream().filter(r -> !values.add(ByteBuffer.wrap(r.value()))).count();
        assertEquals(168, again, "a repeat is an earlier record's bytes, and only a repeat is");
        assertEquals(END - SimulatedLabeledCompletions.SPAN.toMillis(), sent.get(0).timestamp());
        assertEquals(END - 720, sent.get(sent.size() - 1).timestamp(), "an item's records share its place in the 2 h");
        assertEquals("bench-llava-b|ckpt-2000|visit-bench|th", new String(sent.get(0).key(), StandardCharsets.UTF_8));
    }

    @Test
    void theSameSeedGivesTheSameRecordsAndAnotherSeedOthers() {
        List<ProducerRecord<byte[], byte[]>> first = draw(3_000, 7);
        List<ProducerRecord<byte[], byte[]>> second = draw(3_000, 7);
        List<ProducerRecord<byte[], byte[]>> other = draw(3_000, 8);

        assertEquals(first.size(), second.size());
        for (int i = 0; i < first.size(); i++) {
            assertEquals(first.get(i).topic(), second.get(i).topic());
            assertEquals(first.get(i).timestamp(), second.get(i).timestamp());
            assertArrayEquals(first.get(i).key(), second.get(i).key());
            assertArrayEquals(first.get(i).value(), second.get(i).value());
        }
        assertFalse(Arrays.equals(first.get(0).value(), other.get(0).value()));
    }

    @Test
    void aFailedProducerStopsTheDrawAfterTheItem() {
        List<ProducerRecord<byte[], byte[]>> sent = new ArrayList<>();
        Counts counts = new SimulatedLabeledCompletions(20_000, 1, TOPICS).draw(END, sent::add, () -> true);

        assertEquals(1, counts.items());
        assertEquals(sent.size(), counts.records() + counts.annotations());
        assertTrue(counts.records() >= 3, "every arm of the one item: " + counts);
    }

    private static List<ProducerRecord<byte[], byte[]>> draw(long records, long seed) {
        List<ProducerRecord<byte[], byte[]>> sent = new ArrayList<>();
        new SimulatedLabeledCompletions(records, seed, TOPICS).draw(END, sent::add, () -> false);
        return sent;
    }
}
