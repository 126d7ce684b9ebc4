package org.ifl.statsstream.internal.cell;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The answers a cell's published queries expect: one per queried arm of each item (eval.queries carries one
 * query per arm), and the time of the latest such query. Stored per cell, beside the cells' sums.
 */
public record ExpectedAnswers(long answers, long updatedAt) {
    public static final ExpectedAnswers NONE = new ExpectedAnswers(0, Long.MIN_VALUE);

    /** One more queried arm, asked at {@code at}. */
    public ExpectedAnswers plusOne(long at) {
        return new ExpectedAnswers(answers + 1, Math.max(updatedAt, at));
    }

    public static Serde<ExpectedAnswers> serde() {
        return Serdes.serdeFrom(StateCodec.serializer((out, e) -> {
            out.writeLong(e.answers);
            out.writeLong(e.updatedAt);
        }), StateCodec.deserializer(in -> new ExpectedAnswers(in.readLong(), in.readLong())));
    }
}
