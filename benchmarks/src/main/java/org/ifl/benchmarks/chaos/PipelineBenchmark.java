package org.ifl.benchmarks.chaos;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.ifl.benchmarks.OptionChecks;
import org.ifl.benchmarks.stats.SimulatedLabeledCompletions;

/**
 * {@code ifl bench pipeline}: a paper-scale stored run through the pipeline as it is deployed, one process per
 * part. It writes {@code models} x 24 cells (1 checkpoint, 2 datasets, 12 languages) x {@code itemsPerCell} items
 * x 3 arms of completions ({@link ChaosInput}: real answer texts in the cell's language or in English), starts
 * {@code ifl up}, {@code ifl lid} and {@code ifl stats} (the service's own windows and emit interval) each in its
 * own JVM with the options it ships with ({@code jvm-options.properties}), then times {@code ifl replay} from its
 * start until both stages have committed everything, sampling each process's CPU time and peak resident memory.
 * It is the clean pass of {@link ChaosRun}, without kills.
 */
public final class PipelineBenchmark {
    public static final int DEFAULT_MODELS = 4;
    public static final int DEFAULT_ITEMS_PER_CELL = 1_000;
    public static final long DEFAULT_SEED = 1;
    static final List<String> DATASETS = List.of("maxm", "palo");
    /** The IFL paper's languages but Bengali and Urdu: 12, so that a model has 24 cells. */
    static final List<String> LANGUAGES = List.of("ar", "de", "en", "es", "fr", "he", "hi", "ja", "ro", "ru", "th",
            "zh");
    static final String CHECKPOINT = "ckpt-1000";

    /**
     * @param models models of 24 cells each
     * @param itemsPerCell items per cell on average (each cell is drawn per item), 3 completions each
     */
    public record Options(int models, int itemsPerCell, long seed, ChaosRun.Options run) {
        public Options {
            OptionChecks.atLeast("models", models, 1);
            OptionChecks.atLeast("items per cell", itemsPerCell, 1);
            long completions = completions(models, itemsPerCell);
            if (completions > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("--models x 24 x --items-per-cell x 3 must stay below 2^31, not "
                        + completions);
            }
        }

        public int completions() {
            return (int) completions(models, itemsPerCell);
        }

        private static long completions(int models, int itemsPerCell) {
            return 3L * models * DATASETS.size() * LANGUAGES.size() * itemsPerCell;
        }
    }

    /**
     * What a run measured.
     *
     * @param input    the stored run replayed
     * @param pass     the pass: time from the replay's start to all processed, counts, per-process usage
     * @param settings each process's JVM options (as shipped) in the order started
     */
    public record Result(Options options, ChaosInput.Summary input, ChaosResult.Pass pass,
            Map<String, List<String>> settings) {
        /** Completions per second from the replay's start until both stages had committed everything. */
        public double completionsPerSecond() {
            return input.completions() / (pass.processing().toNanos() / 1e9);
        }

        public List<String> failures() {
            List<String> failures = new ArrayList<>();
            if (pass.counted() != input.completions()) {
                failures.add("stats-stream counted " + pass.counted() + " of " + input.completions() + " completions");
            }
            if (pass.deadLetters().total() > 0) {
                failures.add(pass.deadLetters().total() + " dead letters, with valid input");
            }
            if (pass.unexpectedExitCount() > 0) {
                failures.add("a process ended by itself: " + pass.unexpectedExits());
            }
            return failures;
        }
    }

    private final Options options;
    private final Consumer<String> progress;

    public PipelineBenchmark(Options options, Consumer<String> progress) {
        this.options = options;
        this.progress = progress;
    }

    public Result run() throws IOException, InterruptedException {
        Path dir = options.run().runDirectory().toAbsolutePath();
        SplittableRandom random = new SplittableRandom(options.seed());
        List<String> models = new ArrayList<>();
        for (int m = 1; m <= options.models(); m++) {
            models.add(String.format(Locale.ROOT, "bench-vlm-%d", m));
        }
        List<SimulatedLabeledCompletions.Cell> cells = SimulatedLabeledCompletions.cells(random, models,
                List.of(CHECKPOINT), DATASETS, LANGUAGES);
        ChaosInput.Summary input = ChaosInput.write(dir.resolve("input").resolve("completions.jsonl"),
                options.completions(), cells, random, "pipeline-" + options.seed(),
                Instant.now().truncatedTo(ChronoUnit.MINUTES));
        progress.accept(String.format(Locale.ROOT, "wrote %,d completions (%,d items in %d cells) to %s",
                input.completions(), input.items(), input.cells(), input.file()));
        ChaosRun.Ports ports = ChaosRun.Ports.of(options.run().firstPort());
        ChaosResult.Pass pass = new ChaosRun(options.run(), progress).pass("pipeline", new KillSchedule(List.of()),
                input, ports, List.of(CellsApi.CUMULATIVE), List.of());
        Map<String, List<String>> settings = new LinkedHashMap<>();
        pass.usage().keySet().forEach(command -> settings.put(command, options.run().launcher().jvmOptions(command)));
        return new Result(options, input, pass, settings);
    }

    /** The result as text for a person. */
    public static String text(Result r) {
        StringBuilder out = new StringBuilder();
        ChaosInput.Summary in = r.input();
        out.append(f("ifl bench pipeline: %,d completions (%,d items in %d cells: %d models x 24), seed %d%n",
                in.completions(), in.items(), in.cells(), r.options().models(), r.options().seed()));
        out.append(f("run directory %s (input, data directories and logs)%n",
                r.options().run().runDirectory().toAbsolutePath()));
        out.append(f("machine: %d cores, %s %s, Java %s%n%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.version"), Runtime.version()));
        ChaosResult.Pass p = r.pass();
        double seconds = p.processing().toNanos() / 1e9;
        out.append(f("replay start to every completion committed by lid-stream and stats-stream: %.1f s "
                + "(%,.0f completions/s)%n", seconds, r.completionsPerSecond()));
        out.append(f("completions counted by stats-stream: %,d of %,d; dead letters: %,d%n%n", p.counted(),
                in.completions(), p.deadLetters().total()));
        out.append(f("  %-8s %10s %8s %12s  %s%n", "PROCESS", "CPU", "CORES", "PEAK RSS", "JVM OPTIONS"));
        p.usage().forEach((name, usage) -> {
            double cpu = usage.cpu().toNanos() / 1e9;
            out.append(f("  %-8s %8.1f s %8.2f %8.0f MiB  %s%n", name, cpu, cpu / seconds,
                    usage.peakResidentBytes() / 1048576.0, String.join(" ", r.settings().get(name))));
        });
        out.append(f("%nCPU is each process's whole life (start-up included); CORES divides it by the time above. "
                + "PEAK RSS is Linux's VmHWM.%n"));
        List<String> failures = r.failures();
        out.append(failures.isEmpty() ? "every completion counted, no dead letter\n"
                : "FAILED:\n" + String.join("\n", failures.stream().map(s -> "  " + s).toList()) + "\n");
        return out.toString();
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
