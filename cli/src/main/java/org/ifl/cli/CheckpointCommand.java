package org.ifl.cli;

import picocli.CommandLine.Command;

/** {@code ifl checkpoint}: register checkpoints for evaluation, by hand or as they appear in a directory. */
@Command(name = "checkpoint",
        description = "Registers model checkpoints for evaluation on eval.checkpoints, and publishes their suites.",
        subcommands = {CheckpointRegisterCommand.class, CheckpointWatchCommand.class})
final class CheckpointCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
