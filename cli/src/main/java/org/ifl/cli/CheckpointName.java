package org.ifl.cli;

import picocli.CommandLine.Option;

/** {@code --model} and {@code --checkpoint}: the checkpoint a command publishes for. */
final class CheckpointName {

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "Model name.")
    String model;

    @Option(names = "--checkpoint", required = true, paramLabel = "CHECKPOINT", description = "Checkpoint name.")
    String checkpoint;
}
