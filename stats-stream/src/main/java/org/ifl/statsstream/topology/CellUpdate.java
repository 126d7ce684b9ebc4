package org.ifl.statsstream.topology;

import java.time.Instant;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.ifl.schemas.avro.CellStatistics;
import org.ifl.schemas.avro.WindowKind;
import org.ifl.statsstream.internal.cell.CellFigures;
import org.ifl.statsstream.internal.cell.CellKey;
import org.ifl.statsstream.internal.cell.CellWindow;
import org.ifl.statsstream.internal.cell.FidelityCell;
import org.ifl.statsstream.internal.cell.StateCodec;

/**
 * A cell's sums over one window as they stand after a flush: what the cell stage publishes (as figures) and
 * hands on, re-keyed by model, to the stage that builds summaries and alerts (as sums, so pooled figures
 * and paired intervals can be recomputed there).
 */
public record CellUpdate(CellKey cell, CellWindow window, FidelityCell tally, long updatedAt) implements ModelInput {

    @Override
    public String model() {
        return cell.model();
    }

    public CellStatistics statistics() {
        return CellFigures.cell(cell, window, tally, Instant.ofEpochMilli(updatedAt));
    }

    public static Serde<CellUpdate> serde() {
        return Serdes.serdeFrom(StateCodec.serializer(CellUpdate::write), StateCodec.deserializer(CellUpdate::read));
    }

    static void write(StateCodec.Output out, CellUpdate u) {
        out.writeString(u.cell.key());
        out.writeByte(u.window.kind().ordinal());
        out.writeLong(u.window.start());
        out.writeLong(u.window.end());
        StateCodec.writeCell(out, u.tally);
        out.writeLong(u.updatedAt);
    }

    static CellUpdate read(StateCodec.Input in) {
        return readAfterCell(in.readString(), in);
    }

    /** The rest of a cell update whose first field, the cell key, {@code cellKey} was read already. */
    static CellUpdate readAfterCell(String cellKey, StateCodec.Input in) {
        CellKey cell = CellKey.parse(cellKey);
        WindowKind kind = WindowKind.values()[in.readByte()];
        long start = in.readLong();
        long end = in.readLong();
        CellWindow window = kind == WindowKind.CUMULATIVE ? CellWindow.CUMULATIVE : CellWindow.hopping(start, end);
        return new CellUpdate(cell, window, StateCodec.readCell(in), in.readLong());
    }
}
