package org.ifl.platform.deadletter;

import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.ifl.schemas.avro.DeadLetter;
import org.ifl.schemas.topic.Topic;

/**
 * Sends records a plain consumer loop (a worker, a producer reading files) cannot process to the dead-letter
 * topic. The caller commits its offsets only after the returned send completes, so nothing is lost.
 */
public final class DeadLetterPublisher {
    private final String stage;
    private final Topic<String, DeadLetter> deadLetters;
    private final Producer<String, DeadLetter> producer;

    public DeadLetterPublisher(String stage, Topic<String, DeadLetter> deadLetters,
            Producer<String, DeadLetter> producer) {
        this.stage = stage;
        this.deadLetters = deadLetters;
        this.producer = producer;
    }

    /** {@code kind} tags the stage's dead-letter counter; {@code reason} is the full text the dead letter carries. */
    public Future<RecordMetadata> publish(ConsumerRecord<byte[], byte[]> record, DeadLetterReason kind, String reason,
            Throwable error) {
        return publish(new DeadLetters.Source(record.topic(), record.partition(), record.offset(),
                record.timestamp(), record.key(), record.value(), record.headers()), kind, reason, error);
    }

    public Future<RecordMetadata> publish(DeadLetters.Source source, DeadLetterReason kind, String reason,
            Throwable error) {
        DeadLetter letter = DeadLetters.of(stage, reason, error, source, System.currentTimeMillis());
        DeadLetterCounts.increment(stage, kind);
        return producer.send(new ProducerRecord<>(deadLetters.name(), DeadLetters.key(source), letter));
    }
}
