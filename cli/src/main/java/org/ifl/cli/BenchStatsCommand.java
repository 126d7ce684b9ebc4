package org.ifl.cli;

import org.ifl.benchmarks.stats.StatsBenchmark;
import org.ifl.benchmarks.stats.StatsBenchmarkReport;
import org.ifl.benchmarks.stats.StatsBenchmarkResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Option;

/** {@code ifl bench stats}: the stats-stream topology against a bare count, on the embedded broker. */
@Command(name = "stats",
        description = {
            "Throughput of the stats-stream topology, and of a bare groupByKey().count() beside it.",
            "",
            "Starts a fresh embedded broker and registry on a temporary directory, produces --records simulated "
                    + "labeled completions (2 models x 2 checkpoints x 5 datasets x 14 languages, every arm of an "
                    + "item answered, about 1%% repeats, a few expert annotations), then runs each topology --rounds "
                    + "times, interleaved, as a new application with exactly-once v2, timed until its committed "
                    + "offsets reach the end of its input and of its repartition topic. Prints records/s, per core "
                    + "and per CPU-second, and the ratio. See docs/benchmarks.md.",
            "",
            "Progress goes to stderr, the report to stdout.",
            ""},
        sortOptions = false)
final class BenchStatsCommand extends IflSubcommand {

    @Option(names = "--records", paramLabel = "N", defaultValue = "" + StatsBenchmark.DEFAULT_RECORDS,
            description = "Labeled completions to produce, repeats included (default: ${DEFAULT-VALUE}).")
    long records;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "" + StatsBenchmark.DEFAULT_ROUNDS,
            description = "Run each topology R times, interleaved, and report the median (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--threads", paramLabel = "T",
            description = "Stream threads of both topologies (default: the cores the JVM sees).")
    Integer threads;

    @Option(names = "--commit-interval-ms", paramLabel = "MS",
            defaultValue = "" + StatsBenchmark.DEFAULT_COMMIT_INTERVAL_MS,
            description = "Streams commit.interval.ms: how often a transaction commits (default: ${DEFAULT-VALUE}).")
    long commitIntervalMs;

    @Option(names = "--emit-interval-ms", paramLabel = "MS",
            defaultValue = "" + StatsBenchmark.DEFAULT_EMIT_INTERVAL_MS,
            description = "How often the stats topology publishes changed cells, as `ifl stats --emit-interval` "
                    + "(default: ${DEFAULT-VALUE}, the service's).")
    long emitIntervalMs;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "" + StatsBenchmark.DEFAULT_SEED,
            description = "Seed of the simulated fidelities, repeats and annotations (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--stall-timeout", paramLabel = "SECONDS",
            defaultValue = "" + StatsBenchmark.DEFAULT_STALL_TIMEOUT_SECONDS,
            description = "Give up when a run commits nothing for this long (default: ${DEFAULT-VALUE}).")
    long stallTimeoutSeconds;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE}).")
    BenchLidCommand.Format format;

    @Override
    protected int execute() throws Exception {
        StatsBenchmark.Options options = fromOptions(() -> new StatsBenchmark.Options(records,
                threads == null ? Runtime.getRuntime().availableProcessors() : threads, commitIntervalMs, seed,
                rounds, stallTimeoutSeconds, emitIntervalMs));
        StatsBenchmarkResult result = runOrFail(new StatsBenchmark(options, progress())::run);
        out().print(format == BenchLidCommand.Format.json ? StatsBenchmarkReport.json(result)
                : StatsBenchmarkReport.text(result));
        out().flush();
        return ExitCode.OK;
    }
}
