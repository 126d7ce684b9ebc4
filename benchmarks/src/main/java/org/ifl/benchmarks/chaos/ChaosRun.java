package org.ifl.benchmarks.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.ifl.benchmarks.chaos.KillSchedule.Kill;
import org.ifl.benchmarks.stats.BrokerOffsets;
import org.ifl.platform.CauseChain;

/**
 * {@code ifl chaos}: does the pipeline give the same figures when its processes are killed? It writes a stored run
 * ({@link ChaosInput}), then processes it twice with real processes: {@code ifl up} (broker, controller, registry),
 * {@code ifl lid} and {@code ifl stats}, each with its own data directory, fed by {@code ifl replay}. The clean
 * pass kills nothing; the chaos pass kills -9 each of the three {@code killsPerTarget} times at moments drawn from
 * the seed ({@link KillSchedule}) and restarts it on the same data directory and ports. Each pass ends once both
 * stages have committed everything (their consumer groups' lag is 0 and no topic grows any more); then every
 * figure of {@code /cells}, cumulative and in every hopping window the input falls in, is compared
 * ({@link FigureComparison}) and the dead letters are counted ({@link DeadLetterTally}). With valid input and only
 * kills, any difference or dead letter is a fault of the pipeline.
 *
 * <p>Everything stays in the run directory: {@code input/completions.jsonl}, and per pass the data directories
 * {@code <pass>/up}, {@code <pass>/lid}, {@code <pass>/stats} and {@code <pass>/logs/<command>-<start>.log}.
 */
public final class ChaosRun {
    public static final int DEFAULT_COMPLETIONS = 20_000;
    public static final int DEFAULT_KILLS = 2;
    public static final long DEFAULT_SEED = 1;
    public static final long DEFAULT_READY_TIMEOUT_SECONDS = 300;
    public static final long DEFAULT_SETTLE_TIMEOUT_SECONDS = 900;
    /** The stats service's hopping windows in both passes: 1 h, advancing by 20 min. */
    static final Duration WINDOW_SIZE = Duration.ofHours(1);
    static final Duration WINDOW_ADVANCE = Duration.ofMinutes(20);
    /** The backlog must stay empty, with no topic growing, for this long: longer than stats' 1 s emit interval. */
    private static final Duration SETTLED_FOR = Duration.ofSeconds(3);
    private static final Duration POLL = Duration.ofMillis(500);
    /** How often each process's CPU time and peak resident memory are read. */
    private static final Duration USAGE_SAMPLE = Duration.ofMillis(250);
    private static final Duration STOP_GRACE = Duration.ofSeconds(60);
    /** How long a question to the broker waits: short, so that an absent broker delays no kill. */
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);
    private static final int REPLAY_ATTEMPTS = 3;
    private static final String HOST = "127.0.0.1";

    /**
     * @param completions completions in the stored run
     * @param killsPerTarget kills of each of up, lid and stats in the chaos pass
     * @param seed of the stored run and of the kill schedule
     * @param runDirectory where everything goes; must not exist or be empty
     * @param firstPort the first of five consecutive ports (broker, controller, registry, lid's and stats' HTTP),
     *     or 0 for free ones picked at the start
     * @param launcher how to start an {@code ifl} command
     */
    public record Options(int completions, int killsPerTarget, long seed, Path runDirectory, int firstPort,
            Duration readyTimeout, Duration settleTimeout, IflProcess.Launcher launcher) {
        public Options {
            if (completions < 1) {
                throw new IllegalArgumentException("--completions must be at least 1, not " + completions);
            }
            if (killsPerTarget < 0) {
                throw new IllegalArgumentException("--kills must be 0 or more, not " + killsPerTarget);
            }
            if (firstPort != 0 && (firstPort < 1024 || firstPort > 65535 - 4)) {
                throw new IllegalArgumentException("--first-port must be 0 or 1024 to 65531, not " + firstPort);
            }
            if (!empty(runDirectory)) {
                throw new IllegalArgumentException("the run directory " + runDirectory.toAbsolutePath()
                        + " is not empty; give a new one");
            }
        }

        private static boolean empty(Path directory) {
            if (!Files.exists(directory)) {
                return true;
            }
            try (Stream<Path> entries = Files.list(directory)) {
                return entries.findAny().isEmpty();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list the run directory " + directory, e);
            }
        }

        /** Runs the {@code ifl} commands with this JVM's java binary and class path, and {@code mainClass}. */
        public static Options of(int completions, int killsPerTarget, long seed, Path runDirectory, int firstPort,
                Duration readyTimeout, Duration settleTimeout, String mainClass) {
            return new Options(completions, killsPerTarget, seed, runDirectory, firstPort, readyTimeout,
                    settleTimeout, IflProcess.Launcher.ofThisJvm(mainClass));
        }
    }

    private final Options options;
    private final Consumer<String> progress;

    /** {@code progress}: one line at each step (the command prints them on stderr). */
    public ChaosRun(Options options, Consumer<String> progress) {
        this.options = options;
        this.progress = progress;
    }

    public ChaosResult run() throws IOException, InterruptedException {
        long start = System.nanoTime();
        Path dir = options.runDirectory().toAbsolutePath();
        ChaosInput.Summary input = ChaosInput.write(dir.resolve("input").resolve("completions.jsonl"),
                options.completions(), options.seed(), Instant.now().truncatedTo(ChronoUnit.MINUTES));
        progress.accept(String.format(Locale.ROOT, "wrote %,d completions (%,d items in %d cells) to %s",
                input.completions(), input.items(), input.cells(), input.file()));
        Ports ports = Ports.of(options.firstPort());
        List<String> windows = windows(input.first(), input.last());

        List<String> statsWindows = List.of("--window-size", WINDOW_SIZE.toString(), "--window-advance",
                WINDOW_ADVANCE.toString());
        ChaosResult.Pass clean = pass("clean", new KillSchedule(List.of()), input, ports, windows, statsWindows);
        KillSchedule schedule = KillSchedule.draw(options.seed(), options.killsPerTarget(), clean.processing());
        ChaosResult.Pass chaos = pass("chaos", schedule, input, ports, windows, statsWindows);

        return new ChaosResult(options, input, clean, chaos, FigureComparison.of(clean.cells(), chaos.cells()),
                Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * One pass over the stored run: start, replay, kill on schedule, wait until processed, collect, stop. Each
     * process's CPU time and peak resident memory are sampled throughout.
     *
     * @param windows the windows of {@code /cells} to collect
     * @param statsOptions options of {@code ifl stats} besides the addresses (its windows)
     */
    ChaosResult.Pass pass(String name, KillSchedule schedule, ChaosInput.Summary input, Ports ports,
            List<String> windows, List<String> statsOptions) throws IOException, InterruptedException {
        progress.accept(name + " pass: " + (schedule.kills().isEmpty() ? "no kills"
                : schedule.kills().size() + " kills, after the replay began, restarts not counted: "
                        + schedule.kills().stream().map(Kill::toString).collect(Collectors.joining(", "))));
        Path dir = options.runDirectory().toAbsolutePath().resolve(name);
        Path logs = dir.resolve("logs");
        String cluster = HOST + ":" + ports.broker();
        String registry = "http://" + HOST + ":" + ports.registry();
        Map<Target, IflProcess> services = new EnumMap<>(Target.class);
        services.put(Target.UP, process(Target.UP.command(), logs, "--data-dir", dir.resolve("up"),
                "--broker-port", ports.broker(), "--controller-port", ports.controller(),
                "--registry-port", ports.registry()));
        services.put(Target.LID, process(Target.LID.command(), logs, "--data-dir", dir.resolve("lid"),
                "--http-port", ports.lid(), "--bootstrap-servers", cluster, "--registry-url", registry));
        services.put(Target.STATS, process(Target.STATS.command(), logs, Stream.concat(Stream.of("--data-dir",
                dir.resolve("stats"), "--http-port", ports.stats(), "--bootstrap-servers", cluster, "--registry-url",
                registry), statsOptions.stream()).toArray()));
        IflProcess replay = process("replay", logs, input.file(), "--data-dir", dir.resolve("replay"),
                "--bootstrap-servers", cluster, "--registry-url", registry);
        List<IflProcess> all = new ArrayList<>(services.values());
        all.add(replay);
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "ifl-process-usage");
            thread.setDaemon(true);
            return thread;
        });
        sampler.scheduleAtFixedRate(() -> all.forEach(IflProcess::sampleUsage), 0, USAGE_SAMPLE.toMillis(),
                TimeUnit.MILLISECONDS);
        Map<Target, Integer> unexpectedExits = new EnumMap<>(Target.class);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis()))) {
            BrokerOffsets offsets = new BrokerOffsets(admin);
            start(services.get(Target.UP));
            services.get(Target.LID).start();
            services.get(Target.STATS).start();
            services.get(Target.LID).awaitReady(options.readyTimeout());
            services.get(Target.STATS).awaitReady(options.readyTimeout());

            long replayStart = System.nanoTime();
            replay.start();
            long restarting = 0;
            for (Kill kill : schedule.kills()) {
                long due = replayStart + restarting + kill.at().toNanos();
                while (System.nanoTime() < due) {
                    restarting += restartEnded(services, unexpectedExits);
                    Thread.sleep(Math.min(POLL.toMillis(), Math.max(1, (due - System.nanoTime()) / 1_000_000)));
                }
                IflProcess target = services.get(kill.target());
                long killedAt = System.nanoTime();
                progress.accept(String.format(Locale.ROOT, "  kill -9 %s: %.1f s after the replay began, %.1f s "
                        + "not counting restarts; %s", target.name(), seconds(killedAt - replayStart),
                        seconds(kill.at().toNanos()), backlog(offsets)));
                target.kill();
                start(target);
                restarting += System.nanoTime() - killedAt;
            }
            int replays = replayToTheEnd(replay);
            Duration processing = awaitSettled(offsets, services, unexpectedExits, replayStart);
            progress.accept(name + " pass: everything processed " + seconds(processing.toNanos()) + " s after the "
                    + "replay began; reading /cells and eval.dlq ...");
            Map<String, String> cells = new CellsApi("http://" + HOST + ":" + ports.stats()).cells(windows);
            DeadLetterTally deadLetters = DeadLetterTally.read(cluster, registry, options.settleTimeout());
            Map<Target, Integer> restarts = new EnumMap<>(Target.class);
            services.forEach((target, process) -> restarts.put(target, process.starts() - 1));
            Map<String, IflProcess.Usage> usage = new LinkedHashMap<>();
            all.forEach(process -> {
                process.sampleUsage();
                usage.put(process.name(), process.usage());
            });
            return new ChaosResult.Pass(name, schedule, restarts, unexpectedExits, replays, processing, cells,
                    ChaosResult.counted(cells.get(CellsApi.CUMULATIVE)), deadLetters, logs, usage);
        } finally {
            sampler.shutdownNow();
            replay.stop(STOP_GRACE);
            services.get(Target.STATS).stop(STOP_GRACE);
            services.get(Target.LID).stop(STOP_GRACE);
            services.get(Target.UP).stop(STOP_GRACE);
        }
    }

    private void start(IflProcess process) throws IOException, InterruptedException {
        process.start();
        process.awaitReady(options.readyTimeout());
    }

    /**
     * Restarts a service that ended without being killed (a finding: the report counts it); returns the time the
     * restart took, which the kill schedule's clock leaves out.
     */
    private long restartEnded(Map<Target, IflProcess> services, Map<Target, Integer> unexpectedExits)
            throws IOException, InterruptedException {
        long took = 0;
        for (Map.Entry<Target, IflProcess> service : services.entrySet()) {
            if (!service.getValue().alive()) {
                long at = System.nanoTime();
                progress.accept("  " + service.getValue().name() + " ended without being killed; restarting it. "
                        + service.getValue().tail());
                unexpectedExits.merge(service.getKey(), 1, Integer::sum);
                start(service.getValue());
                took += System.nanoTime() - at;
            }
        }
        return took;
    }

    /**
     * Waits for the replay; one that failed (the broker was away longer than its producer waits) is run again:
     * replayed completions keep their ids, and stats-stream counts an id once.
     */
    private int replayToTheEnd(IflProcess replay) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            int exit = replay.awaitExit(options.settleTimeout());
            if (exit == 0) {
                return attempt;
            }
            if (attempt == REPLAY_ATTEMPTS) {
                throw new IllegalStateException("the replay failed " + attempt + " times; " + replay.tail());
            }
            progress.accept("  the replay failed (exit " + exit + "); replaying again. " + replay.tail());
            replay.start();
        }
    }

    /**
     * Waits until both stages have committed everything and nothing has been written for {@link #SETTLED_FOR}
     * (stats-stream publishes changed cells once per emit interval, so an empty backlog alone could come just
     * before its last publication); returns the time from the replay's start to when that began.
     */
    private Duration awaitSettled(BrokerOffsets offsets, Map<Target, IflProcess> services,
            Map<Target, Integer> unexpectedExits, long replayStart) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + options.settleTimeout().toNanos();
        long quietSince = 0;
        long lastEnds = -1;
        long nextReport = 0;
        while (true) {
            restartEnded(services, unexpectedExits);
            long now = System.nanoTime();
            Backlog backlog;
            String state;
            try {
                backlog = Backlog.of(offsets);
                state = backlog.toString();
            } catch (IllegalStateException e) {
                backlog = null;
                state = "cannot read the backlog: " + CauseChain.describe(e);
            }
            if (backlog != null && backlog.empty() && backlog.ends() == lastEnds) {
                if (now - quietSince >= SETTLED_FOR.toNanos()) {
                    return Duration.ofNanos(quietSince - replayStart);
                }
            } else {
                quietSince = now;
                lastEnds = backlog == null ? -1 : backlog.ends();
            }
            if (now > deadline) {
                throw new IllegalStateException("not everything was processed after "
                        + options.settleTimeout().toSeconds() + " s: " + state);
            }
            if (now > nextReport) {
                progress.accept("  " + state);
                nextReport = now + Duration.ofSeconds(10).toNanos();
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** {@code ifl <command> <args>}, its logs in {@code logs}. */
    /** The backlog as a line, or why it cannot be read now: what a kill hits, for the progress lines. */
    private static String backlog(BrokerOffsets offsets) throws InterruptedException {
        try {
            return Backlog.of(offsets).toString();
        } catch (IllegalStateException e) {
            return "cannot read the backlog: " + CauseChain.describe(e);
        }
    }

    private IflProcess process(String command, Path logs, Object... args) {
        List<String> all = new ArrayList<>(List.of(command));
        for (Object arg : args) {
            all.add(String.valueOf(arg));
        }
        return new IflProcess(command, options.launcher(), all, logs);
    }

    /**
     * "cumulative" and every hopping window that holds a completion: windows start at whole multiples of the
     * advance (as stats-stream aligns them) and the earliest is the one that ends just after the first completion.
     */
    static List<String> windows(Instant first, Instant last) {
        List<String> windows = new ArrayList<>();
        windows.add(CellsApi.CUMULATIVE);
        long advance = WINDOW_ADVANCE.toMillis();
        long size = WINDOW_SIZE.toMillis();
        long start = Math.floorDiv(first.toEpochMilli() - size, advance) * advance + advance;
        for (; start <= last.toEpochMilli(); start += advance) {
            windows.add(Instant.ofEpochMilli(start) + "/" + Instant.ofEpochMilli(start + size));
        }
        return windows;
    }

    private static double seconds(long nanos) {
        return Math.round(nanos / 1e8) / 10.0;
    }

    /** The five ports a pass listens on, the same in both passes and across restarts. */
    record Ports(int broker, int controller, int registry, int lid, int stats) {
        static Ports of(int first) throws IOException {
            if (first != 0) {
                return new Ports(first, first + 1, first + 2, first + 3, first + 4);
            }
            int[] free = new int[5];
            List<ServerSocket> held = new ArrayList<>();
            try {
                for (int i = 0; i < free.length; i++) {
                    ServerSocket socket = new ServerSocket();
                    held.add(socket);
                    socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
                    free[i] = socket.getLocalPort();
                }
            } finally {
                for (ServerSocket socket : held) {
                    socket.close();
                }
            }
            return new Ports(free[0], free[1], free[2], free[3], free[4]);
        }
    }
}
