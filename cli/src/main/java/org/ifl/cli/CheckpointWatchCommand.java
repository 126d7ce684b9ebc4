package org.ifl.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ifl.producers.CheckpointRegistration;
import org.ifl.producers.CheckpointWatcher;
import org.ifl.producers.RecordSender;
import org.ifl.producers.Suites;
import org.ifl.schemas.avro.Checkpoint;
import org.ifl.schemas.topic.RecordKey;
import org.ifl.schemas.topic.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code ifl checkpoint watch DIR}: registers each complete checkpoint directory that appears, and publishes its suites. */
@Command(name = "watch",
        description = {
            "Watches DIR for checkpoints: each subdirectory that contains the marker file (written last by the "
                    + "training job) is registered as checkpoint <subdirectory name> of --model, located at the "
                    + "subdirectory, with the attributes of its checkpoint.properties (key=value lines, as "
                    + "train-reference --checkpoint-every writes them) and --attr, and each --suite is published "
                    + "for it. Directories already registered are "
                    + "remembered in <data-dir>/watch/, so a restarted watch does not publish them again.",
            "",
            "Runs until Ctrl-C, or scans once with --once.",
            ""},
        sortOptions = false)
final class CheckpointWatchCommand extends ProducerCommand {

    @Parameters(index = "0", paramLabel = "DIR", description = "The directory training writes checkpoints into.")
    Path root;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "Model the checkpoints are of.")
    String model;

    @Option(names = "--marker", paramLabel = "FILE", defaultValue = "COMPLETE",
            description = "File whose presence marks a checkpoint directory as complete (default: ${DEFAULT-VALUE}).")
    String marker;

    @Option(names = "--poll", paramLabel = "DURATION", defaultValue = "PT10S",
            description = "How often DIR is scanned, ISO 8601 (default: ${DEFAULT-VALUE}).")
    Duration poll;

    @Option(names = "--once", description = "Scan once, register what is new, and exit.")
    boolean once;

    @Mixin
    CheckpointOptions checkpointOptions;

    @Mixin
    SuiteOptions suiteOptions;

    @Override
    protected int produce() throws Exception {
        if (!Files.isDirectory(root)) {
            throw new ParameterException(spec.commandLine(), "DIR " + root + " is not a directory");
        }
        if (poll.isNegative() || poll.isZero()) {
            throw new ParameterException(spec.commandLine(), "--poll must be positive, not " + poll);
        }
        List<Suites.Read> suites = suiteOptions.read(workDir());
        Path state = workDir().resolve("watch").resolve(stateName());
        CheckpointWatcher watcher = new CheckpointWatcher(root, marker, state);
        StopSignal stop = once ? null : StopSignal.install(err());
        out().println("watching " + root.toAbsolutePath() + " for checkpoints of " + model + " (marker " + marker
                + (once ? ", once" : ", every " + poll.toSeconds() + " s; Ctrl-C stops") + ")");
        out().flush();
        try (RecordSender<Checkpoint> checkpoints = sender(Topics.CHECKPOINTS);
                SuiteOptions.Senders queries = suiteSenders()) {
            do {
                for (Path dir : watcher.newCheckpoints()) {
                    if (!register(dir, suites, checkpoints, queries)) {
                        return ExitCode.SOFTWARE; // not remembered: the next watch tries it again
                    }
                    if (!dryRun) {
                        watcher.remember(dir);
                    }
                }
            } while (!once && !stop.await(poll));
        }
        out().println("stopped");
        return ExitCode.OK;
    }

    private boolean register(Path dir, List<Suites.Read> suites, RecordSender<Checkpoint> checkpoints,
            SuiteOptions.Senders queries) throws IOException {
        String checkpoint = dir.getFileName().toString();
        // The directory's own attributes (step, loss, data mix), then the --attr ones over them.
        Map<String, String> attributes = CheckpointWatcher.attributes(dir);
        attributes.putAll(suiteOptions.attributes);
        CheckpointRegistration registration = checkpointOptions.registration(model, checkpoint,
                dir.toAbsolutePath().toString(), null, suiteOptions, attributes, Instant.now());
        checkpoints.send(registration.key(), registration.toAvro(), null);
        RecordSender.Delivery delivery = checkpoints.flush();
        out().println("new checkpoint " + registration.key() + " at " + dir + ": " + delivery);
        out().flush();
        if (!delivery.complete()) {
            return false;
        }
        return suiteOptions.publish(suites, suiteOptions.target(model, checkpoint, attributes), queries, out());
    }

    /** One state file per watched directory and model. */
    private String stateName() {
        String dir = root.toAbsolutePath().normalize().toString();
        return RecordKey.of(model).replaceAll("[^A-Za-z0-9._-]", "_") + "-"
                + Integer.toHexString(dir.hashCode()) + ".seen";
    }
}
