package org.ifl.cli;

import io.micronaut.configuration.picocli.PicocliRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code ifl} command line. Each subcommand is a class of this package listed in {@code subcommands};
 * {@code --help} and {@code --version} reach every one of them through the inherited scope.
 */
@Command(name = "ifl",
        description = "Streaming evaluator of image-induced fidelity loss (IFL) in vision-language models, over Kafka.",
        mixinStandardHelpOptions = true,
        versionProvider = IflVersion.class,
        scope = ScopeType.INHERIT,
        sortOptions = false,
        usageHelpAutoWidth = true,
        subcommands = {UpCommand.class, TopicsCommand.class, LidCommand.class, StatsCommand.class, ReportCommand.class,
            PublishCommand.class, CheckpointCommand.class, ReplayCommand.class, TrainReferenceCommand.Train.class,
            TrainReferenceCommand.Eval.class, ServeModelCommand.class, WorkerCommand.class,
            DemoCommand.class,
            BenchCommand.class, ChaosCommand.class})
public final class IflCommand implements Runnable {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(PicocliRunner.execute(IflCommand.class, args));
    }

    /** {@code ifl} alone: show what it can do. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
