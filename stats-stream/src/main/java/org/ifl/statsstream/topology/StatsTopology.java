package org.ifl.statsstream.topology;

import java.time.Duration;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.ifl.platform.deadletter.RecordRejectedException;
import org.ifl.schemas.avro.Alert;
import org.ifl.schemas.avro.CellStatistics;
import org.ifl.schemas.avro.Checkpoint;
import org.ifl.schemas.avro.ExpertAnnotation;
import org.ifl.schemas.avro.LabeledCompletion;
import org.ifl.schemas.avro.Query;
import org.ifl.schemas.topic.RecordKey;
import org.ifl.schemas.topic.Topic;
import org.ifl.schemas.topic.TopicSpec;
import org.ifl.schemas.topic.Topics;
import org.ifl.statsstream.internal.alert.AlertPolicy;
import org.ifl.statsstream.internal.cell.ExpectedAnswers;
import org.ifl.statsstream.internal.cell.FidelityCell;
import org.ifl.statsstream.internal.cell.HoppingWindows;
import org.ifl.statsstream.internal.cell.StateCodec;

/**
 * eval.labeled + eval.annotations (+ eval.queries) -> eval.stats + eval.alerts.
 *
 * <pre>
 *  eval.labeled ─────┐ (both keyed by cell: one task holds a cell's pairs, labels and sums)
 *  eval.annotations ─┴─> cells: pair arms, ignore repeats, apply labels, keep cumulative + slice sums
 *                          │ changed cells, once per emit interval; each item's TEXT/IMAGE outcome once complete
 *                          ├─> eval.stats (CELL figures, cumulative and each hopping window)
 *                          └─> repartition by model ─┐
 *  eval.queries ─> queried arms ─> repartition by model ─┴─> checkpoints: cell sums and item outcomes of the
 *                                 model, the answers each cell's queries expect; once per emit interval, for
 *                                 what changed:
 *                                 DATASET / CHECKPOINT summaries ─> eval.stats,
 *                                 regressions against the baseline ─> eval.alerts
 * </pre>
 */
public final class StatsTopology {
    public static final String STAGE = "stats-stream";
    public static final String CELLS_BY_MODEL = "cells-by-model";
    public static final String QUERIES_BY_MODEL = "queries-by-model";
    /**
     * The latest sums of every cell and window, keyed model|checkpoint|window|dataset|language and partitioned
     * by model: what the HTTP API reads.
     */
    public static final String CELLS_STORE = CheckpointProcessor.CELLS;
    /**
     * The answers each cell's published queries expect, keyed model|checkpoint|dataset|language, partitioned by
     * model like {@link #CELLS_STORE} (the same task holds both).
     */
    public static final String EXPECTED_STORE = CheckpointProcessor.EXPECTED;
    /**
     * Model -> its checkpoints in the order their first answer was counted (a {@link RecordKey}), partitioned by
     * model like {@link #CELLS_STORE}; read with {@link CheckpointProcessor#checkpointsInOrder}.
     */
    public static final String CHECKPOINT_ORDER_STORE = CheckpointProcessor.CHECKPOINT_ORDER;
    /**
     * model|checkpoint|dataset -> the state of its regression alert, partitioned by model like {@link #CELLS_STORE};
     * read with {@link CheckpointProcessor#regressionStands}.
     */
    public static final String ALERT_STATES_STORE = CheckpointProcessor.ALERT_STATES;
    /**
     * model|checkpoint|dataset|language|item|run -> the TEXT and IMAGE fidelity of an item ({@link ItemOutcome}),
     * partitioned by model like {@link #CELLS_STORE}: what paired alerts and design-factor effects are computed from.
     */
    public static final String ITEM_OUTCOMES_STORE = CheckpointProcessor.ITEM_OUTCOMES;
    /**
     * model|checkpoint -> the latest registration on eval.checkpoints ({@link Checkpoint}): a global store, every
     * instance holds all of it.
     */
    public static final String REGISTERED_CHECKPOINTS_STORE = CheckpointProcessor.REGISTERED_CHECKPOINTS;

    /**
     * @param windows      hopping windows and how long they are kept
     * @param emitInterval how often changed cells are published (wall clock)
     * @param alerts       what counts as a regression, and against which baseline
     */
    public record Options(HoppingWindows windows, Duration emitInterval, AlertPolicy alerts) {
    }

    private StatsTopology() {
    }

    public static Topology build(Topics topics, Options options) {
        return build(topics, options, () -> { });
    }

    /** The topology, telling {@code answerCounted} of each labeled completion taken into its cell. */
    public static Topology build(Topics topics, Options options, Runnable answerCounted) {
        Topic<String, LabeledCompletion> labeled = topics.topic(Topics.LABELED);
        Topic<String, ExpertAnnotation> annotations = topics.topic(Topics.ANNOTATIONS);
        Topic<String, CellStatistics> stats = topics.topic(Topics.STATS);
        Topic<String, Alert> alerts = topics.topic(Topics.ALERTS);
        Topic<String, Checkpoint> checkpoints = topics.topic(Topics.CHECKPOINTS);
        Topic<String, Query> queries = topics.topic(Topics.QUERIES);

        StreamsBuilder builder = new StreamsBuilder();
        // written once per commit by the cells processor, from its own objects: not cached (see BeforeCommit)
        builder.addStateStore(BeforeCommit.builder(CellProcessor.BEFORE_COMMIT));
        builder.addStateStore(keyValueStore(CellProcessor.PAIRS, StateCodec.itemPairSerde()).withCachingDisabled());
        builder.addStateStore(keyValueStore(CellProcessor.CUMULATIVE, StateCodec.fidelityCellSerde())
                .withCachingDisabled());
        builder.addStateStore(sliceStore(options.windows()));
        builder.addStateStore(keyValueStore(CellProcessor.CHANGED, Serdes.Long()));
        builder.addStateStore(keyValueStore(CheckpointProcessor.CELLS, CellUpdate.serde()));
        builder.addStateStore(keyValueStore(CheckpointProcessor.CHECKPOINT_ORDER, Serdes.String()));
        builder.addStateStore(keyValueStore(CheckpointProcessor.ALERT_STATES, Serdes.String()));
        builder.addStateStore(keyValueStore(CheckpointProcessor.CHANGED, Serdes.String()));
        builder.addStateStore(keyValueStore(CheckpointProcessor.EXPECTED, ExpectedAnswers.serde()));
        builder.addStateStore(keyValueStore(CheckpointProcessor.QUERIED_ARMS, Serdes.Long()));
        builder.addStateStore(keyValueStore(CheckpointProcessor.ITEM_OUTCOMES, ItemOutcome.serde()));

        builder.globalTable(checkpoints.name(), Consumed.with(checkpoints.keySerde(), checkpoints.valueSerde())
                .withName("registered-checkpoints"), Materialized.<String, Checkpoint, KeyValueStore<Bytes, byte[]>>as(
                        CheckpointProcessor.REGISTERED_CHECKPOINTS)
                .withKeySerde(checkpoints.keySerde()).withValueSerde(checkpoints.valueSerde()));

        KStream<String, SpecificRecord> labeledInput = builder
                .stream(labeled.name(), Consumed.with(labeled.keySerde(), labeled.valueSerde())
                        .withTimestampExtractor(new AnswerTime()).withName("labeled-completions"))
                .mapValues(v -> (SpecificRecord) v);
        KStream<String, SpecificRecord> annotationInput = builder
                .stream(annotations.name(), Consumed.with(annotations.keySerde(), annotations.valueSerde())
                        .withTimestampExtractor(new AnswerTime()).withName("expert-annotations"))
                .mapValues(v -> (SpecificRecord) v);

        // cell updates once per emit interval, item outcomes as pairs complete
        KStream<String, ModelInput> cellOutput = labeledInput
                .merge(annotationInput, Named.as("labeled-and-annotations"))
                .process(() -> new CellProcessor(options.windows(), options.emitInterval(), answerCounted), Named.as("cells"),
                        CellProcessor.BEFORE_COMMIT, CellProcessor.PAIRS, CellProcessor.CUMULATIVE,
                        CellProcessor.SLICES, CellProcessor.CHANGED);

        cellOutput
                .filter((cell, input) -> input instanceof CellUpdate, Named.as("cell-updates"))
                .map((cell, input) -> org.apache.kafka.streams.KeyValue.pair(statsKey((CellUpdate) input),
                        ((CellUpdate) input).statistics()), Named.as("cell-figures"))
                .to(stats.name(), Produced.with(stats.keySerde(), stats.valueSerde()).withName("cell-stats"));

        // Queries are keyed by pair; only the arm each asks for travels on, keyed by model like the cell updates,
        // and both topics take their partition count from 6-partition inputs: a model's cells and its expected
        // answers meet in one task.
        KStream<String, ModelInput> queriedArms = builder
                .stream(queries.name(), Consumed.with(queries.keySerde(), queries.valueSerde())
                        .withName("published-queries"))
                .process(QueriedArms::new, Named.as("queried-arms"))
                .repartition(Repartitioned.with(Serdes.String(), QueriedArm.serde()).withName(QUERIES_BY_MODEL))
                .mapValues(v -> (ModelInput) v, Named.as("queried-arm-input"));

        cellOutput
                .selectKey((cell, input) -> input.model(), Named.as("key-by-model"))
                .repartition(Repartitioned.with(Serdes.String(), ModelInput.cellsByModelSerde())
                        .withName(CELLS_BY_MODEL))
                .merge(queriedArms, Named.as("cells-and-queried-arms"))
                .process(() -> new CheckpointProcessor(options.alerts(), options.windows().retention(),
                                options.emitInterval()), Named.as("checkpoints"), CheckpointProcessor.CELLS,
                        CheckpointProcessor.CHECKPOINT_ORDER, CheckpointProcessor.ALERT_STATES,
                        CheckpointProcessor.CHANGED, CheckpointProcessor.EXPECTED, CheckpointProcessor.QUERIED_ARMS,
                        CheckpointProcessor.ITEM_OUTCOMES)
                .split(Named.as("checkpoint-"))
                .branch((key, value) -> value instanceof CellStatistics, Branched.withConsumer(summaries -> summaries
                        .mapValues(v -> (CellStatistics) v)
                        .to(stats.name(), Produced.with(stats.keySerde(), stats.valueSerde())
                                .withName("summary-stats")), "summaries"))
                .branch((key, value) -> value instanceof Alert, Branched.withConsumer(alertStream -> alertStream
                        .mapValues(v -> (Alert) v)
                        .to(alerts.name(), Produced.with(alerts.keySerde(), alerts.valueSerde())
                                .withName("alerts")), "alerts"));
        return builder.build();
    }

    /**
     * A query's arm, keyed by model, with the query's record time. A processor rather than a map only because
     * that time is the record's, which a value mapper does not see.
     */
    private static final class QueriedArms implements Processor<String, Query, String, QueriedArm> {
        private ProcessorContext<String, QueriedArm> context;

        @Override
        public void init(ProcessorContext<String, QueriedArm> context) {
            this.context = context;
        }

        @Override
        public void process(Record<String, Query> record) {
            Query query = record.value();
            if (query == null) {
                throw new RecordRejectedException("eval.queries record with key '" + record.key()
                        + "' has a null value; a query names the pair and arm it asks for");
            }
            context.forward(record.withKey(query.getPair().getModel())
                    .withValue(QueriedArm.of(query, record.timestamp())));
        }
    }

    /** scope|model|checkpoint|dataset|language|window, as eval.stats is keyed. */
    static String statsKey(CellUpdate update) {
        return RecordKey.of("CELL", update.cell().model(), update.cell().checkpoint(), update.cell().dataset(),
                update.cell().language(), update.window().key());
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> keyValueStore(String name,
            org.apache.kafka.common.serialization.Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values)
                .withCachingEnabled();
    }

    /**
     * The hopping windows' slices, kept by window start. Its changelog deletes by time as well as compacting; its
     * records carry the answers' event time, so it keeps them by when they were written ({@code LogAppendTime}), or
     * a replayed year's slices would be deleted from the changelog at once and lost on the next restore.
     */
    private static StoreBuilder<WindowStore<String, FidelityCell>> sliceStore(HoppingWindows windows) {
        return Stores.windowStoreBuilder(
                Stores.persistentWindowStore(CellProcessor.SLICES, windows.retention().plus(windows.size()),
                        windows.advance(), false),
                Serdes.String(), StateCodec.fidelityCellSerde())
                .withLoggingEnabled(Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, TopicSpec.WRITE_TIME));
    }
}
