package org.ifl.statsstream.topology;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.Query;
import org.ifl.schemas.topic.RecordKey;
import org.ifl.statsstream.internal.cell.CellKey;
import org.ifl.statsstream.internal.cell.StateCodec;

/**
 * One arm of one item that a query on eval.queries asks for: all the checkpoint stage keeps of a query (the
 * query itself, with its prompt and perhaps its image, is not carried through the repartition topic).
 *
 * @param pairKey   run|model|checkpoint|dataset|item|language
 * @param arm       the arm the query asks for; each expects one answer
 * @param queriedAt the query's record time
 */
record QueriedArm(String pairKey, Arm arm, long queriedAt) implements ModelInput {

    static QueriedArm of(Query query, long at) {
        return new QueriedArm(RecordKey.pair(query.getPair()), query.getCondition().getArm(), at);
    }

    /** The cell the arm's answer will be counted in. */
    CellKey cell() {
        var parts = RecordKey.parts(pairKey);
        return new CellKey(parts.get(1), parts.get(2), parts.get(3), parts.get(5));
    }

    @Override
    public String model() {
        return RecordKey.parts(pairKey).get(1);
    }

    /** pairKey|ARM: an arm of an item is expected once, however often its query is published. */
    String key() {
        return pairKey + "|" + arm.name();
    }

    static Serde<QueriedArm> serde() {
        return Serdes.serdeFrom(StateCodec.serializer(QueriedArm::write), StateCodec.deserializer(QueriedArm::read));
    }

    private static void write(StateCodec.Output out, QueriedArm q) {
        out.writeString(q.pairKey);
        out.writeByte(q.arm.ordinal());
        out.writeLong(q.queriedAt);
    }

    private static QueriedArm read(StateCodec.Input in) {
        return new QueriedArm(in.readString(), Arm.values()[in.readByte()], in.readLong());
    }
}
