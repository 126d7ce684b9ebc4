package org.ifl.statsstream.topology;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.ifl.statsstream.internal.cell.StateCodec;

/**
 * What the checkpoint stage reads, keyed by model: the sums of a changed cell, the outcome of an item whose TEXT
 * and IMAGE arms are answered, or an arm a published query asks for. All are re-keyed by model and merged, so a
 * model's cells, item outcomes and expected answers share a task.
 */
sealed interface ModelInput permits CellUpdate, ItemOutcome, QueriedArm {
    /** What an item outcome starts with on {@link StatsTopology#CELLS_BY_MODEL}: no cell key is empty. */
    String ITEM_OUTCOME_MARK = "";

    /** The model the input is keyed by. */
    String model();

    /**
     * The values of {@link StatsTopology#CELLS_BY_MODEL}: a cell update, written as {@link CellUpdate#serde} writes
     * it (so records of builds before item outcomes still read), or an item outcome, written after an empty string
     * (two zero bytes), which no cell update starts with: its first field is its cell key, never empty.
     */
    static Serde<ModelInput> cellsByModelSerde() {
        return Serdes.serdeFrom(StateCodec.serializer(ModelInput::write), StateCodec.deserializer(ModelInput::read));
    }

    private static void write(StateCodec.Output out, ModelInput input) {
        if (input instanceof CellUpdate u) {
            CellUpdate.write(out, u);
        } else if (input instanceof ItemOutcome o) {
            out.writeString(ITEM_OUTCOME_MARK);
            ItemOutcome.write(out, o);
        } else {
            throw new IllegalArgumentException("queried arms travel on " + StatsTopology.QUERIES_BY_MODEL + ", not "
                    + StatsTopology.CELLS_BY_MODEL + ": " + input);
        }
    }

    private static ModelInput read(StateCodec.Input in) {
        String first = in.readString();
        return first.equals(ITEM_OUTCOME_MARK) ? ItemOutcome.read(in) : CellUpdate.readAfterCell(first, in);
    }
}
