package org.ifl.statsstream.internal.cell;

import java.time.Instant;
import org.ifl.schemas.avro.StatsWindow;
import org.ifl.schemas.avro.WindowKind;

/**
 * The span a cell's figures cover: everything the checkpoint has seen so far ({@link #CUMULATIVE}), or one
 * hopping window [start, end) of record time. A pair belongs to the windows that contain the time it opened
 * (its first answer), so its later arms and labels update the same windows.
 */
public record CellWindow(WindowKind kind, long start, long end) {
    public static final CellWindow CUMULATIVE = new CellWindow(WindowKind.CUMULATIVE, 0, 0);
    public static final String CUMULATIVE_KEY = "cumulative";

    public static CellWindow hopping(long start, long end) {
        return new CellWindow(WindowKind.HOPPING, start, end);
    }

    /** "cumulative", or the window as an ISO 8601 interval, start/end: the last part of an eval.stats key. */
    public String key() {
        return kind == WindowKind.CUMULATIVE ? CUMULATIVE_KEY
                : Instant.ofEpochMilli(start) + "/" + Instant.ofEpochMilli(end);
    }

    public static CellWindow parse(String key) {
        if (key.equals(CUMULATIVE_KEY)) {
            return CUMULATIVE;
        }
        int slash = key.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("a window is 'cumulative' or start/end in ISO 8601, not '" + key + "'");
        }
        return hopping(Instant.parse(key.substring(0, slash)).toEpochMilli(),
                Instant.parse(key.substring(slash + 1)).toEpochMilli());
    }

    public StatsWindow toAvro() {
        return kind == WindowKind.CUMULATIVE ? new StatsWindow(WindowKind.CUMULATIVE, null, null)
                : new StatsWindow(WindowKind.HOPPING, Instant.ofEpochMilli(start), Instant.ofEpochMilli(end));
    }
}
