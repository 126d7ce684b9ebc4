package org.ifl.statsstream.internal.api;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.ifl.statsstream.FiguresView;
import org.ifl.statsstream.SeriesView;
import org.ifl.statsstream.internal.cell.CellWindow;

/** Hopping-window cells as the rows of a time series ({@code GET /series}): by language, then window start. */
public final class SeriesRows {
    public static final Comparator<SeriesView> ORDER = Comparator.comparing(SeriesView::language)
            .thenComparing(SeriesView::start)
            .thenComparing(SeriesView::dataset, Comparator.nullsFirst(Comparator.naturalOrder()));

    private SeriesRows() {
    }

    /** A row per cell of {@code cells} (hopping windows only; a cumulative cell is no point in time), ordered. */
    public static List<SeriesView> of(List<FiguresView> cells) {
        return cells.stream()
                .filter(c -> !CellWindow.CUMULATIVE_KEY.equals(c.window()))
                .map(SeriesRows::row)
                .sorted(ORDER)
                .toList();
    }

    static SeriesView row(FiguresView cell) {
        CellWindow window = CellWindow.parse(cell.window());
        return new SeriesView(cell.window(), Instant.ofEpochMilli(window.start()), Instant.ofEpochMilli(window.end()),
                cell.dataset(), cell.language(), cell.ifl(), cell.iflRemedy(), cell.pairs());
    }
}
