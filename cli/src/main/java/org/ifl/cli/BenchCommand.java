package org.ifl.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ifl bench}: benchmarks, one subcommand each. They measure and print; they assert nothing. */
@Command(name = "bench",
        description = {
            "Runs a benchmark and prints its figures.",
            "",
            "Benchmarks are not tests: they start what they measure themselves (an embedded platform on a "
                    + "temporary directory where they need one) and print figures; nothing fails on a slow result.",
            ""},
        sortOptions = false,
        subcommands = {BenchLidCommand.class, BenchStatsCommand.class, BenchProducersCommand.class,
            BenchExplanationsCommand.class, BenchWorkerCommand.class, BenchReplayFileCommand.class,
            BenchDashboardCommand.class, BenchPipelineCommand.class, BenchDslCommand.class})
final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    /** {@code ifl bench} alone: list the benchmarks. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
