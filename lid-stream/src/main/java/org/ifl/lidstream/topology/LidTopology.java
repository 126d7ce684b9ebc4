package org.ifl.lidstream.topology;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.ifl.lidstream.CompletionScorer;
import org.ifl.lidstream.LidMetrics;
import org.ifl.lidstream.internal.score.EntityVocabulary;
import org.ifl.lidstream.internal.score.StoreEntityVocabulary;
import org.ifl.platform.deadletter.RecordRejectedException;
import org.ifl.schemas.avro.Completion;
import org.ifl.schemas.avro.DatasetEntity;
import org.ifl.schemas.avro.LabeledCompletion;
import org.ifl.schemas.topic.Topic;
import org.ifl.schemas.topic.Topics;

/**
 * eval.completions (+ eval.entities as a global table) -> eval.labeled: every completion gets its language
 * label and scores (explanations also their entity scores, against their dataset's vocabulary), keyed as it came
 * (by cell), so labeled completions stay co-partitioned with the annotations stats-stream joins them with.
 * Records that do not deserialize, or whose text is larger than the limit, go to eval.dlq (through the
 * stage's exception handler) and the stream goes on.
 */
public final class LidTopology {
    public static final String STAGE = "lid-stream";
    /** eval.entities as a global table: the entity vocabulary of each explanation dataset. */
    public static final String ENTITY_VOCABULARY = "lid-entity-vocabulary";

    private LidTopology() {
    }

    public static Topology build(Topics topics, CompletionScorer scorer, int maxTextBytes, LidMetrics metrics) {
        Topic<String, Completion> completions = topics.topic(Topics.COMPLETIONS);
        Topic<String, LabeledCompletion> labeled = topics.topic(Topics.LABELED);
        Topic<String, DatasetEntity> entities = topics.topic(Topics.ENTITIES);
        StreamsBuilder builder = new StreamsBuilder();
        builder.globalTable(entities.name(), Consumed.with(entities.keySerde(), entities.valueSerde())
                .withName("entity-vocabulary"), Materialized.<String, DatasetEntity, KeyValueStore<Bytes, byte[]>>as(
                        ENTITY_VOCABULARY).withKeySerde(entities.keySerde()).withValueSerde(entities.valueSerde()));
        builder.stream(completions.name(), Consumed.with(completions.keySerde(), completions.valueSerde()))
                .processValues(() -> new LabelProcessor(scorer, maxTextBytes, metrics), Named.as("label-and-score"))
                .to(labeled.name(), Produced.with(labeled.keySerde(), labeled.valueSerde()));
        return builder.build();
    }

    /** Labels and scores each completion; explanations' entities against their dataset's vocabulary. */
    private static final class LabelProcessor implements FixedKeyProcessor<String, Completion, LabeledCompletion> {
        private final CompletionScorer scorer;
        private final int maxTextBytes;
        private final LidMetrics metrics;
        private FixedKeyProcessorContext<String, LabeledCompletion> context;
        private EntityVocabulary vocabulary;

        LabelProcessor(CompletionScorer scorer, int maxTextBytes, LidMetrics metrics) {
            this.scorer = scorer;
            this.maxTextBytes = maxTextBytes;
            this.metrics = metrics;
        }

        @Override
        public void init(FixedKeyProcessorContext<String, LabeledCompletion> context) {
            this.context = context;
            this.vocabulary = new StoreEntityVocabulary(context.getStateStore(ENTITY_VOCABULARY), System::nanoTime);
        }

        @Override
        public void process(FixedKeyRecord<String, Completion> record) {
            Completion completion = record.value();
            checkSize(completion, maxTextBytes);
            long start = System.nanoTime();
            LabeledCompletion result = scorer.score(completion, vocabulary);
            metrics.scored(System.nanoTime() - start);
            context.forward(record.withValue(result));
        }
    }

    private static void checkSize(Completion completion, int maxTextBytes) {
        String text = completion.getText();
        // A UTF-8 character takes at most 3 bytes per UTF-16 unit: skip the encoding for texts that cannot exceed.
        if (text != null && (long) text.length() * 3 > maxTextBytes) {
            int bytes = text.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > maxTextBytes) {
                throw new RecordRejectedException("completion " + completion.getCompletionId() + " has a text of "
                        + bytes + " bytes, more than the limit of " + maxTextBytes + " bytes (ifl.lid.max-text-bytes)");
            }
        }
    }
}
