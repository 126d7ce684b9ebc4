package org.ifl.platform.deadletter;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.ifl.platform.CauseChain;
import org.ifl.schemas.avro.DeadLetter;
import org.ifl.schemas.avro.DeadLetterHeader;

/** Builds the dead-letter record for a record a stage gave up on: what every stage's error path shares. */
public final class DeadLetters {
    private DeadLetters() {
    }

    /** Where the record came from; {@code partition} and {@code offset} are null when it came from a file. */
    public record Source(String topic, Integer partition, Long offset, Long timestamp, byte[] key, byte[] value,
            Headers headers) {
    }

    public static DeadLetter of(String stage, String reason, Throwable error, Source source, long nowMillis) {
        return DeadLetter.newBuilder()
                .setStage(stage)
                .setReason(reason != null ? reason : CauseChain.describe(error))
                .setErrorClass(error == null ? null : error.getClass().getName())
                .setSourceTopic(source.topic())
                .setSourcePartition(source.partition())
                .setSourceOffset(source.offset())
                .setSourceTimestamp(source.timestamp() == null || source.timestamp() < 0 ? null
                        : Instant.ofEpochMilli(source.timestamp()))
                .setKey(source.key() == null ? null : ByteBuffer.wrap(source.key()))
                .setValue(source.value() == null ? null : ByteBuffer.wrap(source.value()))
                .setHeaders(headers(source.headers()))
                .setFailedAt(Instant.ofEpochMilli(nowMillis))
                .build();
    }

    /** The dead-letter topic's key: {@code topic-partition@offset}, unique per source record. */
    public static String key(Source source) {
        return source.topic() + "-" + source.partition() + "@" + source.offset();
    }

    private static List<DeadLetterHeader> headers(Headers headers) {
        List<DeadLetterHeader> copied = new ArrayList<>();
        if (headers != null) {
            for (Header header : headers) {
                copied.add(new DeadLetterHeader(header.key(),
                        header.value() == null ? null : ByteBuffer.wrap(header.value())));
            }
        }
        return copied;
    }
}
