package org.ifl.statsstream.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.ifl.platform.kafka.ClusterAccess;
import org.ifl.platform.kafka.StreamsStageConfig;
import org.ifl.schemas.avro.Alert;
import org.ifl.schemas.avro.CellStatistics;
import org.ifl.schemas.avro.Checkpoint;
import org.ifl.schemas.avro.DeadLetter;
import org.ifl.schemas.avro.ExpertAnnotation;
import org.ifl.schemas.avro.LabeledCompletion;
import org.ifl.schemas.avro.Query;
import org.ifl.schemas.registry.SchemaRegistryClients;
import org.ifl.schemas.serde.RegistryAvroSerdes;
import org.ifl.schemas.topic.RecordKey;
import org.ifl.schemas.topic.Topic;
import org.ifl.schemas.topic.Topics;
import org.ifl.statsstream.internal.api.CellQueries;
import org.ifl.statsstream.internal.api.CheckpointQueries;

/** The stats topology in a {@link TopologyTestDriver}, with typed input and output topics. */
final class StatsDriver implements AutoCloseable {
    static final Duration EMIT = Duration.ofSeconds(1);
    private final String registryName;
    final TopologyTestDriver driver;
    final TestInputTopic<String, LabeledCompletion> labeled;
    final TestInputTopic<String, ExpertAnnotation> annotations;
    final TestInputTopic<String, Checkpoint> checkpoints;
    final TestInputTopic<String, Query> queries;
    final TestOutputTopic<String, CellStatistics> stats;
    final TestOutputTopic<String, Alert> alerts;
    final TestOutputTopic<String, DeadLetter> deadLetters;
    /** The latest figures per eval.stats key, as a compacted topic would keep them. */
    final Map<String, CellStatistics> latest = new LinkedHashMap<>();

    StatsDriver(String registryName, StatsTopology.Options options) {
        this.registryName = registryName;
        String registry = "mem://" + registryName;
        Topics topics = new Topics(RegistryAvroSerdes.forUrl(registry));
        Properties config = StreamsStageConfig.exactlyOnce("stats-test", ClusterAccess.plain("unused:9092", registry), StatsTopology.STAGE);
        config.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/stats-test-" + registryName);
        driver = new TopologyTestDriver(StatsTopology.build(topics, options), config, Instant.parse("2026-11-23T10:00:00Z"));
        Topic<String, LabeledCompletion> l = topics.topic(Topics.LABELED);
        Topic<String, ExpertAnnotation> a = topics.topic(Topics.ANNOTATIONS);
        Topic<String, Checkpoint> c = topics.topic(Topics.CHECKPOINTS);
        Topic<String, Query> q = topics.topic(Topics.QUERIES);
        Topic<String, CellStatistics> s = topics.topic(Topics.STATS);
        Topic<String, Alert> al = topics.topic(Topics.ALERTS);
        Topic<String, DeadLetter> d = topics.topic(Topics.DEAD_LETTERS);
        labeled = driver.createInputTopic(l.name(), l.keySerde().serializer(), l.valueSerde().serializer());
        annotations = driver.createInputTopic(a.name(), a.keySerde().serializer(), a.valueSerde().serializer());
        checkpoints = driver.createInputTopic(c.name(), c.keySerde().serializer(), c.valueSerde().serializer());
        queries = driver.createInputTopic(q.name(), q.keySerde().serializer(), q.valueSerde().serializer());
        stats = driver.createOutputTopic(s.name(), s.keySerde().deserializer(), s.valueSerde().deserializer());
        alerts = driver.createOutputTopic(al.name(), al.keySerde().deserializer(), al.valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(d.name(), d.keySerde().deserializer(), d.valueSerde().deserializer());
    }

    void send(LabeledCompletion completion, Instant at) {
        labeled.pipeInput(RecordKey.cell(completion.getCompletion().getPair()), completion, at);
    }

    void send(List<LabeledCompletion> completions, Instant at) {
        completions.forEach(c -> send(c, at));
    }

    void send(ExpertAnnotation annotation, Instant at) {
        annotations.pipeInput(RecordKey.cell(annotation.getPair()), annotation, at);
    }

    /** A query as the producers publish it: keyed by its pair. */
    void send(Query query, Instant at) {
        queries.pipeInput(RecordKey.pair(query.getPair()), query, at);
    }

    /** What the HTTP API reads: the cells and expected-answers stores as they stand. */
    CellQueries api() {
        return new CellQueries(driver.getKeyValueStore(StatsTopology.CELLS_STORE),
                driver.getKeyValueStore(StatsTopology.EXPECTED_STORE));
    }

    /** What the HTTP API reads of checkpoints: the stores above and the registrations, every model hosted here. */
    CheckpointQueries checkpointQueries() {
        return new CheckpointQueries(api(), driver.getKeyValueStore(StatsTopology.REGISTERED_CHECKPOINTS_STORE),
                driver.getKeyValueStore(StatsTopology.CHECKPOINT_ORDER_STORE),
                driver.getKeyValueStore(StatsTopology.ALERT_STATES_STORE), model -> true);
    }

    void register(String model, String checkpoint, Instant registeredAt, String baseline) {
        register(model, checkpoint, registeredAt, baseline, Map.of());
    }

    void register(String model, String checkpoint, Instant registeredAt, String baseline,
            Map<String, String> attributes) {
        checkpoints.pipeInput(RecordKey.checkpoint(model, checkpoint), Checkpoint.newBuilder().setModel(model)
                .setCheckpoint(checkpoint).setBackend("djl").setBaselineCheckpoint(baseline)
                .setRegisteredAt(registeredAt).setAttributes(attributes).build(), registeredAt);
    }

    /**
     * Lets the emit punctuations run, and reads what they published; returns the records of this flush. Two
     * emit intervals: the first publishes the changed cells and hands them to the checkpoint stage, the second
     * publishes the summaries and alerts they changed (in one test driver task, both punctuations fire before
     * the handed-on updates are processed).
     */
    List<TestRecord<String, CellStatistics>> flush() {
        driver.advanceWallClockTime(EMIT);
        driver.advanceWallClockTime(EMIT);
        List<TestRecord<String, CellStatistics>> records = stats.readRecordsToList();
        records.forEach(r -> latest.put(r.key(), r.value()));
        return records;
    }

    CellStatistics cell(String model, String checkpoint, String dataset, String language, String window) {
        return latest.get(RecordKey.of("CELL", model, checkpoint, dataset, language, window));
    }

    CellStatistics summary(String scope, String model, String checkpoint, String dataset, String window) {
        return latest.get(RecordKey.of(scope, model, checkpoint, dataset, null, window));
    }

    @Override
    public void close() {
        driver.close();
        SchemaRegistryClients.dropInMemory(registryName);
    }
}
