package org.ifl.statsstream.internal.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.ifl.schemas.avro.CellStatistics;
import org.ifl.schemas.avro.WindowKind;
import org.ifl.statsstream.CheckpointView;
import org.ifl.statsstream.FiguresView;
import org.ifl.statsstream.SummaryView;
import org.ifl.statsstream.internal.cell.CellFigures;
import org.ifl.statsstream.internal.cell.CellKey;
import org.ifl.statsstream.internal.cell.CellWindow;
import org.ifl.statsstream.internal.cell.ExpectedAnswers;
import org.ifl.statsstream.internal.cell.FidelityCell;
import org.ifl.statsstream.topology.CellUpdate;
import org.ifl.statsstream.topology.CheckpointProcessor;
import org.ifl.statsstream.topology.StatsTopology;

/**
 * Reads one instance's share of the cells store and of the expected answers beside it: the figures of cells
 * and summaries, computed from the sums as they stand, each with its answers counted of expected. Which
 * instance holds a model is the caller's business ({@code StatsController} routes).
 */
public final class CellQueries {
    private static final StringSerializer KEYS = new StringSerializer();
    private final ReadOnlyKeyValueStore<String, CellUpdate> store;
    private final ReadOnlyKeyValueStore<String, ExpectedAnswers> expected;

    public CellQueries(ReadOnlyKeyValueStore<String, CellUpdate> store,
            ReadOnlyKeyValueStore<String, ExpectedAnswers> expected) {
        this.store = store;
        this.expected = expected;
    }

    /**
     * The queries of the stores this instance's {@code streams} hosts as active tasks (standbys left out): the
     * models whose partitions it owns now. Throws {@link InvalidStateStoreException} while they cannot be read.
     */
    public static CellQueries local(KafkaStreams streams) {
        return new CellQueries(localStore(streams, StatsTopology.CELLS_STORE),
                localStore(streams, StatsTopology.EXPECTED_STORE));
    }

    /** A key-value store of the active tasks {@code streams} hosts. */
    public static <V> ReadOnlyKeyValueStore<String, V> localStore(KafkaStreams streams, String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore()));
    }

    /**
     * Cells of {@code window}, filtered by whatever of model, checkpoint, dataset is given (null: any), ordered
     * by model, checkpoint, dataset, language. Cumulative cells carry their expected answers, and a cell whose
     * queries are published but none answered yet is there with no figures and 0 counted.
     */
    public List<FiguresView> cells(String model, String checkpoint, String dataset, CellWindow window) {
        Map<CellKey, FiguresView> out = new LinkedHashMap<>();
        for (CellUpdate u : updates(model, checkpoint, window)) {
            if (dataset == null || dataset.equals(u.cell().dataset())) {
                out.put(u.cell(), FiguresView.of(u.statistics()));
            }
        }
        if (window.equals(CellWindow.CUMULATIVE)) {
            for (Map.Entry<CellKey, ExpectedAnswers> e : expected(model, checkpoint).entrySet()) {
                CellKey cell = e.getKey();
                if (dataset == null || dataset.equals(cell.dataset())) {
                    FiguresView figures = out.get(cell);
                    out.put(cell, (figures != null ? figures : FiguresView.of(CellFigures.cell(cell, window,
                            FidelityCell.EMPTY, Instant.ofEpochMilli(e.getValue().updatedAt()))))
                            .withExpected(e.getValue().answers()));
                }
            }
        }
        List<FiguresView> sorted = new ArrayList<>(out.values());
        sorted.sort(CELL_ORDER);
        return sorted;
    }

    /**
     * The checkpoint's summary and its datasets' summaries; null when the checkpoint has neither cells nor
     * published queries here. In the cumulative window each carries the answers expected of all its cells,
     * unknown when any of them has no published queries.
     */
    public SummaryView summary(String model, String checkpoint, CellWindow window) {
        List<CellUpdate> updates = updates(model, checkpoint, window);
        Map<CellKey, ExpectedAnswers> expectedAnswers = window.equals(CellWindow.CUMULATIVE)
                ? expected(model, checkpoint) : Map.of();
        if (updates.isEmpty() && expectedAnswers.isEmpty()) {
            return null;
        }
        Map<String, List<FidelityCell>> byDataset = new TreeMap<>();
        Map<String, Progress> progress = new TreeMap<>();
        Progress all = new Progress(0, true);
        long latest = 0;
        for (CellUpdate u : updates) {
            byDataset.computeIfAbsent(u.cell().dataset(), d -> new ArrayList<>()).add(u.tally());
            latest = Math.max(latest, u.updatedAt());
        }
        for (CellKey cell : cellKeys(updates, expectedAnswers)) {
            ExpectedAnswers e = expectedAnswers.get(cell);
            Progress p = e == null ? new Progress(0, false) : new Progress(e.answers(), true);
            progress.merge(cell.dataset(), p, Progress::plus);
            byDataset.computeIfAbsent(cell.dataset(), d -> new ArrayList<>());
            all = all.plus(p);
            if (e != null) {
                latest = Math.max(latest, e.updatedAt());
            }
        }
        Instant updatedAt = Instant.ofEpochMilli(latest);
        boolean cumulative = window.equals(CellWindow.CUMULATIVE);
        List<FiguresView> datasets = new ArrayList<>();
        byDataset.forEach((dataset, cells) -> datasets.add(FiguresView.of(
                CellFigures.summary(model, checkpoint, dataset, window, cells, updatedAt))
                .withExpected(cumulative ? progress.get(dataset).expected() : null)));
        CellStatistics checkpointSummary = CellFigures.summary(model, checkpoint, null, window,
                updates.stream().map(CellUpdate::tally).toList(), updatedAt);
        return new SummaryView(model, checkpoint, window.key(),
                FiguresView.of(checkpointSummary).withExpected(cumulative ? all.expected() : null), datasets);
    }

    /**
     * The cells of every hopping window of a checkpoint, of {@code dataset} if given, ordered by dataset, language
     * and window start.
     */
    public List<FiguresView> hoppingCells(String model, String checkpoint, String dataset) {
        List<CellUpdate> updates = new ArrayList<>();
        try (KeyValueIterator<String, CellUpdate> it = store.prefixScan(CheckpointProcessor.prefix(model, checkpoint),
                KEYS)) {
            while (it.hasNext()) {
                CellUpdate u = it.next().value;
                if (u.window().kind() == WindowKind.HOPPING && (dataset == null || dataset.equals(u.cell().dataset()))) {
                    updates.add(u);
                }
            }
        }
        updates.sort(Comparator.comparing((CellUpdate u) -> u.cell().dataset())
                .thenComparing(u -> u.cell().language()).thenComparingLong(u -> u.window().start()));
        return updates.stream().map(u -> FiguresView.of(u.statistics())).toList();
    }

    /** The sums of a checkpoint's cumulative cells as they stand here, ordered by dataset and language. */
    public List<CellUpdate> cumulativeCells(String model, String checkpoint) {
        return updates(model, checkpoint, CellWindow.CUMULATIVE);
    }

    /**
     * Every checkpoint with cumulative cells or published queries here, whose model is {@code model} if given,
     * ordered by model and checkpoint: its cells and answers counted of expected, its registration left to
     * {@link CheckpointQueries}.
     */
    public List<CheckpointView> checkpoints(String model) {
        Map<List<String>, List<FiguresView>> byCheckpoint = new TreeMap<>(
                Comparator.<List<String>, String>comparing(k -> k.get(0)).thenComparing(k -> k.get(1)));
        for (FiguresView cell : cells(model, null, null, CellWindow.CUMULATIVE)) {
            byCheckpoint.computeIfAbsent(List.of(cell.model(), cell.checkpoint()), k -> new ArrayList<>()).add(cell);
        }
        List<CheckpointView> out = new ArrayList<>();
        byCheckpoint.forEach((key, cells) -> {
            long counted = cells.stream().mapToLong(FiguresView::counted).sum();
            boolean known = cells.stream().allMatch(c -> c.expected() != null);
            out.add(CheckpointView.unregistered(key.get(0), key.get(1), cells.size(), counted,
                    known ? cells.stream().mapToLong(FiguresView::expected).sum() : null));
        });
        return out;
    }

    /** Answers expected, summed over cells; unknown as soon as one cell's is. */
    private record Progress(long answers, boolean known) {
        Progress plus(Progress o) {
            return new Progress(answers + o.answers, known && o.known);
        }

        Long expected() {
            return known ? answers : null;
        }
    }

    private static List<CellKey> cellKeys(List<CellUpdate> updates, Map<CellKey, ExpectedAnswers> expected) {
        Map<CellKey, Boolean> keys = new LinkedHashMap<>();
        updates.forEach(u -> keys.put(u.cell(), true));
        expected.keySet().forEach(k -> keys.put(k, true));
        return List.copyOf(keys.keySet());
    }

    /** The expected answers of the cells of {@code model} and {@code checkpoint} (null: any). */
    private Map<CellKey, ExpectedAnswers> expected(String model, String checkpoint) {
        Map<CellKey, ExpectedAnswers> out = new LinkedHashMap<>();
        try (KeyValueIterator<String, ExpectedAnswers> it = model == null ? expected.all()
                : expected.prefixScan(checkpoint == null ? CheckpointProcessor.prefix(model)
                        : CheckpointProcessor.prefix(model, checkpoint), KEYS)) {
            while (it.hasNext()) {
                KeyValue<String, ExpectedAnswers> kv = it.next();
                CellKey cell = CellKey.parse(kv.key);
                if (checkpoint == null || checkpoint.equals(cell.checkpoint())) {
                    out.put(cell, kv.value);
                }
            }
        }
        return out;
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
