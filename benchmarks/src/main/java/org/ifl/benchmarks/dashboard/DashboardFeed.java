package org.ifl.benchmarks.dashboard;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.ifl.benchmarks.Feeders;
import org.ifl.benchmarks.stats.SimulatedLabeledCompletions;
import org.ifl.benchmarks.stats.SimulatedLabeledCompletions.Cell;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.LabelStatus;
import org.ifl.schemas.avro.LabeledCompletion;
import org.ifl.schemas.avro.PairKey;
import org.ifl.schemas.topic.RecordKey;
import org.ifl.schemas.topic.Topics;
import org.ifl.statsstream.SimulatedCompletions;

/**
 * The labeled completions the dashboard benchmark feeds the stats service: each round a block of new items (ids
 * that name the round, so nothing is a repeat) in the 280 cells of the stats benchmark's simulated evaluation,
 * every arm answered, drawn from one seeded {@link SplittableRandom} and serialized before the round's clock
 * starts; then sent as fast as the producer goes.
 */
final class DashboardFeed implements AutoCloseable {
    static final String RUN_ID = "bench-dashboard";

    private final List<Cell> cells;
    private final SplittableRandom random;
    private final Serializer<LabeledCompletion> serializer;
    private final KafkaProducer<byte[], byte[]> producer;

    DashboardFeed(String bootstrapServers, Topics topics, long seed) {
        this.random = new SplittableRandom(seed);
        this.cells = SimulatedLabeledCompletions.cells(random);
        this.serializer = topics.topic(Topics.LABELED).valueSerde().serializer();
        this.producer = new KafkaProducer<>(Feeders.producerConfig(bootstrapServers,
                DashboardThreads.FEEDER_CLIENT_ID), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** The cells fed, as the pages see them (model, checkpoint). */
    List<Cell> cells() {
        return cells;
    }

    /**
     * {@code records} labeled completions of round {@code round} (three arms per item; the last item may have
     * fewer), stamped now, serialized.
     */
    List<ProducerRecord<byte[], byte[]>> draw(String round, long records) {
        String topic = Topics.LABELED.name();
        long now = System.currentTimeMillis();
        Instant at = Instant.ofEpochMilli(now);
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>((int) records);
        long item = 0;
        while (out.size() < records) {
            Cell cell = cells.get(random.nextInt(cells.size()));
            PairKey pair = PairKey.newBuilder(cell.pair()).setRunId(RUN_ID).setItemId(round + "-item-" + item++)
                    .build();
            byte[] key = RecordKey.cell(pair).getBytes(StandardCharsets.UTF_8);
            for (Arm arm : SimulatedCompletions.ALL_ARMS) {
                if (out.size() == records) {
                    break;
                }
                int f = random.nextDouble() < cell.fidelity()[arm.ordinal()] ? 1 : 0;
                out.add(new ProducerRecord<>(topic, null, now, key, serializer.serialize(topic,
                        SimulatedCompletions.labeled(pair, arm, RecordKey.pair(pair) + "|" + arm.name(), f, f,
                                LabelStatus.LABELED, at))));
            }
        }
        return out;
    }

    /** Sends {@code records} and waits until the broker has them all; fails naming the first error. */
    void send(List<ProducerRecord<byte[], byte[]>> records) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        for (ProducerRecord<byte[], byte[]> record : records) {
            producer.send(record, (metadata, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
            });
        }
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("cannot produce the round's labeled completions: " + failure.get(),
                    failure.get());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
