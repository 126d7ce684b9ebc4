package org.ifl.lidstream.topology;

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
import org.ifl.lidstream.internal.validate.CompletionValidator;
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
 * Records that do not deserialize, tombstones, and completions that fail {@link CompletionValidator} (a language
 * lid-stream does not label, a blank id, a text over the limit, ...) go to eval.dlq (through the stage's exception
 * handler) with the reason, and the stream goes on.
 */
public final class LidTopology {
    public static final String STAGE = "lid-stream";
    /** eval.entities as a global table: the entity vocabulary of each explanation dataset. */
    public static final String ENTITY_VOCABULARY = "lid-entity-vocabulary";

    private LidTopology() {
    }

    public static Topology build(Topics topics, CompletionScorer scorer, CompletionValidator validator,
            LidMetrics metrics) {
        Topic<String, Completion> completions = topics.topic(Topics.COMPLETIONS);
        Topic<String, LabeledCompletion> labeled = topics.topic(Topics.LABELED);
        Topic<String, DatasetEntity> entities = topics.topic(Topics.ENTITIES);
        StreamsBuilder builder = new StreamsBuilder();
        builder.globalTable(entities.name(), Consumed.with(entities.keySerde(), entities.valueSerde())
                .withName("entity-vocabulary"), Materialized.<String, DatasetEntity, KeyValueStore<Bytes, byte[]>>as(
                        ENTITY_VOCABULARY).withKeySerde(entities.keySerde()).withValueSerde(entities.valueSerde()));
        builder.stream(completions.name(), Consumed.with(completions.keySerde(), completions.valueSerde()))
                .processValues(() -> new LabelProcessor(scorer, validator, metrics), Named.as("label-and-score"))
                .to(labeled.name(), Produced.with(labeled.keySerde(), labeled.valueSerde()));
        return builder.build();
    }

    /**
     * Checks each completion, then labels and scores it; explanations' entities against their dataset's vocabulary.
     */
    private static final class LabelProcessor implements FixedKeyProcessor<String, Completion, LabeledCompletion> {
        private final CompletionScorer scorer;
        private final CompletionValidator validator;
        private final LidMetrics metrics;
        private FixedKeyProcessorContext<String, LabeledCompletion> context;
        private EntityVocabulary vocabulary;

        LabelProcessor(CompletionScorer scorer, CompletionValidator validator, LidMetrics metrics) {
            this.scorer = scorer;
            this.validator = validator;
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
            validator.reason(record.key(), completion).ifPresent(reason -> {
                throw new RecordRejectedException(reason);
            });
            long start = System.nanoTime();
            LabeledCompletion result = scorer.score(completion, vocabulary);
            metrics.scored(System.nanoTime() - start);
            context.forward(record.withValue(result));
        }
    }
}
