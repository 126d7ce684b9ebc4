package org.ifl.statsstream.topology;

import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.ifl.schemas.avro.LabeledCompletion;

/**
 * The event time stats-stream places a record at: for a labeled completion, when the model answered
 * ({@code completedAt}), whenever the record was written. The eval topics keep records by when the broker wrote
 * them ({@code LogAppendTime}), so a replay of a 2024 run stays for the topic's retention from the moment it is
 * replayed, while its answers still fall in 2024's hopping windows. Any other record (an expert annotation) keeps
 * its record time; it adds to a pair but places no window.
 */
public final class AnswerTime implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof LabeledCompletion labeled) {
            Instant completedAt = labeled.getCompletion().getCompletedAt();
            if (completedAt != null && completedAt.toEpochMilli() > 0) {
                return completedAt.toEpochMilli();
            }
        }
        return record.timestamp() >= 0 ? record.timestamp() : Math.max(partitionTime, 0);
    }
}
