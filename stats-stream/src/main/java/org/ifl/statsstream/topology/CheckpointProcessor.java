package org.ifl.statsstream.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.ifl.schemas.avro.Alert;
import org.ifl.schemas.avro.AlertState;
import org.ifl.schemas.avro.Checkpoint;
import org.ifl.schemas.avro.WindowKind;
import org.ifl.schemas.topic.RecordKey;
import org.ifl.statsstream.internal.alert.AlertPolicy;
import org.ifl.statsstream.internal.cell.CellEstimates;
import org.ifl.statsstream.internal.cell.CellFigures;
import org.ifl.statsstream.internal.cell.CellKey;
import org.ifl.statsstream.internal.cell.CellWindow;
import org.ifl.statsstream.internal.cell.ExpectedAnswers;
import org.ifl.statsstream.internal.cell.FidelityCell;
import org.ifl.statsstream.internal.stats.Interval;
import org.ifl.statsstream.internal.stats.Moments;
import org.ifl.statsstream.internal.stats.PairedDifferences;

/**
 * Everything that looks across the cells of a model, fed with cell updates re-keyed by model: the latest
 * sums of every cell (the store the HTTP API reads), the DATASET and CHECKPOINT summaries, and the alerts
 * that compare a checkpoint with its baseline. A cell update only stores the cell and marks its summaries
 * (and, when cumulative, its alert check) as due; a wall-clock punctuation publishes each marked summary
 * once per emit interval, however many of its cells changed, so a summary costs one scan per emit rather
 * than one per cell update. The marks are a changelogged store, like the cell stage's, so a crash loses
 * none. An alert fires once when a (checkpoint, dataset) starts to regress in any language and resolves
 * once when no language regresses any more; checks in between publish nothing. The comparison is paired by item:
 * each item whose TEXT and IMAGE arms are answered arrives as an {@link ItemOutcome} and is kept in a
 * changelogged store keyed so that a cell's items are one prefix scan. The arms that published
 * queries ask for arrive here too, keyed by model, and are counted per cell once each: the answers a cell
 * expects, beside the answers its sums count.
 */
public final class CheckpointProcessor implements Processor<String, ModelInput, String, SpecificRecord> {
    static final String CELLS = "stats-cells-by-model";
    /** Cell -> the answers its published queries expect ({@link ExpectedAnswers}); read by the HTTP API. */
    static final String EXPECTED = "stats-expected";
    /** pairKey|ARM of every arm a published query asked for, so that a query published again counts once. */
    static final String QUERIED_ARMS = "stats-queried-arms";
    /** {@link ItemOutcome#storeKey} -> the item's TEXT and IMAGE fidelity: paired alerts and effects read it. */
    static final String ITEM_OUTCOMES = "stats-item-outcomes";
    static final String CHECKPOINT_ORDER = "stats-checkpoint-order";
    static final String ALERT_STATES = "stats-alert-states";
    /** eval.checkpoints as a global table: registrations name baselines and order checkpoints. */
    static final String REGISTERED_CHECKPOINTS = "stats-registered-checkpoints";
    /** Summaries and alert checks due at the next emit: "s|model|checkpoint|window|dataset", "a|model|checkpoint|dataset". */
    static final String CHANGED = "stats-checkpoints-changed";
    private static final String SUMMARY_MARK = "s|";
    private static final String ALERT_MARK = "a|";
    private static final Duration CLEANUP_INTERVAL = Duration.ofMinutes(1);
    private static final StringSerializer KEYS = new StringSerializer();

    private final AlertPolicy policy;
    private final Duration windowRetention;
    private final Duration emitInterval;
    /** Marks put since the last emit, so that a burst of updates to one summary puts its mark once. */
    private final Set<String> markedSinceEmit = new HashSet<>();
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, CellUpdate> cells;
    private KeyValueStore<String, String> checkpointOrder;
    private KeyValueStore<String, String> alertStates;
    private KeyValueStore<String, String> changed;
    private KeyValueStore<String, ExpectedAnswers> expected;
    private KeyValueStore<String, Long> queriedArms;
    private KeyValueStore<String, ItemOutcome> itemOutcomes;
    private ReadOnlyKeyValueStore<String, ValueAndTimestamp<Checkpoint>> registered;
    private long latestWindowEnd = Long.MIN_VALUE;
    /**
     * The estimates of the cells last summarised, by {@link #cellStoreKey}; dropped when the cell changes. A
     * summary averages every cell of its checkpoint, most of which did not change since the last emit.
     */
    private final RecentValues<String, CellEstimates> estimates = new RecentValues<>(16_384);
    /**
     * The paired differences last computed per (checkpoint cell, baseline), with both cells' pair counts then: an
     * alert check rescans the item outcomes of a language only when either cell gained pairs since.
     */
    private final RecentValues<String, ComparedItems> compared = new RecentValues<>(16_384);

    CheckpointProcessor(AlertPolicy policy, Duration windowRetention, Duration emitInterval) {
        this.policy = policy;
        this.windowRetention = windowRetention;
        this.emitInterval = emitInterval;
    }

    /** model|checkpoint|window|dataset|language: a checkpoint's cells of one window are one prefix. */
    public static String cellStoreKey(CellKey cell, CellWindow window) {
        return RecordKey.of(cell.model(), cell.checkpoint(), window.key(), cell.dataset(), cell.language());
    }

    public static String prefix(String... parts) {
        return RecordKey.of(parts) + "|";
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.cells = context.getStateStore(CELLS);
        this.checkpointOrder = context.getStateStore(CHECKPOINT_ORDER);
        this.alertStates = context.getStateStore(ALERT_STATES);
        this.registered = context.getStateStore(REGISTERED_CHECKPOINTS);
        this.changed = context.getStateStore(CHANGED);
        this.expected = context.getStateStore(EXPECTED);
        this.queriedArms = context.getStateStore(QUERIED_ARMS);
        this.itemOutcomes = context.getStateStore(ITEM_OUTCOMES);
        markedSinceEmit.clear();
        estimates.clear();
        compared.clear();
        context.schedule(emitInterval, PunctuationType.WALL_CLOCK_TIME, this::publishChanged);
        context.schedule(CLEANUP_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> dropExpiredWindows());
    }

    @Override
    public void process(Record<String, ModelInput> record) {
        if (record.value() instanceof QueriedArm queried) {
            expect(queried);
        } else if (record.value() instanceof ItemOutcome outcome) {
            // No alert mark: the outcome's cell update follows it on the same partition and marks the check.
            itemOutcomes.put(outcome.storeKey(), outcome);
        } else {
            store((CellUpdate) record.value());
        }
    }

    /** One more expected answer in the arm's cell, unless the arm was asked for before. */
    private void expect(QueriedArm queried) {
        if (queriedArms.get(queried.key()) != null) {
            return;
        }
        queriedArms.put(queried.key(), queried.queriedAt());
        String cell = queried.cell().key();
        ExpectedAnswers before = expected.get(cell);
        expected.put(cell, (before == null ? ExpectedAnswers.NONE : before).plusOne(queried.queriedAt()));
    }

    private void store(CellUpdate update) {
        CellKey cell = update.cell();
        CellWindow window = update.window();
        String key = cellStoreKey(cell, window);
        cells.put(key, update);
        estimates.remove(key);
        if (window.kind() == WindowKind.HOPPING) {
            latestWindowEnd = Math.max(latestWindowEnd, window.end());
        }
        mark(SUMMARY_MARK + RecordKey.of(cell.model(), cell.checkpoint(), window.key(), cell.dataset()));
        if (window.kind() == WindowKind.CUMULATIVE) {
            remember(cell.model(), cell.checkpoint());
            mark(ALERT_MARK + RecordKey.of(cell.model(), cell.checkpoint(), cell.dataset()));
        }
    }

    /** Marks a summary or an alert check as due at the next emit; a mark already made since then is not put again. */
    private void mark(String key) {
        if (markedSinceEmit.add(key)) {
            changed.put(key, "");
        }
    }

    /**
     * Publishes the summaries of every (checkpoint, window) that changed since the last emit, reading the
     * checkpoint's cells of the window once for its changed datasets and for the checkpoint, then checks
     * the alerts of every (checkpoint, dataset) whose cumulative figures changed.
     */
    private void publishChanged(long now) {
        Map<String, Set<String>> datasetsByWindow = new LinkedHashMap<>();
        Set<List<String>> alertChecks = new LinkedHashSet<>();
        List<String> marks = new ArrayList<>();
        try (KeyValueIterator<String, String> it = changed.all()) {
            while (it.hasNext()) {
                String mark = it.next().key;
                marks.add(mark);
                List<String> parts = RecordKey.parts(mark.substring(2));
                if (mark.startsWith(SUMMARY_MARK)) {
                    datasetsByWindow.computeIfAbsent(RecordKey.of(parts.get(0), parts.get(1), parts.get(2)),
                            k -> new LinkedHashSet<>()).add(parts.get(3));
                } else {
                    alertChecks.add(parts);
                }
            }
        }
        datasetsByWindow.forEach((checkpointWindow, datasets) -> publishSummaries(
                RecordKey.parts(checkpointWindow), datasets));
        Instant at = Instant.ofEpochMilli(now);
        for (List<String> check : alertChecks) {
            String model = check.get(0);
            String checkpoint = check.get(1);
            String dataset = check.get(2);
            List<String> order = checkpointOrder(model);
            checkAlert(model, checkpoint, dataset, order, at);
            for (String other : order) {
                if (checkpoint.equals(baseline(model, other, order))) {
                    checkAlert(model, other, dataset, order, at);
                }
            }
        }
        marks.forEach(changed::delete);
        markedSinceEmit.clear();
    }

    /**
     * The summaries of one checkpoint's window: each changed dataset's and the checkpoint's, from one scan of
     * its cells. A summary is as of its latest cell update.
     */
    private void publishSummaries(List<String> checkpointWindow, Set<String> changedDatasets) {
        String model = checkpointWindow.get(0);
        String checkpoint = checkpointWindow.get(1);
        Map<String, List<SummarisedCell>> byDataset = new LinkedHashMap<>();
        List<SummarisedCell> all = new ArrayList<>();
        try (KeyValueIterator<String, CellUpdate> it = cells.prefixScan(
                prefix(model, checkpoint, checkpointWindow.get(2)), KEYS)) {
            while (it.hasNext()) {
                KeyValue<String, CellUpdate> kv = it.next();
                SummarisedCell cell = new SummarisedCell(kv.value,
                        estimates.get(kv.key, k -> CellEstimates.of(kv.value.tally())));
                all.add(cell);
                byDataset.computeIfAbsent(kv.value.cell().dataset(), d -> new ArrayList<>()).add(cell);
            }
        }
        if (all.isEmpty()) {
            return; // the window expired after it was marked
        }
        CellWindow window = all.get(0).update().window();
        for (String dataset : changedDatasets) {
            List<SummarisedCell> ofDataset = byDataset.get(dataset);
            if (ofDataset != null) {
                publishSummary(model, checkpoint, dataset, window, ofDataset);
            }
        }
        publishSummary(model, checkpoint, null, window, all);
    }

    private void publishSummary(String model, String checkpoint, String dataset, CellWindow window,
            List<SummarisedCell> summarised) {
        List<FidelityCell> tallies = new ArrayList<>(summarised.size());
        List<CellEstimates> cellEstimates = new ArrayList<>(summarised.size());
        long asOf = Long.MIN_VALUE;
        for (SummarisedCell c : summarised) {
            tallies.add(c.update().tally());
            cellEstimates.add(c.estimates());
            asOf = Math.max(asOf, c.update().updatedAt());
        }
        var summary = CellFigures.summary(model, checkpoint, dataset, window, tallies, cellEstimates,
                Instant.ofEpochMilli(asOf));
        String key = RecordKey.of(summary.getScope().name(), model, checkpoint, dataset, null, window.key());
        context.forward(new Record<>(key, summary, asOf));
    }

    private List<String> checkpointOrder(String model) {
        return checkpointsInOrder(checkpointOrder.get(model));
    }

    /** A model's checkpoints as {@link StatsTopology#CHECKPOINT_ORDER_STORE} holds them: first seen first. */
    public static List<String> checkpointsInOrder(String stored) {
        return stored == null ? List.of() : RecordKey.parts(stored);
    }

    /**
     * Whether a regression alert of the checkpoint stands: it fired for one of its datasets and has not resolved,
     * as {@link StatsTopology#ALERT_STATES_STORE} ({@code alertStates}) holds it.
     */
    public static boolean regressionStands(ReadOnlyKeyValueStore<String, String> alertStates, String model,
            String checkpoint) {
        return standingRegressions(alertStates, model, checkpoint) > 0;
    }

    /**
     * How many datasets of the checkpoint have a regression alert that stands (fired and not resolved), as
     * {@link StatsTopology#ALERT_STATES_STORE} ({@code alertStates}) holds them.
     */
    public static int standingRegressions(ReadOnlyKeyValueStore<String, String> alertStates, String model,
            String checkpoint) {
        int standing = 0;
        try (KeyValueIterator<String, String> it = alertStates.prefixScan(prefix(model, checkpoint), KEYS)) {
            while (it.hasNext()) {
                if (AlertEpisode.parse(it.next().value).firing()) {
                    standing++;
                }
            }
        }
        return standing;
    }

    /** The model's checkpoints in the order they were first seen, with {@code checkpoint} added if new. */
    private void remember(String model, String checkpoint) {
        List<String> order = new ArrayList<>(checkpointOrder(model));
        if (!order.contains(checkpoint)) {
            order.add(checkpoint);
            checkpointOrder.put(model, RecordKey.of(order.toArray(String[]::new)));
        }
    }

    private String baseline(String model, String checkpoint, List<String> order) {
        return policy.baseline(model, checkpoint, order, c -> registration(model, c));
    }

    private AlertPolicy.Registration registration(String model, String checkpoint) {
        ValueAndTimestamp<Checkpoint> r = registered.get(RecordKey.checkpoint(model, checkpoint));
        return r == null || r.value() == null ? null : new AlertPolicy.Registration(
                r.value().getRegisteredAt().toEpochMilli(), r.value().getBaselineCheckpoint());
    }

    private void checkAlert(String model, String checkpoint, String dataset, List<String> order, Instant now) {
        String baseline = baseline(model, checkpoint, order);
        if (baseline == null) {
            return;
        }
        Map<String, Comparison> regressed = new LinkedHashMap<>();
        Map<String, Comparison> all = new LinkedHashMap<>();
        try (KeyValueIterator<String, CellUpdate> it = cells.prefixScan(
                prefix(model, checkpoint, CellWindow.CUMULATIVE_KEY, dataset), KEYS)) {
            while (it.hasNext()) {
                CellUpdate current = it.next().value;
                CellKey base = new CellKey(model, baseline, dataset, current.cell().language());
                CellUpdate before = cells.get(cellStoreKey(base, CellWindow.CUMULATIVE));
                if (before == null) {
                    continue;
                }
                Interval ifl = current.tally().iflEstimate();
                Interval baselineIfl = before.tally().iflEstimate();
                if (ifl == null || baselineIfl == null) {
                    // Item outcomes arrive at once, cell updates once per emit: a cell stored before its first
                    // pair has no IFL yet. Its next update, with pairs, marks this check again.
                    continue;
                }
                Interval difference = policy.difference(comparedItems(current.cell(), baseline,
                        current.tally().ifl().n(), before.tally().ifl().n()));
                if (difference == null) {
                    continue;
                }
                Comparison c = new Comparison(current.cell().language(), ifl, baselineIfl, difference);
                all.put(c.language, c);
                if (policy.regressed(difference)) {
                    regressed.put(c.language, c);
                }
            }
        }
        String stateKey = RecordKey.of(model, checkpoint, dataset);
        AlertEpisode state = AlertEpisode.parse(alertStates.get(stateKey));
        if (!regressed.isEmpty() && !state.firing()) {
            AlertEpisode next = new AlertEpisode(state.episode() + 1, List.copyOf(regressed.keySet()));
            alertStates.put(stateKey, next.format());
            emit(AlertState.FIRING, model, checkpoint, baseline, dataset, next, regressed, now,
                    "IFL fell by more than " + policy.threshold() + " against " + baseline + " in ");
        } else if (regressed.isEmpty() && state.firing()) {
            Map<String, Comparison> recovered = new LinkedHashMap<>();
            state.languages().stream().filter(all::containsKey).forEach(l -> recovered.put(l, all.get(l)));
            alertStates.put(stateKey, new AlertEpisode(state.episode(), List.of()).format());
            emit(AlertState.RESOLVED, model, checkpoint, baseline, dataset, state, recovered, now,
                    "IFL no longer falls by more than " + policy.threshold() + " against " + baseline + " in ");
        }
        if (regressed.isEmpty() && !all.isEmpty()) {
            resolveSuperseded(model, checkpoint, baseline, dataset, order, all, now);
        }
    }

    /**
     * A training run that recovered: the standing alerts of checkpoints registered before {@code checkpoint}, compared
     * with the same {@code baseline} in the same dataset, resolve once {@code checkpoint} does not regress in any of
     * their languages. Their RESOLVED record carries {@code checkpoint}'s figures and names it.
     */
    private void resolveSuperseded(String model, String checkpoint, String baseline, String dataset,
            List<String> order, Map<String, Comparison> recovered, Instant now) {
        List<String> earlier = AlertPolicy.inOrder(order, c -> registration(model, c));
        for (String before : earlier.subList(0, Math.max(0, earlier.indexOf(checkpoint)))) {
            String stateKey = RecordKey.of(model, before, dataset);
            AlertEpisode state = AlertEpisode.parse(alertStates.get(stateKey));
            if (!state.firing() || !baseline.equals(baseline(model, before, order))
                    || !recovered.keySet().containsAll(state.languages())) {
                continue;
            }
            Map<String, Comparison> figures = new LinkedHashMap<>();
            state.languages().forEach(l -> figures.put(l, recovered.get(l)));
            alertStates.put(stateKey, new AlertEpisode(state.episode(), List.of()).format());
            emit(AlertState.RESOLVED, model, before, baseline, dataset, state, figures, now,
                    "superseded: " + checkpoint + ", registered after " + before + ", no longer falls by more than "
                            + policy.threshold() + " against " + baseline + " in ");
        }
    }

    private void emit(AlertState kind, String model, String checkpoint, String baseline, String dataset,
            AlertEpisode episode, Map<String, Comparison> comparisons, Instant now, String why) {
        // The figures are those of the language that regressed most (or, on resolve, that had).
        Comparison worst = comparisons.values().stream()
                .min(Comparator.comparingDouble(c -> c.difference.value())).orElse(null);
        if (worst == null) {
            return; // the regressed cells vanished (cannot happen with cumulative cells, which only grow)
        }
        StringBuilder reason = new StringBuilder(why);
        reason.append(dataset).append(": ");
        comparisons.values().forEach(c -> reason.append(String.format(java.util.Locale.ROOT,
                "%s %+.3f [%+.3f, %+.3f]; ", c.language, c.difference.value(), c.difference.low(),
                c.difference.high())));
        Alert alert = Alert.newBuilder()
                .setAlertId(RecordKey.of(model, checkpoint, dataset, Long.toString(episode.episode())))
                .setState(kind)
                .setModel(model)
                .setCheckpoint(checkpoint)
                .setBaselineCheckpoint(baseline)
                .setDataset(dataset)
                .setLanguages(List.copyOf(comparisons.keySet()))
                .setIfl(CellFigures.estimate(worst.ifl))
                .setBaselineIfl(CellFigures.estimate(worst.baselineIfl))
                .setDifference(CellFigures.estimate(worst.difference))
                .setThreshold(policy.threshold())
                .setReason(reason.substring(0, reason.length() - 2))
                .setDetectedAt(now)
                .build();
        context.forward(new Record<>(RecordKey.checkpoint(model, checkpoint), alert, now.toEpochMilli()));
    }

    /**
     * The paired differences of {@code cell} against the same cell of {@code baseline}, computed again only when
     * either cell's pair count changed (outcomes, once complete, never change; a cell's pairs are its outcomes).
     */
    private PairedDifferences comparedItems(CellKey cell, String baseline, long pairs, long baselinePairs) {
        String key = RecordKey.of(cell.key(), baseline);
        ComparedItems known = compared.get(key, k -> null);
        if (known != null && known.pairs() == pairs && known.baselinePairs() == baselinePairs) {
            return known.differences();
        }
        PairedDifferences differences = pairedDifferences(
                outcomesOf(itemOutcomes, cell.model(), cell.checkpoint(), cell.dataset(), cell.language()),
                outcomesOf(itemOutcomes, cell.model(), baseline, cell.dataset(), cell.language()));
        compared.put(key, new ComparedItems(pairs, baselinePairs, differences));
        return differences;
    }

    /**
     * The item outcomes of one cell (model, checkpoint, dataset, language), or of a checkpoint's every cell
     * (model, checkpoint), as {@link StatsTopology#ITEM_OUTCOMES_STORE} holds them: one prefix scan.
     */
    public static List<ItemOutcome> outcomesOf(ReadOnlyKeyValueStore<String, ItemOutcome> store, String... prefix) {
        List<ItemOutcome> out = new ArrayList<>();
        try (KeyValueIterator<String, ItemOutcome> it = store.prefixScan(prefix(prefix), KEYS)) {
            it.forEachRemaining(kv -> out.add(kv.value));
        }
        return out;
    }

    /**
     * d_i = (image - text of the checkpoint) - (image - text of the baseline) over the items both answered; an item
     * answered in several runs of a checkpoint counts once, with the mean of its runs' outcomes.
     */
    static PairedDifferences pairedDifferences(List<ItemOutcome> checkpoint, List<ItemOutcome> baseline) {
        Map<String, Moments> baselineByItem = itemIfl(baseline);
        PairedDifferences differences = PairedDifferences.EMPTY;
        for (Map.Entry<String, Moments> item : itemIfl(checkpoint).entrySet()) {
            Moments before = baselineByItem.get(item.getKey());
            if (before != null) {
                differences = differences.add(item.getValue().mean() - before.mean());
            }
        }
        return differences;
    }

    /** Each item's image - text, over its runs. */
    private static Map<String, Moments> itemIfl(List<ItemOutcome> outcomes) {
        Map<String, Moments> byItem = new LinkedHashMap<>();
        for (ItemOutcome o : outcomes) {
            byItem.merge(o.item(), Moments.EMPTY.add(o.difference()), Moments::plus);
        }
        return byItem;
    }

    /** Hopping windows that ended more than the retention before the latest window are dropped. */
    private void dropExpiredWindows() {
        if (latestWindowEnd == Long.MIN_VALUE) {
            return;
        }
        long horizon = latestWindowEnd - windowRetention.toMillis();
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, CellUpdate> it = cells.all()) {
            while (it.hasNext()) {
                KeyValue<String, CellUpdate> kv = it.next();
                CellWindow w = kv.value.window();
                if (w.kind() == WindowKind.HOPPING && w.end() < horizon) {
                    expired.add(kv.key);
                }
            }
        }
        expired.forEach(key -> {
            cells.delete(key);
            estimates.remove(key);
        });
    }

    /** A cell's latest update with its estimates. */
    private record SummarisedCell(CellUpdate update, CellEstimates estimates) {
    }

    private record ComparedItems(long pairs, long baselinePairs, PairedDifferences differences) {
    }

    private record Comparison(String language, Interval ifl, Interval baselineIfl, Interval difference) {
    }

    /** The alert state of a (checkpoint, dataset): how many times it fired, and the languages while firing. */
    record AlertEpisode(long episode, List<String> languages) {
        static AlertEpisode parse(String stored) {
            if (stored == null) {
                return new AlertEpisode(0, List.of());
            }
            List<String> parts = RecordKey.parts(stored);
            return new AlertEpisode(Long.parseLong(parts.get(0)), parts.subList(1, parts.size()).stream()
                    .filter(l -> !l.isEmpty()).toList());
        }

        boolean firing() {
            return !languages.isEmpty();
        }

        String format() {
            List<String> parts = new ArrayList<>();
            parts.add(Long.toString(episode));
            parts.addAll(languages);
            return RecordKey.of(parts.toArray(String[]::new));
        }
    }
}
