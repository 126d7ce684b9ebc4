package org.ifl.statsstream.topology;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.ifl.schemas.avro.PairKey;
import org.ifl.schemas.topic.RecordKey;
import org.ifl.statsstream.internal.cell.CellKey;
import org.ifl.statsstream.internal.cell.StateCodec;

/**
 * The TEXT and IMAGE fidelity of one item of one run, once both arms are answered: what the checkpoint stage keeps
 * of each item, so that a checkpoint can be compared with its baseline item by item (paired alerts) and
 * design-factor effects can be fitted to the answers. The cell stage hands one on when a pair's outcome is complete
 * or changes, never per record otherwise.
 *
 * @param cell  model, checkpoint, dataset, language
 * @param item  the item's id in its dataset
 * @param run   the run that asked it (a checkpoint may answer an item in several runs)
 * @param text  fidelity of the TEXT arm's counted answer, 0 or 1
 * @param image fidelity of the IMAGE arm's counted answer, 0 or 1
 */
public record ItemOutcome(CellKey cell, String item, String run, int text, int image) implements ModelInput {

    static ItemOutcome of(PairKey pair, int text, int image) {
        return new ItemOutcome(CellKey.of(pair), pair.getItemId(), pair.getRunId(), text, image);
    }

    @Override
    public String model() {
        return cell.model();
    }

    /** model|checkpoint|dataset|language|item|run: a cell's outcomes are one prefix, an item's runs adjacent. */
    public String storeKey() {
        return RecordKey.of(cell.model(), cell.checkpoint(), cell.dataset(), cell.language(), item, run);
    }

    /** image - text: this item's own IFL. */
    public int difference() {
        return image - text;
    }

    static Serde<ItemOutcome> serde() {
        return Serdes.serdeFrom(StateCodec.serializer(ItemOutcome::write), StateCodec.deserializer(ItemOutcome::read));
    }

    static void write(StateCodec.Output out, ItemOutcome o) {
        out.writeString(o.cell.key());
        out.writeString(o.item);
        out.writeString(o.run);
        out.writeByte(o.text);
        out.writeByte(o.image);
    }

    static ItemOutcome read(StateCodec.Input in) {
        return new ItemOutcome(CellKey.parse(in.readString()), in.readString(), in.readString(), in.readByte(),
                in.readByte());
    }
}
