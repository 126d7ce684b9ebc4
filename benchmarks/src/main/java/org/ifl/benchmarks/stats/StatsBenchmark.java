package org.ifl.benchmarks.stats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.Utils;
import org.ifl.benchmarks.OptionChecks;
import org.ifl.benchmarks.stats.StatsBenchmarkResult.Figures;
import org.ifl.benchmarks.stats.StatsBenchmarkResult.Run;
import org.ifl.platform.EmbeddedPlatform;
import org.ifl.schemas.serde.RegistryAvroSerdes;
import org.ifl.schemas.topic.Topics;
import org.ifl.statsstream.StatsStage;

/**
 * {@code ifl bench stats}: throughput of {@link StatsStage} on an embedded broker with exactly-once v2, beside
 * a bare {@code groupByKey().count()} over the same records. A benchmark, not a test: nothing here asserts, and
 * the build never runs it.
 *
 * <p>Order: a fresh embedded platform on a temporary directory; {@code records} labeled completions (and a few
 * expert annotations) produced once, each serialized once, with an idempotent producer, not timed; then
 * {@code rounds} rounds of one stats run and one bare run, alternating which goes first. Each run is a new
 * Streams application (its own application id, so it reads every record from the start) timed from
 * {@code KafkaStreams.start()} until the committed offsets of its consumer group, polled with the admin client
 * every 100 ms, equal the end offsets of its input topics. The broker and the registry run in this process:
 * the process's CPU time over a run is theirs and the stream threads' together.
 *
 * <p>This class holds the options and the order; the input is drawn by {@link SimulatedLabeledCompletions} and
 * produced by {@link StatsBenchmarkInput}, the runs are timed by {@link StatsBenchmarkRuns}, and
 * {@link StatsBenchmarkReport} prints the {@link StatsBenchmarkResult}.
 */
public final class StatsBenchmark {
    public static final long DEFAULT_RECORDS = 1_000_000;
    public static final int DEFAULT_ROUNDS = 3;
    public static final long DEFAULT_COMMIT_INTERVAL_MS = 100;
    public static final long DEFAULT_SEED = 1;
    public static final long DEFAULT_STALL_TIMEOUT_SECONDS = 120;

    /** The service's default ({@code StatsStage.Options.defaults()}; {@code StatsBenchmarkIT} checks they agree). */
    public static final long DEFAULT_EMIT_INTERVAL_MS = 1000;

    /**
     * @param records labeled completions on eval.labeled, repeats included
     * @param threads stream threads of both topologies
     * @param commitIntervalMs Streams commit.interval.ms: how often a transaction commits
     * @param seed of the simulated fidelities, repeats and annotations
     * @param rounds how many times each topology runs (interleaved); the median is reported
     * @param stallTimeoutSeconds a run fails when its committed offsets do not move for this long
     * @param emitIntervalMs how often the stats topology publishes changed cells (the service's default: 1 s)
     */
    public record Options(long records, int threads, long commitIntervalMs, long seed, int rounds,
            long stallTimeoutSeconds, long emitIntervalMs) {
        public Options {
            OptionChecks.atLeast("the emit interval (ms)", emitIntervalMs, 1);
            OptionChecks.atLeast("records", records, 1);
            OptionChecks.atLeast("threads", threads, 1);
            if (commitIntervalMs < 0) {
                throw new IllegalArgumentException("the commit interval cannot be negative: " + commitIntervalMs);
            }
            OptionChecks.atLeast("rounds", rounds, 1);
            OptionChecks.atLeast("the stall timeout (s)", stallTimeoutSeconds, 1);
        }

        public static Options defaults() {
            return new Options(DEFAULT_RECORDS, Runtime.getRuntime().availableProcessors(),
                    DEFAULT_COMMIT_INTERVAL_MS, DEFAULT_SEED, DEFAULT_ROUNDS, DEFAULT_STALL_TIMEOUT_SECONDS,
                    DEFAULT_EMIT_INTERVAL_MS);
        }

        /** The service's defaults (1 h windows every 5 min) with this emit interval. */
        public StatsStage.Options topology() {
            StatsStage.Options service = StatsStage.Options.defaults();
            return new StatsStage.Options(service.windowSize(), service.windowAdvance(), service.windowRetention(),
                    Duration.ofMillis(emitIntervalMs), service.alertThreshold(), service.baselines());
        }
    }

    private final Options options;
    private final Consumer<String> progress;

    /** {@code progress}: one line at each step (the command prints them on stderr). */
    public StatsBenchmark(Options options, Consumer<String> progress) {
        this.options = options;
        this.progress = progress;
    }

    public StatsBenchmarkResult run() throws IOException, InterruptedException {
        String startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        int cores = Runtime.getRuntime().availableProcessors();
        Path dir = Files.createTempDirectory("ifl-bench-stats-");
        try {
            progress.accept("starting the embedded platform in " + dir + " ...");
            long start = System.nanoTime();
            try (EmbeddedPlatform platform = EmbeddedPlatform.start(
                    EmbeddedPlatform.Settings.ephemeral(dir.resolve("platform")));
                    Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                            platform.bootstrapServers()))) {
                double platformStartSeconds = seconds(System.nanoTime() - start);
                Topics topics = new Topics(RegistryAvroSerdes.forUrl(platform.registryUrl()));
                BrokerOffsets offsets = new BrokerOffsets(admin);
                StatsBenchmarkInput input = StatsBenchmarkInput.produce(platform.bootstrapServers(), topics, offsets,
                        options, platformStartSeconds, progress);
                StatsBenchmarkRuns runs = new StatsBenchmarkRuns(platform, topics, offsets, dir, options, input,
                        progress);
                List<Run> measured = new ArrayList<>();
                for (int round = 1; round <= options.rounds(); round++) {
                    // Alternate which goes first, so that neither always runs on the other's leftovers.
                    boolean statsFirst = round % 2 == 1;
                    measured.add(statsFirst ? runs.stats(round) : runs.bare(round));
                    measured.add(statsFirst ? runs.bare(round) : runs.stats(round));
                }
                Figures stats = Figures.of(StatsBenchmarkResult.STATS, measured, cores);
                Figures bare = Figures.of(StatsBenchmarkResult.BARE, measured, cores);
                return new StatsBenchmarkResult(startedAt, cores,
                        System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                                + System.getProperty("os.arch"),
                        Runtime.version() + " (" + System.getProperty("java.vm.name") + ")",
                        options, input.summary(), measured, stats, bare,
                        stats.recordsPerSecond() / bare.recordsPerSecond());
            }
        } finally {
            Utils.delete(dir.toFile());
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
