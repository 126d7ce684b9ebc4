package org.ifl.statsstream.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.kafka.common.serialization.Serde;
import org.ifl.statsstream.internal.cell.CellKey;
import org.ifl.statsstream.internal.cell.CellWindow;
import org.ifl.statsstream.internal.cell.FidelityCell;
import org.junit.jupiter.api.Test;

/** The values of cells-by-model: cell updates as before item outcomes, and item outcomes told apart from them. */
class ModelInputTest {
    private static final CellKey CELL = new CellKey("vlm", "c1", "maxm", "de");
    private static final String TOPIC = StatsTopology.CELLS_BY_MODEL;

    @Test
    void bothKindsRoundTripAndACellUpdateIsWrittenAsBefore() {
        Serde<ModelInput> serde = ModelInput.cellsByModelSerde();
        CellUpdate update = new CellUpdate(CELL, CellWindow.CUMULATIVE, FidelityCell.EMPTY, 1234L);
        ItemOutcome outcome = new ItemOutcome(CELL, "item-7", "run-1", 1, 0);
        byte[] updateBytes = serde.serializer().serialize(TOPIC, update);
        assertEquals(update, serde.deserializer().deserialize(TOPIC, updateBytes));
        assertEquals(outcome, serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, outcome)));
        // a cell update is written as builds before item outcomes wrote it (CellUpdate's own serde), so the records
        // such a build left in the topic still read
        assertArrayEquals(CellUpdate.serde().serializer().serialize(TOPIC, update), updateBytes);
    }
}
