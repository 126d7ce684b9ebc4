package org.ifl.statsstream.internal.cell;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Hopping windows of {@code size} advancing by {@code advance} (size a whole multiple of advance), kept for
 * {@code retention}. A cell's pairs are stored in slices one advance long; a window is the sum of the
 * size/advance slices it spans, so a record updates one slice however many windows overlap it.
 */
public record HoppingWindows(Duration size, Duration advance, Duration retention) {
    public HoppingWindows {
        if (advance.isZero() || advance.isNegative() || size.compareTo(advance) < 0
                || size.toMillis() % advance.toMillis() != 0) {
            throw new IllegalArgumentException("hopping window size (" + size + ") must be a positive whole multiple"
                    + " of its advance (" + advance + ")");
        }
        if (retention.compareTo(size) < 0) {
            throw new IllegalArgumentException("window retention (" + retention + ") must be at least the window size ("
                    + size + ")");
        }
    }

    /** Start of the slice holding {@code timestamp}. */
    public long sliceStart(long timestamp) {
        long advanceMs = advance.toMillis();
        return Math.floorDiv(timestamp, advanceMs) * advanceMs;
    }

    public int slicesPerWindow() {
        return (int) (size.toMillis() / advance.toMillis());
    }

    /** Every window that contains the slice starting at {@code sliceStart}, earliest first. */
    public List<CellWindow> windowsOfSlice(long sliceStart) {
        List<CellWindow> windows = new ArrayList<>(slicesPerWindow());
        long advanceMs = advance.toMillis();
        for (int back = slicesPerWindow() - 1; back >= 0; back--) {
            long start = sliceStart - back * advanceMs;
            windows.add(CellWindow.hopping(start, start + size.toMillis()));
        }
        return windows;
    }
}
