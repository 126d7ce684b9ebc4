package org.ifl.statsstream.internal.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.ifl.schemas.avro.Checkpoint;
import org.ifl.schemas.topic.RecordKey;
import org.ifl.statsstream.CheckpointView;
import org.ifl.statsstream.FiguresView;
import org.ifl.statsstream.OverviewView;
import org.ifl.statsstream.OverviewView.CheckpointOverview;
import org.ifl.statsstream.SummaryView;
import org.ifl.statsstream.internal.cell.CellWindow;
import org.ifl.statsstream.topology.CellUpdate;
import org.ifl.statsstream.topology.CheckpointProcessor;
import org.ifl.statsstream.topology.StatsTopology;

/**
 * One instance's answer about checkpoints: those of the models it hosts, known from their cells, published
 * queries or registration (eval.checkpoints, a global store every instance holds, so each instance lists the
 * registrations of the models it hosts only), in registration order; and the overview of each. Which
 * instance hosts a model is the caller's business.
 */
public final class CheckpointQueries {
    private static final StringSerializer KEYS = new StringSerializer();
    private final CellQueries cells;
    private final ReadOnlyKeyValueStore<String, Checkpoint> registrations;
    private final ReadOnlyKeyValueStore<String, String> checkpointOrder;
    private final ReadOnlyKeyValueStore<String, String> alertStates;
    private final Predicate<String> hostsModel;

    /**
     * @param hostsModel whether this instance hosts a model (its partition of the model-keyed stores), so that a
     *     registered model is listed by one instance
     */
    public CheckpointQueries(CellQueries cells, ReadOnlyKeyValueStore<String, Checkpoint> registrations,
            ReadOnlyKeyValueStore<String, String> checkpointOrder, ReadOnlyKeyValueStore<String, String> alertStates,
            Predicate<String> hostsModel) {
        this.cells = cells;
        this.registrations = registrations;
        this.checkpointOrder = checkpointOrder;
        this.alertStates = alertStates;
        this.hostsModel = hostsModel;
    }

    /** The queries of the stores {@code streams} hosts, the registrations of the models {@code hostsModel} says. */
    public static CheckpointQueries local(KafkaStreams streams, Predicate<String> hostsModel) {
        return new CheckpointQueries(CellQueries.local(streams),
                CellQueries.localStore(streams, StatsTopology.REGISTERED_CHECKPOINTS_STORE),
                CellQueries.localStore(streams, StatsTopology.CHECKPOINT_ORDER_STORE),
                CellQueries.localStore(streams, StatsTopology.ALERT_STATES_STORE), hostsModel);
    }

    /**
     * Every checkpoint of the hosted models ({@code model} only, if given) with cumulative cells, published
     * queries or a registration, with what its registration says. Ordered by model, then registered ones by
     * registration time, then the unregistered in the order the stream first saw their answers (those with
     * queries only last, by name).
     */
    public List<CheckpointView> checkpoints(String model) {
        Map<List<String>, CheckpointView> byKey = new LinkedHashMap<>();
        for (CheckpointView c : cells.checkpoints(model)) {
            byKey.put(List.of(c.model(), c.checkpoint()), c);
        }
        for (Checkpoint r : registered(model)) {
            List<String> key = List.of(r.getModel(), r.getCheckpoint());
            CheckpointView counts = byKey.getOrDefault(key, CheckpointView.unregistered(r.getModel(),
                    r.getCheckpoint(), 0, 0, null));
            byKey.put(key, counts.withRegistration(r.getRegisteredAt(), r.getAttributes(), r.getBackend(),
                    r.getBaselineCheckpoint()));
        }
        Map<String, List<String>> seen = new LinkedHashMap<>();
        List<CheckpointView> out = new ArrayList<>(byKey.values());
        out.sort(Comparator.comparing(CheckpointView::model)
                .thenComparing(c -> !c.registered())
                .thenComparing(c -> c.registered() ? c.registeredAt().toEpochMilli() : firstSeen(seen, c),
                        Comparator.naturalOrder())
                .thenComparing(CheckpointView::checkpoint));
        return out;
    }

    /** The overview of each hosted model ({@code model} only, if given) with a checkpoint, ordered by model. */
    public List<OverviewView> overview(String model) {
        Map<String, List<CheckpointOverview>> byModel = new LinkedHashMap<>();
        for (CheckpointView c : checkpoints(model)) {
            SummaryView summary = cells.summary(c.model(), c.checkpoint(), CellWindow.CUMULATIVE);
            List<CellUpdate> cumulative = cells.cumulativeCells(c.model(), c.checkpoint());
            FiguresView checkpointSummary = summary == null || cumulative.isEmpty() ? null
                    : summary.checkpointSummary();
            byModel.computeIfAbsent(c.model(), m -> new ArrayList<>()).add(CheckpointOverview.of(c,
                    CheckpointProcessor.standingRegressions(alertStates, c.model(), c.checkpoint()),
                    checkpointSummary, LanguageSummaries.of(c.model(), c.checkpoint(), cumulative)));
        }
        List<OverviewView> out = new ArrayList<>();
        byModel.forEach((m, checkpoints) -> out.add(new OverviewView(m, checkpoints)));
        return out;
    }

    /** Where the stream first saw the checkpoint's answers among its model's; after all of them when never. */
    private long firstSeen(Map<String, List<String>> seen, CheckpointView c) {
        List<String> order = seen.computeIfAbsent(c.model(),
                m -> CheckpointProcessor.checkpointsInOrder(checkpointOrder.get(m)));
        int at = order.indexOf(c.checkpoint());
        return at < 0 ? Long.MAX_VALUE : at;
    }

    /** The registrations of the hosted models, of {@code model} only if given. */
    private List<Checkpoint> registered(String model) {
        List<Checkpoint> out = new ArrayList<>();
        try (KeyValueIterator<String, Checkpoint> it = model == null ? registrations.all()
                : registrations.prefixScan(RecordKey.of(model) + "|", KEYS)) {
            while (it.hasNext()) {
                KeyValue<String, Checkpoint> kv = it.next();
                Checkpoint r = kv.value;
                if (r != null && (model == null || model.equals(r.getModel())) && hostsModel.test(r.getModel())) {
                    out.add(r);
                }
            }
        }
        return out;
    }
}
