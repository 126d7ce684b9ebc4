package org.ifl.benchmarks.dashboard;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.ifl.benchmarks.OptionChecks;
import org.ifl.benchmarks.meter.ProcessCpu;
import org.ifl.benchmarks.meter.ThreadCpu;
import org.ifl.benchmarks.stats.BrokerOffsets;
import org.ifl.benchmarks.stats.SimulatedLabeledCompletions.Cell;
import org.ifl.platform.EmbeddedPlatform;
import org.ifl.platform.service.ServiceContext;
import org.ifl.schemas.serde.RegistryAvroSerdes;
import org.ifl.schemas.topic.Topics;
import org.ifl.statsstream.StatsService;
import org.ifl.statsstream.StatsSettings;

/**
 * {@code ifl bench dashboard}: what open dashboard pages cost the stats service they watch. A benchmark, not a
 * test: nothing here asserts, and the build never runs it.
 *
 * <p>Order: a fresh embedded platform on a temporary directory and one stats-stream service (its settings'
 * defaults: 1 stream thread, emit every second) in this process, its HTTP server on a free port; then rounds of
 * two kinds, side by side and alternating which goes first: A, no page open; B, {@code pages} event streams
 * open on {@code /events} (as many dashboard pages, their filters mixed: every model, one model, one
 * checkpoint), each opened and greeted before the round's clock starts and closed after it; with
 * {@link Options#refetch} each page also fetches its data again after events. Every round feeds
 * {@code records} new labeled completions (serialized before the clock) and lasts until the service committed
 * them and the work they caused (cell updates repartitioned, the next emit, the events' coalescing) was over.
 * Per round: records/s, and the CPU time of the stream threads, the events feed, the HTTP server, the page
 * readers and the feeder per record ({@link ThreadCpu}, by thread name: {@link DashboardThreads}).
 *
 * <p>{@link DashboardBenchmarkReport} prints the {@link DashboardBenchmarkResult}: the ratios B / A of the
 * stream threads' CPU per record and of records/s, with their spread over the pairs of rounds, and the events
 * each page received, which shows that the pages were live.
 */
public final class DashboardBenchmark {
    public static final long DEFAULT_RECORDS = 60_000;
    public static final int DEFAULT_ROUNDS = 5;
    public static final int DEFAULT_PAGES = 50;
    public static final int DEFAULT_WARMUP_ROUNDS = 1;
    public static final long DEFAULT_SEED = 1;
    public static final long DEFAULT_STALL_TIMEOUT_SECONDS = 120;
    static final String APPLICATION_ID = "ifl-bench-dashboard";
    /** How long the service's events feed may hold changes before it sends them (the spec's coalescing). */
    static final Duration EVENTS_COALESCING = Duration.ofMillis(250);
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration HELLO_TIMEOUT = Duration.ofSeconds(30);
    /**
     * What the service is fed before the rounds, untimed: its first records take its start-up (group join,
     * transactions, internal topics) with them.
     */
    static final int PRIMING_RECORDS = 300;

    /**
     * @param records labeled completions fed per round
     * @param rounds rounds of each kind (A and B) that are measured
     * @param pages event streams open in a B round
     * @param warmupRounds rounds of each kind run first and left out of the figures
     * @param threads the service's stream threads; null keeps its setting's default
     * @param seed of the simulated cells and fidelities
     * @param stallTimeoutSeconds a round fails when the service commits nothing for this long
     * @param refetch whether the pages of a B round also fetch their data again after stats events, as the
     *     dashboard's pages do (the requests then load the HTTP server and the state stores)
     */
    public record Options(long records, int rounds, int pages, int warmupRounds, Integer threads, long seed,
            long stallTimeoutSeconds, boolean refetch) {
        public Options {
            OptionChecks.atLeast("records", records, 1);
            OptionChecks.atLeast("rounds", rounds, 1);
            OptionChecks.atLeast("pages", pages, 1);
            OptionChecks.atLeast("warm-up rounds", warmupRounds, 0);
            if (threads != null) {
                OptionChecks.atLeast("threads", threads, 1);
            }
            OptionChecks.atLeast("the stall timeout (s)", stallTimeoutSeconds, 1);
        }

        public static Options defaults() {
            return new Options(DEFAULT_RECORDS, DEFAULT_ROUNDS, DEFAULT_PAGES, DEFAULT_WARMUP_ROUNDS, null,
                    DEFAULT_SEED, DEFAULT_STALL_TIMEOUT_SECONDS, false);
        }
    }

    private final Options options;
    private final Consumer<String> progress;

    /** {@code progress}: one line at each step (the command prints them on stderr). */
    public DashboardBenchmark(Options options, Consumer<String> progress) {
        this.options = options;
        this.progress = progress;
    }

    public DashboardBenchmarkResult run() throws IOException, InterruptedException {
        String startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Path dir = Files.createTempDirectory("ifl-bench-dashboard-");
        try {
            progress.accept("starting the embedded platform in " + dir + " ...");
            long start = System.nanoTime();
            try (EmbeddedPlatform platform = EmbeddedPlatform.start(
                    EmbeddedPlatform.Settings.ephemeral(dir.resolve("platform")));
                    Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                            platform.bootstrapServers()))) {
                double platformStart = seconds(System.nanoTime() - start);
                progress.accept("starting the stats service ...");
                start = System.nanoTime();
                try (ApplicationContext service = startService(platform, dir);
                        DashboardFeed feed = new DashboardFeed(platform.bootstrapServers(),
                                new Topics(RegistryAvroSerdes.forUrl(platform.registryUrl())), options.seed());
                        EventStreamPages pages = new EventStreamPages(
                                URI.create(service.getBean(EmbeddedServer.class).getURL().toString()))) {
                    StatsSettings settings = service.getBean(StatsSettings.class);
                    Duration settle = settings.getEmitInterval().plus(Duration.ofMillis(
                            settings.getCommitIntervalMs())).plus(EVENTS_COALESCING).plus(POLL);
                    Rounds rounds = new Rounds(new BrokerOffsets(admin), feed, pages,
                            queries(feed.cells(), options.pages()), settle);
                    progress.accept("priming the service with " + PRIMING_RECORDS + " labeled completions ...");
                    rounds.prime();
                    double serviceStart = seconds(System.nanoTime() - start);
                    List<DashboardBenchmarkResult.Round> done = new ArrayList<>();
                    int total = options.warmupRounds() + options.rounds();
                    for (int round = 1; round <= total; round++) {
                        boolean warmup = round <= options.warmupRounds();
                        // Alternate which goes first, so that neither always runs on the other's leftovers.
                        boolean quietFirst = round % 2 == 1;
                        done.add(rounds.run(quietFirst ? DashboardBenchmarkResult.QUIET
                                : DashboardBenchmarkResult.PAGES, round, warmup));
                        done.add(rounds.run(quietFirst ? DashboardBenchmarkResult.PAGES
                                : DashboardBenchmarkResult.QUIET, round, warmup));
                    }
                    return DashboardBenchmarkResult.of(startedAt, Runtime.getRuntime().availableProcessors(),
                            System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                                    + System.getProperty("os.arch"),
                            Runtime.version() + " (" + System.getProperty("java.vm.name") + ")", options,
                            feed.cells().size(), platformStart, serviceStart, done);
                }
            }
        } finally {
            Utils.delete(dir.toFile());
        }
    }

    private ApplicationContext startService(EmbeddedPlatform platform, Path dir) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ServiceContext.KAFKA_CONFIG, platform.bootstrapServers());
        settings.put(ServiceContext.REGISTRY_CONFIG, platform.registryUrl());
        settings.put(ServiceContext.HTTP_HOST_CONFIG, "127.0.0.1");
        settings.put(ServiceContext.HTTP_PORT_CONFIG, -1);
        settings.put(ServiceContext.DATA_DIR_CONFIG, dir.toString());
        settings.put("ifl.stats.application-id", APPLICATION_ID);
        settings.put("ifl.stats.state-dir", dir.resolve("stats-stream").toString());
        if (options.threads() != null) {
            settings.put("ifl.stats.threads", options.threads());
        }
        return ServiceContext.serve(StatsService.ENVIRONMENT, settings);
    }

    /**
     * The pages' filters, as a mix of the dashboard's pages: one in five shows every model (the overview
     * without a model), two in five one model (its overview), the rest one checkpoint (its page).
     */
    static List<String> queries(List<Cell> cells, int count) {
        Set<List<String>> checkpoints = new LinkedHashSet<>();
        for (Cell cell : cells) {
            checkpoints.add(List.of(cell.pair().getModel(), cell.pair().getCheckpoint()));
        }
        List<List<String>> each = List.copyOf(checkpoints);
        List<String> models = each.stream().map(c -> c.get(0)).distinct().toList();
        List<String> queries = new ArrayList<>();
        for (int i = 0; queries.size() < count; i++) {
            switch (i % 5) {
                case 0 -> queries.add("");
                case 1, 2 -> queries.add("model=" + models.get(i % models.size()));
                default -> {
                    List<String> c = each.get(i % each.size());
                    queries.add("model=" + c.get(0) + "&checkpoint=" + c.get(1));
                }
            }
        }
        return queries;
    }

    /** The rounds on one running service. */
    private final class Rounds {
        private final BrokerOffsets offsets;
        private final DashboardFeed feed;
        private final EventStreamPages pages;
        private final List<String> queries;
        private final Duration settle;

        Rounds(BrokerOffsets offsets, DashboardFeed feed, EventStreamPages pages, List<String> queries,
                Duration settle) {
            this.offsets = offsets;
            this.feed = feed;
            this.pages = pages;
            this.queries = queries;
            this.settle = settle;
        }

        /** Feeds {@link #PRIMING_RECORDS} and waits until the service committed them and settled. */
        void prime() throws InterruptedException {
            long start = System.nanoTime();
            feed.send(feed.draw("prime", PRIMING_RECORDS));
            awaitRepartitioned(awaitCommitted("labeled completions", offsets.ends(Topics.LABELED.name()), 0,
                    start));
        }

        DashboardBenchmarkResult.Round run(String mode, int round, boolean warmup) throws InterruptedException {
            boolean withPages = mode.equals(DashboardBenchmarkResult.PAGES);
            progress.accept("round " + round + (warmup ? " (warm-up)" : "") + ": " + mode + ", "
                    + (withPages ? options.pages() + " pages open" + (options.refetch() ? ", refetching" : "")
                            : "no page open") + ", "
                    + options.records() + " labeled completions ...");
            List<ProducerRecord<byte[], byte[]>> records = feed.draw(mode + round, options.records());
            EventStreamPages.Streams streams = withPages
                    ? pages.open(queries, HELLO_TIMEOUT, options.refetch()) : null;
            try {
                long statsBefore = BrokerOffsets.total(offsets.ends(Topics.STATS.name()));
                ThreadCpu cpuBefore = ThreadCpu.read();
                long processBefore = ProcessCpu.nanos();
                long start = System.nanoTime();
                feed.send(records);
                Map<TopicPartition, Long> ends = offsets.ends(Topics.LABELED.name());
                long inputAt = awaitCommitted("labeled completions", ends, 0, start) - start;
                awaitRepartitioned(start + inputAt);
                long settledAt = System.nanoTime() - start;
                ThreadCpu cpuAfter = ThreadCpu.read();
                long processAfter = ProcessCpu.nanos();
                long statsRecords = BrokerOffsets.total(offsets.ends(Topics.STATS.name())) - statsBefore;
                String readerSelector = pages.selectorThread();
                Map<String, Double> cpu = cpuBefore.secondsUntil(cpuAfter, DashboardThreads.GROUPS,
                        name -> DashboardThreads.groupOf(name, readerSelector));
                DashboardBenchmarkResult.Pages received = streams == null ? null
                        : DashboardBenchmarkResult.Pages.of(streams.counts(), streams.requests());
                DashboardBenchmarkResult.Round done = new DashboardBenchmarkResult.Round(mode, round, warmup,
                        records.size(), seconds(inputAt), seconds(settledAt), records.size() / seconds(inputAt),
                        cpu, cpu.get(DashboardThreads.STREAM) * 1e6 / records.size(),
                        (processAfter - processBefore) / 1e9, statsRecords,
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), received);
                progress.accept(String.format(Locale.ROOT, "  %.1f s, %,.0f records/s, stream threads %.1f µs a"
                        + " record%s", done.seconds(), done.recordsPerSecond(), done.streamMicrosPerRecord(),
                        received == null ? "" : ", stats events per page " + received.statsEvents()
                                + " (min, median, max)"));
                return done;
            } finally {
                if (streams != null) {
                    streams.close();
                }
            }
        }

        /**
         * Waits until the service's committed offsets reach {@code ends} (less {@code slack} a partition);
         * returns {@link System#nanoTime()} then. Fails when they do not move for the stall timeout.
         */
        private long awaitCommitted(String what, Map<TopicPartition, Long> ends, long slack, long since)
                throws InterruptedException {
            long target = BrokerOffsets.total(ends);
            long last = -1;
            long lastMoved = since;
            while (true) {
                Map<TopicPartition, Long> committed = offsets.committed(APPLICATION_ID);
                long now = System.nanoTime();
                long done = ends.entrySet().stream().mapToLong(e -> Math.min(e.getValue(),
                        committed.getOrDefault(e.getKey(), 0L) + slack)).sum();
                if (done >= target) {
                    return now;
                }
                if (done > last) {
                    last = done;
                    lastMoved = now;
                } else if (now - lastMoved > Duration.ofSeconds(options.stallTimeoutSeconds()).toNanos()) {
                    throw new IllegalStateException("the stats service committed no " + what + " for "
                            + options.stallTimeoutSeconds() + " s, at " + done + " of " + target);
                }
                Thread.sleep(POLL.toMillis());
            }
        }

        /**
         * Waits until the cell updates of the round were read back: its repartition topics committed to their
         * end (one short: the last transaction's marker), no earlier than {@link #settle} after the input was;
         * then {@link #settle} again, for the checkpoint summaries those updates cause and their events.
         */
        private void awaitRepartitioned(long inputAt) throws InterruptedException {
            sleepUntil(inputAt + settle.toNanos());
            Map<TopicPartition, Long> ends = new HashMap<>();
            for (String topic : offsets.internalTopics(APPLICATION_ID)) {
                if (topic.endsWith("-repartition")) {
                    ends.putAll(offsets.ends(topic));
                }
            }
            long repartitionedAt = awaitCommitted("cell updates", ends, 1, inputAt);
            sleepUntil(repartitionedAt + settle.toNanos());
        }

        private static void sleepUntil(long nanoTime) throws InterruptedException {
            long left = nanoTime - System.nanoTime();
            if (left > 0) {
                Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
            }
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
