package org.ifl.lidstream;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.ifl.lidstream.score.CompletionScorer;
import org.ifl.platform.deadletter.RecordRejectedException;
import org.ifl.schemas.avro.Completion;
import org.ifl.schemas.avro.LabeledCompletion;
import org.ifl.schemas.topic.Topic;
import org.ifl.schemas.topic.Topics;

/**
 * eval.completions -> eval.labeled: every completion gets its language label and scores, keyed as it came
 * (by cell), so labeled completions stay co-partitioned with the annotations stats-stream joins them with.
 * Records that do not deserialize, or whose text is larger than the limit, go to eval.dlq (through the
 * stage's exception handler) and the stream goes on.
 */
public final class LidTopology {
    public static final String STAGE = "lid-stream";

    private LidTopology() {
    }

    public static Topology build(Topics topics, CompletionScorer scorer, int maxTextBytes, LidMetrics metrics) {
        Topic<String, Completion> completions = topics.topic(Topics.COMPLETIONS);
        Topic<String, LabeledCompletion> labeled = topics.topic(Topics.LABELED);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(completions.name(), Consumed.with(completions.keySerde(), completions.valueSerde()))
                .mapValues(completion -> {
                    checkSize(completion, maxTextBytes);
                    long start = System.nanoTime();
                    LabeledCompletion result = scorer.score(completion);
                    metrics.scored(System.nanoTime() - start);
                    return result;
                }, Named.as("label-and-score"))
                .to(labeled.name(), Produced.with(labeled.keySerde(), labeled.valueSerde()));
        return builder.build();
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
