package org.ifl.schemas.topic;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.ifl.schemas.avro.Alert;
import org.ifl.schemas.avro.CellStatistics;
import org.ifl.schemas.avro.Checkpoint;
import org.ifl.schemas.avro.Completion;
import org.ifl.schemas.avro.DatasetEntity;
import org.ifl.schemas.avro.DeadLetter;
import org.ifl.schemas.avro.ExpertAnnotation;
import org.ifl.schemas.avro.LabeledCompletion;
import org.ifl.schemas.avro.Query;
import org.ifl.schemas.registry.SchemaRegistryClient;
import org.ifl.schemas.serde.AvroSerdeProvider;

/**
 * The registry of every topic the system reads or writes: the one place a topic name is spelled. Modules
 * take a {@link Topic} from an instance bound to their serdes: {@code topics.topic(Topics.QUERIES)}.
 */
public final class Topics {

    /**
     * Partitions of the evaluation topics. Completions, labeled completions and annotations must have the same
     * count: they are keyed by cell and joined without a repartition.
     */
    public static final int EVAL_PARTITIONS = 6;

    private static final String CELL_KEY = "model|checkpoint|dataset|language";
    private static final String BY_CELL = "co-partitioned by cell: the arms of an item, its cell and its expert"
            + " labels meet in one partition with no repartition";

    public static final TopicContract<String, Checkpoint> CHECKPOINTS = new TopicContract<>(
            "eval.checkpoints", String.class, Checkpoint.class, "model|checkpoint",
            "one record per checkpoint, latest registration wins", TopicSpec.compacted(1),
            "checkpoints registered for evaluation; producers fan each one out into queries");

    public static final TopicContract<String, Query> QUERIES = new TopicContract<>(
            "eval.queries", String.class, Query.class, "run|model|checkpoint|dataset|item|language",
            "by pair key: the arms of one item reach the same worker and batch together; items spread evenly",
            TopicSpec.retained(EVAL_PARTITIONS, Duration.ofDays(7)),
            "one query per arm (TEXT, IMAGE, IMAGE_REMEDY) of each item, language and checkpoint");

    public static final TopicContract<String, Completion> COMPLETIONS = new TopicContract<>(
            "eval.completions", String.class, Completion.class, CELL_KEY, BY_CELL,
            TopicSpec.retained(EVAL_PARTITIONS, Duration.ofDays(30)),
            "model answers from inference workers, and replayed historical runs");

    public static final TopicContract<String, LabeledCompletion> LABELED = new TopicContract<>(
            "eval.labeled", String.class, LabeledCompletion.class, CELL_KEY, BY_CELL,
            TopicSpec.retained(EVAL_PARTITIONS, Duration.ofDays(30)),
            "completions with their language label, fidelity and entity scores");

    public static final TopicContract<String, ExpertAnnotation> ANNOTATIONS = new TopicContract<>(
            "eval.annotations", String.class, ExpertAnnotation.class, CELL_KEY, BY_CELL,
            TopicSpec.retained(EVAL_PARTITIONS, null),
            "expert language labels of sampled completions, for DSL debiasing");

    public static final TopicContract<String, CellStatistics> STATS = new TopicContract<>(
            "eval.stats", String.class, CellStatistics.class, "scope|model|checkpoint|dataset|language|window",
            "compacted changelog: the latest figures of each cell, summary and window",
            TopicSpec.compacted(EVAL_PARTITIONS),
            "current figures of every cell, summary and window");

    public static final TopicContract<String, Alert> ALERTS = new TopicContract<>(
            "eval.alerts", String.class, Alert.class, "model|checkpoint",
            "a checkpoint's FIRING and RESOLVED records stay in order",
            TopicSpec.retained(1, Duration.ofDays(90)),
            "significant IFL regressions of a checkpoint against its baseline, and their recovery");

    public static final TopicContract<String, DeadLetter> DEAD_LETTERS = new TopicContract<>(
            "eval.dlq", String.class, DeadLetter.class, "source-topic-partition@offset",
            "one partition: low volume, read in order by a person",
            TopicSpec.retained(1, Duration.ofDays(30)),
            "records a stage could not process, with the reason and the original bytes");

    public static final TopicContract<String, DatasetEntity> ENTITIES = new TopicContract<>(
            "eval.entities", String.class, DatasetEntity.class, "dataset|entityId",
            "one record per entity, latest forms win; every lid-stream instance reads it whole as a global table",
            TopicSpec.compacted(1),
            "the entity vocabulary of each explanation dataset, published with its suite, for EF1's precision");

    public static final List<TopicContract<?, ?>> ALL = List.of(
            CHECKPOINTS, QUERIES, COMPLETIONS, LABELED, ANNOTATIONS, STATS, ALERTS, DEAD_LETTERS, ENTITIES);

    private final AvroSerdeProvider serdes;
    private final Map<TopicContract<?, ?>, Topic<?, ?>> bound = new ConcurrentHashMap<>();

    public Topics(AvroSerdeProvider serdes) {
        this.serdes = serdes;
    }

    @SuppressWarnings("unchecked")
    public <K, V extends SpecificRecord> Topic<K, V> topic(TopicContract<K, V> contract) {
        return (Topic<K, V>) bound.computeIfAbsent(contract, c -> bind(contract));
    }

    private <K, V extends SpecificRecord> Topic<K, V> bind(TopicContract<K, V> contract) {
        return new Topic<>(contract, keySerde(contract.keyType()), serdes.serde(contract.valueType(), false));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private <K> Serde<K> keySerde(Class<K> keyType) {
        if (keyType == String.class) {
            return (Serde<K>) Serdes.String();
        }
        if (SpecificRecord.class.isAssignableFrom(keyType)) {
            return (Serde<K>) serdes.serde((Class) keyType, true);
        }
        throw new IllegalArgumentException("no serde for key type " + keyType.getName());
    }

    /**
     * Registers the Avro schemas of every contract (values, and keys that are records) with {@code registry}, under
     * the subjects the serializers use, as they would at their first write: after this, clients that may not
     * register new schemas can still write every topic.
     *
     * @return how many schemas were registered (or found registered)
     */
    public static int registerAll(SchemaRegistryClient registry) {
        int registered = 0;
        for (TopicContract<?, ?> contract : ALL) {
            registry.register(contract.name() + "-value", schemaOf(contract.valueType()));
            registered++;
            if (SpecificRecord.class.isAssignableFrom(contract.keyType())) {
                registry.register(contract.name() + "-key", schemaOf(contract.keyType()));
                registered++;
            }
        }
        return registered;
    }

    private static Schema schemaOf(Class<?> type) {
        return SpecificData.getForClass(type).getSchema(type);
    }

    /** The contract of the topic called {@code name}. */
    public static TopicContract<?, ?> contract(String name) {
        return ALL.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no topic called '" + name + "'; known: "
                        + ALL.stream().map(TopicContract::name).toList()));
    }
}
