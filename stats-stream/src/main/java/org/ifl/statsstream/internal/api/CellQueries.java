package org.ifl.statsstream.internal.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.ifl.schemas.avro.CellStatistics;
import org.ifl.statsstream.FiguresView;
import org.ifl.statsstream.SummaryView;
import org.ifl.statsstream.internal.cell.CellFigures;
import org.ifl.statsstream.internal.cell.CellWindow;
import org.ifl.statsstream.internal.cell.FidelityCell;
import org.ifl.statsstream.topology.CellUpdate;
import org.ifl.statsstream.topology.CheckpointProcessor;

/**
 * Reads one instance's share of the cells store: the figures of cells and summaries, computed from the sums
 * as they stand. Which instance holds a model is the caller's business ({@code StatsController} routes).
 */
public final class CellQueries {
    private static final StringSerializer KEYS = new StringSerializer();
    private final ReadOnlyKeyValueStore<String, CellUpdate> store;

    public CellQueries(ReadOnlyKeyValueStore<String, CellUpdate> store) {
        this.store = store;
    }

    /**
     * Cells of {@code window}, filtered by whatever of model, checkpoint, dataset is given (null: any), ordered
     * by model, checkpoint, dataset, language.
     */
    public List<FiguresView> cells(String model, String checkpoint, String dataset, CellWindow window) {
        List<FiguresView> out = new ArrayList<>();
        for (CellUpdate u : updates(model, checkpoint, window)) {
            if (dataset == null || dataset.equals(u.cell().dataset())) {
                out.add(FiguresView.of(u.statistics()));
            }
        }
        out.sort(CELL_ORDER);
        return out;
    }

    /** The checkpoint's summary and its datasets' summaries; null when the checkpoint has no cells here. */
    public SummaryView summary(String model, String checkpoint, CellWindow window) {
        List<CellUpdate> updates = updates(model, checkpoint, window);
        if (updates.isEmpty()) {
            return null;
        }
        Map<String, List<FidelityCell>> byDataset = new TreeMap<>();
        long latest = 0;
        for (CellUpdate u : updates) {
            byDataset.computeIfAbsent(u.cell().dataset(), d -> new ArrayList<>()).add(u.tally());
            latest = Math.max(latest, u.updatedAt());
        }
        Instant updatedAt = Instant.ofEpochMilli(latest);
        List<FiguresView> datasets = new ArrayList<>();
        byDataset.forEach((dataset, cells) -> datasets.add(FiguresView.of(
                CellFigures.summary(model, checkpoint, dataset, window, cells, updatedAt))));
        CellStatistics all = CellFigures.summary(model, checkpoint, null, window,
                updates.stream().map(CellUpdate::tally).toList(), updatedAt);
        return new SummaryView(model, checkpoint, window.key(), FiguresView.of(all), datasets);
    }

    private List<CellUpdate> updates(String model, String checkpoint, CellWindow window) {
        List<CellUpdate> out = new ArrayList<>();
        if (model != null && checkpoint != null) {
            try (KeyValueIterator<String, CellUpdate> it = store.prefixScan(
                    CheckpointProcessor.prefix(model, checkpoint, window.key()), KEYS)) {
                it.forEachRemaining(kv -> out.add(kv.value));
            }
            return out;
        }
        try (KeyValueIterator<String, CellUpdate> it = model == null ? store.all()
                : store.prefixScan(CheckpointProcessor.prefix(model), KEYS)) {
            while (it.hasNext()) {
                CellUpdate u = it.next().value;
                if (u.window().equals(window) && (checkpoint == null || checkpoint.equals(u.cell().checkpoint()))) {
                    out.add(u);
                }
            }
        }
        return out;
    }

    public static final Comparator<FiguresView> CELL_ORDER = Comparator.comparing(FiguresView::model)
            .thenComparing(FiguresView::checkpoint)
            .thenComparing(FiguresView::dataset, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(FiguresView::language, Comparator.nullsFirst(Comparator.naturalOrder()));
}
