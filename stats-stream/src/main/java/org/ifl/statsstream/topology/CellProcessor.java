package org.ifl.statsstream.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.ifl.platform.deadletter.RecordRejectedException;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.Completion;
import org.ifl.schemas.avro.Condition;
import org.ifl.schemas.avro.EntityScores;
import org.ifl.schemas.avro.ExpertAnnotation;
import org.ifl.schemas.avro.FidelityScores;
import org.ifl.schemas.avro.LabeledCompletion;
import org.ifl.schemas.avro.PairKey;
import org.ifl.schemas.topic.RecordKey;
import org.ifl.statsstream.internal.cell.ArmAnswer;
import org.ifl.statsstream.internal.cell.CellKey;
import org.ifl.statsstream.internal.cell.CellWindow;
import org.ifl.statsstream.internal.cell.EntityMeasures;
import org.ifl.statsstream.internal.cell.ExpertLabel;
import org.ifl.statsstream.internal.cell.FidelityCell;
import org.ifl.statsstream.internal.cell.HoppingWindows;
import org.ifl.statsstream.internal.cell.ItemPair;

/**
 * Pairs the arms of each item and keeps every cell's sums, cumulative and in hopping-window slices. Labeled
 * completions and expert annotations both arrive keyed by cell, so an item's arms, its labels and its cell
 * all live in one task: no repartition. Each record changes one pair; the cell changes by the pair's new
 * contribution minus its old one, which is how duplicates are ignored and how a late label replaces a
 * surrogate. Changed cells are marked in a store and published on a wall-clock punctuation, so a burst of
 * records into one cell yields one update, and a crash loses no mark (the store is changelogged, with EOS).
 *
 * <p>Pairs, cell sums and slice sums change with nearly every record but are written to their stores once per
 * commit: until then they are kept as objects (the {@code pending} maps), and {@link BeforeCommit} writes them just
 * before the task commits, so the stores and their changelogs always hold exactly the records committed. Those
 * three stores are not cached (a cache would hold the writes past the commit); reads go to the objects first.
 *
 * <p>When a record completes a pair's TEXT and IMAGE arms (or changes their fidelities), the pair's
 * {@link ItemOutcome} is handed on at once, for the checkpoint stage's item-level comparisons: one per item, not one
 * per record; repeats, labels and the remedy arm forward nothing.
 */
final class CellProcessor implements Processor<String, SpecificRecord, String, ModelInput> {
    static final String PAIRS = "stats-pairs";
    static final String CUMULATIVE = "stats-cumulative";
    static final String SLICES = "stats-slices";
    static final String CHANGED = "stats-changed";
    static final String BEFORE_COMMIT = "stats-before-commit";
    /** Marks in {@link #CHANGED}: "c|cell" for a cumulative cell, "s|sliceStart|cell" for a slice. */
    private static final String CUMULATIVE_MARK = "c|";
    private static final String SLICE_MARK = "s|";

    private final HoppingWindows windows;
    private final Duration emitInterval;
    private ProcessorContext<String, ModelInput> context;
    private KeyValueStore<String, ItemPair> pairs;
    private KeyValueStore<String, FidelityCell> cumulative;
    private WindowStore<String, FidelityCell> slices;
    private KeyValueStore<String, Long> changed;
    private long streamTime = Long.MIN_VALUE;
    /** How many pairs, cells and slices each {@link RecentValues} keeps as objects. */
    private static final int RECENT = 4096;
    private final RecentValues<String, ItemPair> recentPairs = new RecentValues<>(RECENT);
    private final RecentValues<String, FidelityCell> recentCells = new RecentValues<>(RECENT);
    private final RecentValues<SliceKey, FidelityCell> recentSlices = new RecentValues<>(RECENT);
    /** Pairs, cells and slices changed since the last commit, written to their stores before the next one. */
    private final Map<String, ItemPair> pendingPairs = new HashMap<>();
    private final Map<String, FidelityCell> pendingCells = new HashMap<>();
    private final Map<SliceKey, FidelityCell> pendingSlices = new HashMap<>();
    /** Marks put since the last emit, so that a burst of records into one cell puts its mark once. */
    private final Set<String> markedSinceEmit = new HashSet<>();

    /** Told of each answer taken into its cell, for the stage's record counter. */
    private final Runnable answerCounted;

    CellProcessor(HoppingWindows windows, Duration emitInterval, Runnable answerCounted) {
        this.windows = windows;
        this.emitInterval = emitInterval;
        this.answerCounted = answerCounted;
    }

    @Override
    public void init(ProcessorContext<String, ModelInput> context) {
        this.context = context;
        this.pairs = context.getStateStore(PAIRS);
        this.cumulative = context.getStateStore(CUMULATIVE);
        this.slices = context.getStateStore(SLICES);
        this.changed = context.getStateStore(CHANGED);
        // init runs again when a task is revived after a failure: start from the stores, as they were committed
        markedSinceEmit.clear();
        pendingPairs.clear();
        pendingCells.clear();
        pendingSlices.clear();
        recentPairs.clear();
        recentCells.clear();
        recentSlices.clear();
        BeforeCommit beforeCommit = context.getStateStore(BEFORE_COMMIT);
        beforeCommit.runBeforeEachCommit(this::writePending);
        context.schedule(emitInterval, PunctuationType.WALL_CLOCK_TIME, this::publishChanged);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        if (record.value() instanceof LabeledCompletion labeled) {
            // only answers move the windows: an annotation's time is when an expert labeled, not when the model
            // answered, and a label given today must not expire a replayed year's windows
            streamTime = Math.max(streamTime, record.timestamp());
            Completion completion = labeled.getCompletion();
            PairKey pair = completion.getPair();
            String cell = checkKey(record.key(), pair, "completion " + completion.getCompletionId());
            ArmAnswer answer = answer(labeled);
            update(cell, pair, record.timestamp(),
                    p -> p.withAnswer(completion.getCondition().getArm(), answer, record.timestamp()));
            answerCounted.run();
        } else if (record.value() instanceof ExpertAnnotation annotation) {
            String cell = checkKey(record.key(), annotation.getPair(), "annotation of " + annotation.getCompletionId());
            double pi = annotation.getSamplingProbability();
            if (!(pi > 0 && pi <= 1)) {
                throw new RecordRejectedException("annotation of completion " + annotation.getCompletionId()
                        + " has samplingProbability " + pi + "; it must be in (0, 1]");
            }
            ExpertLabel label = new ExpertLabel(annotation.getCompletionId(), annotation.getTrueLanguage(),
                    annotation.getCorrect(), pi);
            update(cell, annotation.getPair(), record.timestamp(), p -> p.withLabel(annotation.getArm(), label));
        } else {
            throw new RecordRejectedException("stats-stream reads LabeledCompletion and ExpertAnnotation records, not "
                    + (record.value() == null ? "a null value" : record.value().getSchema().getFullName()));
        }
    }

    private static ArmAnswer answer(LabeledCompletion labeled) {
        FidelityScores scores = labeled.getScores();
        if ((scores.getFidelity() & ~1) != 0 || (scores.getLineFidelity() & ~1) != 0) {
            throw new RecordRejectedException("completion " + labeled.getCompletion().getCompletionId()
                    + " has fidelity " + scores.getFidelity() + " and lineFidelity " + scores.getLineFidelity()
                    + "; both must be 0 or 1");
        }
        Condition condition = labeled.getCompletion().getCondition();
        EntityScores entities = labeled.getEntityScores();
        if (entities != null && !(share(entities.getCoverageExact()) && share(entities.getCoveragePartial())
                && share(entities.getF1()) && (entities.getCooccurrence() == null
                        || share(entities.getCooccurrence())))) {
            // one NaN would stay in the cell's sums for good: refuse it
            throw new RecordRejectedException("completion " + labeled.getCompletion().getCompletionId()
                    + " has entity scores " + entities + "; coverageExact, coveragePartial, f1 and cooccurrence"
                    + " must be numbers in [0, 1]");
        }
        return new ArmAnswer(labeled.getCompletion().getCompletionId(), scores.getStatus(), scores.getFidelity(),
                scores.getLineFidelity(), condition.getExpectedLanguage(),
                entities == null ? null : EntityMeasures.of(entities), condition.getAlignment(),
                scores.getWordLevel(), labeled.getAnswerMatch());
    }

    private static boolean share(double value) {
        return value >= 0 && value <= 1;
    }

    /** The pair's cell, which must be the record's key. */
    private static String checkKey(String key, PairKey pair, String what) {
        String cell = RecordKey.cell(pair);
        if (!cell.equals(key)) {
            throw new RecordRejectedException(what + " is keyed '" + key + "' but belongs to cell '" + cell
                    + "'; eval.labeled and eval.annotations must be keyed by cell (model|checkpoint|dataset|language)");
        }
        return cell;
    }

    private void update(String cell, PairKey pair, long timestamp,
            java.util.function.UnaryOperator<ItemPair> change) {
        String pairKey = RecordKey.pair(pair);
        ItemPair before = current(pairKey, pendingPairs, recentPairs, pairs::get);
        if (before == null) {
            before = ItemPair.EMPTY;
        }
        ItemPair after = change.apply(before);
        pendingPairs.put(pairKey, after);
        forwardOutcomeIfChanged(pair, before, after, timestamp);
        FidelityCell was = before.contribution();
        FidelityCell is = after.contribution();
        if (was.equals(is)) {
            return; // e.g. a label waiting for its completion
        }
        FidelityCell total = current(cell, pendingCells, recentCells, cumulative::get);
        pendingCells.put(cell, (total == null ? FidelityCell.EMPTY : total).minus(was).plus(is));
        mark(CUMULATIVE_MARK + cell, 0L);

        long slice = windows.sliceStart(after.openedAt());
        if (!expired(slice + windows.size().toMillis())) {
            SliceKey key = new SliceKey(cell, slice);
            FidelityCell sliceTotal = current(key, pendingSlices, recentSlices, k -> slices.fetch(k.cell(), k.start()));
            pendingSlices.put(key, (sliceTotal == null ? FidelityCell.EMPTY : sliceTotal).minus(was).plus(is));
            mark(SLICE_MARK + slice + "|" + cell, slice);
        }
    }

    /** Hands on the pair's TEXT and IMAGE fidelities when this change completed them or changed them. */
    private void forwardOutcomeIfChanged(PairKey pair, ItemPair before, ItemPair after, long timestamp) {
        ArmAnswer text = after.answer(Arm.TEXT);
        ArmAnswer image = after.answer(Arm.IMAGE);
        if (text == null || image == null) {
            return;
        }
        ArmAnswer textBefore = before.answer(Arm.TEXT);
        ArmAnswer imageBefore = before.answer(Arm.IMAGE);
        if (textBefore != null && imageBefore != null && textBefore.fidelity() == text.fidelity()
                && imageBefore.fidelity() == image.fidelity()) {
            return;
        }
        context.forward(new Record<>(RecordKey.cell(pair), ItemOutcome.of(pair, text.fidelity(), image.fidelity()),
                timestamp));
    }

    /** The latest value of {@code key}: changed since the last commit, else remembered, else stored. */
    private static <K, V> V current(K key, Map<K, V> pending, RecentValues<K, V> recent,
            java.util.function.Function<K, V> store) {
        V value = pending.get(key);
        return value != null ? value : recent.get(key, store);
    }

    /**
     * Writes what changed since the last commit to the stores (and their changelogs), and remembers it as
     * objects. Runs before each commit and before each emit.
     */
    private void writePending() {
        pendingPairs.forEach((key, pair) -> {
            pairs.put(key, pair);
            recentPairs.put(key, pair);
        });
        pendingCells.forEach((cell, total) -> {
            cumulative.put(cell, total);
            recentCells.put(cell, total);
        });
        pendingSlices.forEach((slice, total) -> {
            slices.put(slice.cell(), total, slice.start());
            recentSlices.put(slice, total);
        });
        pendingPairs.clear();
        pendingCells.clear();
        pendingSlices.clear();
    }

    /** Marks a cell or slice as changed; a mark already made since the last emit is not put again. */
    private void mark(String key, long slice) {
        if (markedSinceEmit.add(key)) {
            changed.put(key, slice);
        }
    }

    /** A window that ended before stream time minus retention is no longer kept or published. */
    private boolean expired(long windowEnd) {
        return streamTime != Long.MIN_VALUE && windowEnd <= streamTime - windows.retention().toMillis();
    }

    private void publishChanged(long now) {
        writePending(); // the emit reads the stores
        List<String> marks = new ArrayList<>();
        Map<String, Set<Long>> changedSlices = new LinkedHashMap<>();
        try (KeyValueIterator<String, Long> it = changed.all()) {
            while (it.hasNext()) {
                KeyValue<String, Long> mark = it.next();
                marks.add(mark.key);
                if (mark.key.startsWith(CUMULATIVE_MARK)) {
                    String cell = mark.key.substring(CUMULATIVE_MARK.length());
                    publish(cell, CellWindow.CUMULATIVE, recentCells.get(cell, cumulative::get), now);
                } else {
                    String cell = mark.key.substring(mark.key.indexOf('|', SLICE_MARK.length()) + 1);
                    changedSlices.computeIfAbsent(cell, c -> new TreeSet<>()).add(mark.value);
                }
            }
        }
        changedSlices.forEach((cell, sliceStarts) -> publishWindows(cell, sliceStarts, now));
        marks.forEach(changed::delete);
        markedSinceEmit.clear();
    }

    /**
     * Publishes every unexpired window of {@code cell} that holds one of the changed slices, reading the
     * cell's slices over all of them in one fetch and summing each window from them.
     */
    private void publishWindows(String cell, Set<Long> sliceStarts, long now) {
        Set<CellWindow> due = new LinkedHashSet<>();
        for (long slice : sliceStarts) {
            for (CellWindow w : windows.windowsOfSlice(slice)) {
                if (!expired(w.end())) {
                    due.add(w);
                }
            }
        }
        if (due.isEmpty()) {
            return;
        }
        long from = due.stream().mapToLong(CellWindow::start).min().orElseThrow();
        long to = due.stream().mapToLong(CellWindow::end).max().orElseThrow() - windows.advance().toMillis();
        NavigableMap<Long, FidelityCell> slicesOfCell = new TreeMap<>();
        try (WindowStoreIterator<FidelityCell> it = slices.fetch(cell, from, to)) {
            it.forEachRemaining(kv -> slicesOfCell.put(kv.key, kv.value));
        }
        for (CellWindow w : due) {
            FidelityCell total = FidelityCell.EMPTY;
            for (FidelityCell slice : slicesOfCell.subMap(w.start(), w.end()).values()) {
                total = total.plus(slice);
            }
            publish(cell, w, total, now);
        }
    }

    private void publish(String cell, CellWindow window, FidelityCell tally, long now) {
        if (tally != null) {
            context.forward(new Record<>(cell, new CellUpdate(CellKey.parse(cell), window, tally, now), now));
        }
    }

    /** One slice of one cell. */
    private record SliceKey(String cell, long start) {
    }
}
