package org.ifl.producers;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.ifl.platform.CauseChain;
import org.ifl.platform.kafka.TopicProducers;
import org.ifl.schemas.topic.TopicContract;

/**
 * Sends records to one topic and keeps count of what the broker acknowledged, so that a run that fails half
 * way says exactly how much was sent. Without a producer (a dry run) it counts what it would have sent.
 * Closing it closes its producer.
 */
public final class RecordSender<V> implements AutoCloseable {
    private final Producer<String, V> producer;
    private final String topic;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();

    /** A sender over a new producer for {@code contract}'s topic; closing the sender closes the producer. */
    public static <V extends SpecificRecord> RecordSender<V> open(TopicProducers producers,
            TopicContract<String, V> contract, String clientId) {
        return new RecordSender<>(producers.create(contract, clientId), contract.name());
    }

    /** @param producer null for a dry run */
    public RecordSender(Producer<String, V> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    public boolean dryRun() {
        return producer == null;
    }

    /** @param timestamp the record's timestamp, or null for the producer's clock */
    public void send(String key, V value, Long timestamp) {
        sent.incrementAndGet();
        if (producer == null) {
            return;
        }
        producer.send(new ProducerRecord<>(topic, null, timestamp, key, value), (metadata, error) -> {
            if (error == null) {
                acknowledged.incrementAndGet();
            } else {
                failed.incrementAndGet();
                firstFailure.compareAndSet(null, "record " + key + ": " + CauseChain.describe(error));
            }
        });
    }

    /** Waits until every record sent so far is acknowledged or failed, and says how it went. */
    public Delivery flush() {
        if (producer != null) {
            producer.flush();
        }
        return new Delivery(topic, sent.get(), producer == null ? 0 : acknowledged.get(), failed.get(),
                firstFailure.get(), producer == null);
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close();
        }
    }

    /**
     * @param acknowledged records the broker confirmed (every one, when {@code failed} is 0)
     * @param firstFailure the first send that failed, with the reason, or null
     */
    public record Delivery(String topic, long sent, long acknowledged, long failed, String firstFailure,
            boolean dryRun) {

        public boolean complete() {
            return dryRun || (failed == 0 && acknowledged == sent);
        }

        @Override
        public String toString() {
            if (dryRun) {
                return String.format(java.util.Locale.ROOT, "%,d records would go to %s (dry run: nothing sent)",
                        sent, topic);
            }
            String s = String.format(java.util.Locale.ROOT, "%,d of %,d records acknowledged by %s", acknowledged,
                    sent, topic);
            return failed == 0 ? s : s + String.format(java.util.Locale.ROOT, "; %,d failed, the first: %s",
                    failed, firstFailure);
        }
    }
}
