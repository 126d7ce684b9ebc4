package org.ifl.benchmarks.stats;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;
import org.ifl.benchmarks.meter.ProcessCpu;
import org.ifl.benchmarks.stats.StatsBenchmarkResult.Run;
import org.ifl.platform.EmbeddedPlatform;
import org.ifl.platform.kafka.ClusterAccess;
import org.ifl.platform.kafka.StreamsStageConfig;
import org.ifl.platform.kafka.StreamsStageSettings;
import org.ifl.schemas.topic.Topics;
import org.ifl.statsstream.StatsStage;

/**
 * The timed runs of the stats benchmark on one platform: each a new Streams application of the stats topology or
 * of the bare count, timed from {@code KafkaStreams.start()} until its group's committed offsets, polled with the
 * admin client, reach the end of its input.
 */
final class StatsBenchmarkRuns {
    static final String BARE_STAGE = "bench-bare-count";
    private static final Duration POLL = Duration.ofMillis(100);

    private final EmbeddedPlatform platform;
    private final Topics topics;
    private final BrokerOffsets offsets;
    private final String stateDir;
    private final StatsBenchmark.Options options;
    private final StatsBenchmarkInput input;
    private final Consumer<String> progress;

    /** {@code dir}: the temporary directory; the runs keep their state stores below it. */
    StatsBenchmarkRuns(EmbeddedPlatform platform, Topics topics, BrokerOffsets offsets, Path dir,
            StatsBenchmark.Options options, StatsBenchmarkInput input, Consumer<String> progress) {
        this.platform = platform;
        this.topics = topics;
        this.offsets = offsets;
        this.stateDir = dir.resolve("streams").toString();
        this.options = options;
        this.input = input;
        this.progress = progress;
    }

    Run stats(int round) throws InterruptedException {
        return run(StatsBenchmarkResult.STATS, round, StatsStage.topology(topics, options.topology()),
                StatsStage.STAGE, input.inputEnds());
    }

    Run bare(int round) throws InterruptedException {
        return run(StatsBenchmarkResult.BARE, round, bareCount(Topics.LABELED.name()), BARE_STAGE,
                input.labeledEnds());
    }

    /** The bare baseline: counts per record key (the cell) in a RocksDB store; values are not deserialized. */
    static Topology bareCount(String topic) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(topic, Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .groupByKey()
                .count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("bare-count")
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()));
        return builder.build();
    }

    /** One timed run of {@code topology} as a new application, until it has committed all of {@code ends}. */
    private Run run(String name, int round, Topology topology, String stage, Map<TopicPartition, Long> ends)
            throws InterruptedException {
        String applicationId = "ifl-bench-" + (name.equals(StatsBenchmarkResult.STATS) ? "stats" : "bare")
                + "-" + round + "-" + UUID.randomUUID();
        progress.accept("round " + round + " of " + options.rounds() + ": " + name + ", " + options.threads()
                + " stream thread(s) ...");
        StreamsStageSettings settings = new StreamsStageSettings(applicationId) { };
        settings.setThreads(options.threads());
        settings.setCommitIntervalMs(options.commitIntervalMs());
        settings.setStateDir(stateDir);
        Properties config = settings.streamsConfig(platform.clusterAccess(), stage);
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        long deadLettersBefore = BrokerOffsets.total(offsets.ends(Topics.DEAD_LETTERS.name()));
        Committed committed;
        long cpu;
        long nanos;
        long processed;
        try (KafkaStreams streams = new KafkaStreams(topology, config)) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            streams.setUncaughtExceptionHandler(e -> {
                failure.compareAndSet(null, e);
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            long cpuBefore = ProcessCpu.nanos();
            long start = System.nanoTime();
            streams.start();
            committed = awaitCommitted(applicationId, ends, streams, failure, start);
            nanos = System.nanoTime() - start;
            cpu = ProcessCpu.nanos() - cpuBefore;
            processed = processedRecords(streams);
            streams.close(StreamsStageConfig.leavingGroup());
            streams.cleanUp();
        }
        deleteInternalTopics(applicationId);
        long records = committed.labeled();
        double afterFirst = seconds(nanos - committed.firstAtNanos());
        Run run = new Run(name, round, seconds(nanos), seconds(committed.firstAtNanos()),
                seconds(committed.inputAtNanos()), records,
                records / seconds(nanos),
                afterFirst > 0 ? (records - committed.labeledAtFirst()) / afterFirst : Double.NaN,
                processed, seconds(cpu), records / seconds(cpu), (double) cpu / nanos,
                BrokerOffsets.total(offsets.ends(Topics.DEAD_LETTERS.name())) - deadLettersBefore);
        progress.accept(String.format(Locale.ROOT, "  %.1f s, %,.0f records/s, %.2f cores busy",
                run.seconds(), run.recordsPerSecond(), run.coresBusy()));
        return run;
    }

    /** Records the stream threads processed: the input, and what the topology repartitioned and read back. */
    private static long processedRecords(KafkaStreams streams) {
        return (long) streams.metrics().values().stream()
                .filter(m -> m.metricName().group().equals("stream-thread-metrics")
                        && m.metricName().name().equals("process-total"))
                .mapToDouble(m -> ((Number) m.metricValue()).doubleValue()).sum();
    }

    /**
     * What a run committed: labeled completions in all; when (nanoseconds after the start) the first commit
     * was seen, and how many labeled completions it held; when the whole input was committed.
     */
    private record Committed(long labeled, long firstAtNanos, long labeledAtFirst, long inputAtNanos) {
    }

    /**
     * Polls the group's committed offsets until they reach the end of the input ({@code inputEnds}) and then
     * the end of the application's repartition topics: the stats topology's cell updates go to the checkpoint
     * processor through one, and its work is the run's work too. The last update is sent at the first emit
     * after the last input record, so the repartition topics are judged one emit interval and one commit
     * interval after the input was committed at the earliest. Fails on a stall or a dead stream.
     */
    private Committed awaitCommitted(String group, Map<TopicPartition, Long> inputEnds, KafkaStreams streams,
            AtomicReference<Throwable> failure, long start) throws InterruptedException {
        String labeled = Topics.LABELED.name();
        CommitWatch watch = watch("input records", streams, failure, start);
        long firstAt = -1;
        long labeledAtFirst = 0;
        while (true) {
            Map<TopicPartition, Long> committed = offsets.committed(group);
            long now = System.nanoTime();
            long labeledDone = committed.entrySet().stream().filter(e -> e.getKey().topic().equals(labeled))
                    .mapToLong(Map.Entry::getValue).sum();
            if (firstAt < 0 && !committed.isEmpty()) {
                firstAt = now - start;
                labeledAtFirst = labeledDone;
            }
            if (watch.reached(committedUpTo(inputEnds, committed, 0), BrokerOffsets.total(inputEnds), now)) {
                Committed done = new Committed(labeledDone, firstAt, labeledAtFirst, now - start);
                awaitRepartitioned(group, streams, failure, now);
                return done;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private void awaitRepartitioned(String group, KafkaStreams streams, AtomicReference<Throwable> failure,
            long inputAt) throws InterruptedException {
        List<String> repartitionTopics = offsets.internalTopics(group).stream()
                .filter(t -> t.endsWith("-repartition")).toList();
        if (repartitionTopics.isEmpty()) {
            return;
        }
        long judgeFrom = inputAt + options.topology().emitInterval().toNanos() + Duration.ofMillis(
                options.commitIntervalMs()).toNanos();
        CommitWatch watch = watch("repartitioned records", streams, failure, inputAt);
        while (true) {
            Map<TopicPartition, Long> ends = new HashMap<>();
            for (String topic : repartitionTopics) {
                ends.putAll(offsets.ends(topic));
            }
            Map<TopicPartition, Long> committed = offsets.committed(group);
            long now = System.nanoTime();
            // Each transaction ends with a marker in every partition it wrote; the group commits past the
            // last one only once it has fetched it, so one offset short of the end is the end.
            if (watch.reached(committedUpTo(ends, committed, 1), BrokerOffsets.total(ends), now)
                    && now >= judgeFrom) {
                return;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private CommitWatch watch(String what, KafkaStreams streams, AtomicReference<Throwable> failure, long start) {
        return new CommitWatch(what, streams, failure, start, options.stallTimeoutSeconds(), progress);
    }

    /** Offsets committed of each partition in {@code ends}, with {@code slack}, up to its end, summed. */
    private static long committedUpTo(Map<TopicPartition, Long> ends, Map<TopicPartition, Long> committed,
            long slack) {
        return ends.entrySet().stream()
                .mapToLong(e -> Math.min(e.getValue(), committed.getOrDefault(e.getKey(), 0L) + slack)).sum();
    }

    /** Removes the run's internal topics, so that later runs share the broker with less. */
    private void deleteInternalTopics(String applicationId) throws InterruptedException {
        try {
            offsets.delete(offsets.internalTopics(applicationId));
        } catch (ExecutionException e) {
            progress.accept("  (could not delete the run's internal topics: " + e.getCause() + ")");
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
