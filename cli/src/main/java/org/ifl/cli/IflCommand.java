package org.ifl.cli;

import io.micronaut.configuration.picocli.MicronautFactory;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

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
            DemoCommand.class, DeployCommand.class,
            AnnotateCommand.class, BenchCommand.class, ChaosCommand.class})
public final class IflCommand implements Runnable {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        int exitCode;
        try (ApplicationContext context = ApplicationContext.builder(IflCommand.class, Environment.CLI).start()) {
            exitCode = commandLine(new MicronautFactory(context)).execute(args);
        }
        System.exit(exitCode);
    }

    /** The command line as {@link #main} runs it; {@code factory} makes the commands. */
    static CommandLine commandLine(CommandLine.IFactory factory) {
        return new CommandLine(IflCommand.class, factory).setParameterExceptionHandler(IflCommand::usageError);
    }

    /**
     * A missing or bad option or argument: the problem in one line, picocli's suggestions for a misspelt one, and
     * where the usage is, instead of the whole help after the error; the exit code is picocli's for a usage
     * error, 2.
     */
    private static int usageError(ParameterException error, String[] args) {
        CommandLine command = error.getCommandLine();
        String name = command.getCommandSpec().qualifiedName();
        PrintWriter err = command.getErr();
        err.println(name + ": " + error.getMessage());
        UnmatchedArgumentException.printSuggestions(error, err);
        err.println("Run '" + name + " --help' for usage.");
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** {@code ifl} alone: show what it can do. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
