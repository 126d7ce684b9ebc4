package org.ifl.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.ifl.benchmarks.chaos.ChaosRun;
import org.ifl.benchmarks.chaos.PipelineBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Option;

/** {@code ifl bench pipeline}: a paper-scale replay through up, lid and stats as separate processes. */
@Command(name = "pipeline",
        description = {
            "Time and resources of a paper-scale replay through the pipeline, one process per part.",
            "",
            "Writes a stored run of --models x 24 cells (1 checkpoint, 2 datasets, 12 languages) x --items-per-cell "
                    + "items x 3 arms (288,000 completions by default), starts `ifl up`, `ifl lid` and `ifl stats` "
                    + "as child processes with the JVM options each ships with, then times `ifl replay` from its "
                    + "start until both stages have committed everything, and reports each process's CPU time and "
                    + "peak resident memory. Exits 1 when a completion is not counted or a dead letter appears. "
                    + "See docs/benchmarks.md.",
            "",
            "Progress goes to stderr, the report to stdout.",
            ""},
        sortOptions = false)
final class BenchPipelineCommand extends IflSubcommand {

    @Option(names = "--models", paramLabel = "N", defaultValue = "" + PipelineBenchmark.DEFAULT_MODELS,
            description = "Models of 24 cells each (default: ${DEFAULT-VALUE}).")
    int models;

    @Option(names = "--items-per-cell", paramLabel = "N", defaultValue = "" + PipelineBenchmark.DEFAULT_ITEMS_PER_CELL,
            description = "Items per cell, on average, 3 completions each (default: ${DEFAULT-VALUE}).")
    int itemsPerCell;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "" + PipelineBenchmark.DEFAULT_SEED,
            description = "Seed of the stored run (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--run-dir", paramLabel = "DIR",
            description = "Where the input, data directories and logs go; new or empty (default: "
                    + ".ifl/bench-pipeline/<UTC time>).")
    Path runDir;

    @Option(names = "--first-port", paramLabel = "PORT", defaultValue = "0",
            description = "First of five consecutive ports on 127.0.0.1 (broker, controller, registry, lid's and "
                    + "stats' HTTP); 0 picks free ones (default: ${DEFAULT-VALUE}).")
    int firstPort;

    @Option(names = "--settle-timeout", paramLabel = "SECONDS",
            defaultValue = "" + ChaosRun.DEFAULT_SETTLE_TIMEOUT_SECONDS,
            description = "Give up when the stages have not processed everything after this long (default: "
                    + "${DEFAULT-VALUE}).")
    long settleTimeoutSeconds;

    @Override
    protected int execute() throws Exception {
        Path dir = runDir != null ? runDir : Path.of(".ifl", "bench-pipeline", LocalDateTime.now(ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        PipelineBenchmark.Options options = fromOptions(() -> new PipelineBenchmark.Options(models, itemsPerCell, seed,
                ChaosRun.Options.of(1, 0, seed, dir, firstPort, Duration.ofSeconds(
                        ChaosRun.DEFAULT_READY_TIMEOUT_SECONDS), Duration.ofSeconds(settleTimeoutSeconds),
                        IflCommand.class.getName())));
        PipelineBenchmark.Result result = runOrFail(new PipelineBenchmark(options, progress())::run);
        out().print(PipelineBenchmark.text(result));
        out().flush();
        return result.failures().isEmpty() ? ExitCode.OK : ExitCode.SOFTWARE;
    }
}
