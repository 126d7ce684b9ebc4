package org.ifl.statsstream.topology;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.ifl.statsstream.internal.cell.StateCodec;

/**
 * What the checkpoint stage reads, keyed by model: the sums of a changed cell, the outcome of an item whose TEXT
 * and IMAGE arms are answered, or an arm a published query asks for. All are re-keyed by model and merged, so a
 * model's cells, item outcomes and expected answers share a task.
 */
sealed interface ModelInput permits CellUpdate, ItemOutcome, QueriedArm {
    /** The model the input is keyed by. */
    String model();

    /**
     * The values of {@link StatsTopology#CELLS_BY_MODEL}: a cell update or an item outcome, told apart by a kind
     * byte after the state format byte (0 cell update, 1 item outcome).
     */
    static Serde<ModelInput> cellsByModelSerde() {
        return Serdes.serdeFrom(StateCodec.serializer(ModelInput::write), StateCodec.deserializer(ModelInput::read));
    }

    private static void write(StateCodec.Output out, ModelInput input) {
        if (input instanceof CellUpdate u) {
            out.writeByte(0);
            CellUpdate.write(out, u);
        } else if (input instanceof ItemOutcome o) {
            out.writeByte(1);
            ItemOutcome.write(out, o);
        } else {
            throw new IllegalArgumentException("queried arms travel on " + StatsTopology.QUERIES_BY_MODEL + ", not "
                    + StatsTopology.CELLS_BY_MODEL + ": " + input);
        }
    }

    private static ModelInput read(StateCodec.Input in) {
        byte kind = in.readByte();
        if (kind == 0) {
            return CellUpdate.read(in);
        }
        if (kind == 1) {
            return ItemOutcome.read(in);
        }
        throw new SerializationException("a " + StatsTopology.CELLS_BY_MODEL + " value of kind " + kind
                + "; this version writes 0 (cell update) and 1 (item outcome)");
    }
}
