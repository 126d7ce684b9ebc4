package org.ifl.cli;

import org.ifl.benchmarks.chaos.PipelineBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
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

    @Mixin
    ProcessRunOptions run;

    @Override
    protected int execute() throws Exception {
        PipelineBenchmark.Options options = fromOptions(() -> new PipelineBenchmark.Options(models, itemsPerCell, seed,
                // ChaosRun.Options' completions and kills are `ifl chaos`'s own; the pipeline's pass reads neither
                run.run("bench-pipeline", 1, 0, seed)));
        PipelineBenchmark.Result result = runOrFail(new PipelineBenchmark(options, progress())::run);
        out().print(PipelineBenchmark.text(result));
        out().flush();
        return result.failures().isEmpty() ? ExitCode.OK : ExitCode.SOFTWARE;
    }
}
