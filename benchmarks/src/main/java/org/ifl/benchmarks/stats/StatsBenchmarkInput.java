package org.ifl.benchmarks.stats;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.ifl.benchmarks.Feeders;
import org.ifl.benchmarks.stats.SimulatedLabeledCompletions.Counts;
import org.ifl.benchmarks.stats.StatsBenchmarkResult.Input;
import org.ifl.schemas.topic.Topics;

/**
 * The records every run reads, produced once to the broker before anything is timed, and where they end.
 *
 * @param summary what was produced, for the report
 * @param labeledEnds end offsets of eval.labeled: what the bare count reads
 * @param inputEnds end offsets of eval.labeled and eval.annotations: what the stats topology reads
 */
record StatsBenchmarkInput(Input summary, Map<TopicPartition, Long> labeledEnds,
        Map<TopicPartition, Long> inputEnds) {

    /** Produces the {@link SimulatedLabeledCompletions} of {@code options} with an idempotent producer. */
    static StatsBenchmarkInput produce(String bootstrapServers, Topics topics, BrokerOffsets offsets,
            StatsBenchmark.Options options, double platformStartSeconds, Consumer<String> progress)
            throws InterruptedException {
        String labeled = Topics.LABELED.name();
        progress.accept("producing " + options.records() + " labeled completions to " + labeled + " ...");
        long start = System.nanoTime();
        SimulatedLabeledCompletions records = new SimulatedLabeledCompletions(options.records(), options.seed(),
                topics);
        AtomicReference<Exception> failure = new AtomicReference<>();
        Counts counts;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Feeders.producerConfig(bootstrapServers, "ifl-bench-stats-producer"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            counts = records.draw(System.currentTimeMillis(), record -> producer.send(record, (metadata, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
            }), () -> failure.get() != null);
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("cannot produce the input: " + failure.get(), failure.get());
        }
        Map<TopicPartition, Long> labeledEnds = offsets.ends(labeled);
        Map<TopicPartition, Long> inputEnds = new HashMap<>(labeledEnds);
        inputEnds.putAll(offsets.ends(Topics.ANNOTATIONS.name()));
        double produceSeconds = (System.nanoTime() - start) / 1e9;
        progress.accept(String.format(Locale.ROOT, "  %d records (%d repeats) of %d items in %d cells,"
                + " %d annotations, in %.1f s", counts.records(), counts.repeats(), counts.items(), counts.cells(),
                counts.annotations(), produceSeconds));
        Input summary = new Input(counts.records(), counts.repeats(), counts.items(), counts.cells(),
                counts.annotations(), (double) counts.valueBytes() / counts.records(),
                labeledEnds.entrySet().stream().sorted(Map.Entry.comparingByKey(
                        (a, b) -> Integer.compare(a.partition(), b.partition())))
                        .map(Map.Entry::getValue).toList(),
                platformStartSeconds, produceSeconds);
        return new StatsBenchmarkInput(summary, labeledEnds, inputEnds);
    }
}
