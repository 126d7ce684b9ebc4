package org.ifl.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.ifl.platform.kafka.ClusterAccess;
import org.ifl.producers.CompletionReplayer;
import org.ifl.producers.Progress;
import org.ifl.producers.RecordSender;
import org.ifl.producers.ReplayDefaults;
import org.ifl.producers.ReplayFormats;
import org.ifl.producers.ReplayLimits;
import org.ifl.producers.ReplayReader;
import org.ifl.schemas.avro.Completion;
import org.ifl.schemas.topic.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code ifl replay FILE}: stored completions of a historical run onto eval.completions. */
@Command(name = "replay",
        description = {
            "Publishes the completions stored in FILE to eval.completions as if inference had just produced them, "
                    + "keeping their original timestamps, so old runs are scored by the same stages as new ones. "
                    + "Replaying a file again changes no figure downstream: its ids come from its content.",
            "",
            "Formats: jsonl (the project's, see docs/replay.md), lcb (Language Confusion Benchmark outputs), "
                    + "multiq (MultiQ model completions).",
            "",
            "The file is read twice, a record at a time, so its size does not matter. The first read checks every "
                    + "record (fields, UTF-8, duplicate ids, its size against the topic's max.message.bytes, its "
                    + "times); nothing is sent unless the whole file passes. The second read sends. Under --dry-run "
                    + "it says what it would publish; the limits are then the broker's if one is running, else "
                    + "Kafka's defaults.",
            ""},
        sortOptions = false)
final class ReplayCommand extends ProducerCommand {
    private static final int ASK_TIMEOUT_MS = 10_000;

    @Parameters(index = "0", paramLabel = "FILE", description = "The stored run.")
    Path file;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "jsonl",
            description = "jsonl, lcb or multiq (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--model", paramLabel = "MODEL", description = "Model, where the file does not name it.")
    String model;

    @Option(names = "--checkpoint", paramLabel = "CHECKPOINT",
            description = "Checkpoint, where the file does not name it.")
    String checkpoint;

    @Option(names = "--run-id", paramLabel = "ID", description = "Run id, where the file does not name it.")
    String runId;

    @Option(names = "--rate", paramLabel = "RECORDS_PER_S", defaultValue = "0",
            description = "Send at most this many records per second (default: 0, as fast as possible).")
    double rate;

    @Override
    protected int produce() throws Exception {
        ReplayReader reader = ReplayFormats.byFormat(format).orElseThrow(() -> new ParameterException(
                spec.commandLine(), "unknown --format " + format + "; the formats are "
                        + String.join(", ", ReplayFormats.formats())));
        if (rate < 0) {
            throw new ParameterException(spec.commandLine(), "--rate must be 0 or more, not " + rate);
        }
        if (!Files.isRegularFile(file)) {
            throw new CommandFailure("no file " + file);
        }
        ReplayDefaults defaults = ReplayDefaults.none().withRunId(runId).withModel(model).withCheckpoint(checkpoint)
                .withFallbackTime(Files.getLastModifiedTime(file).toInstant());
        CompletionReplayer replayer = new CompletionReplayer(reader, defaults, limits(), System::nanoTime);
        CompletionReplayer.Checked checked = replayer.check(file, Progress.bytesOnStderr("checking", Files.size(file)));
        try (RecordSender<Completion> sender = sender(Topics.COMPLETIONS)) {
            Progress progress = Progress.onStderr(dryRun ? "reading again" : "sending", "completions",
                    checked.records());
            CompletionReplayer.Report report = replayer.send(checked, sender, rate, progress);
            out().print(report.describe());
            out().flush();
            return report.complete() ? ExitCode.OK : ExitCode.SOFTWARE;
        }
    }

    /**
     * The limits of eval.completions, asked of the broker; under --dry-run without a running platform (or one
     * that does not answer), Kafka's defaults.
     */
    private ReplayLimits limits() {
        Optional<ClusterAccess> cluster = dryRun ? clusterAccess() : Optional.of(requiredCluster());
        if (cluster.isEmpty()) {
            return ReplayLimits.kafkaDefaults(Instant.now());
        }
        Map<String, Object> config = cluster.get().kafkaConfig();
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ASK_TIMEOUT_MS);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ASK_TIMEOUT_MS);
        try (Admin admin = Admin.create(config)) {
            return ReplayLimits.ofTopic(admin, Topics.COMPLETIONS.name(), Instant.now());
        } catch (IllegalStateException e) {
            if (!dryRun) {
                throw new CommandFailure(e.getMessage());
            }
            err().println("replay: " + e.getMessage() + "; checking against Kafka's defaults instead");
            return ReplayLimits.kafkaDefaults(Instant.now());
        }
    }
}
