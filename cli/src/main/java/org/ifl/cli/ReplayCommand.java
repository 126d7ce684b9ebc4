package org.ifl.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ifl.producers.CompletionReplayer;
import org.ifl.producers.Progress;
import org.ifl.producers.RecordSender;
import org.ifl.producers.ReplayContents;
import org.ifl.producers.ReplayDefaults;
import org.ifl.producers.ReplayFormats;
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
                    + "multiq (MultiQ model completions). The file is read and checked whole before anything is "
                    + "sent.",
            ""},
        sortOptions = false)
final class ReplayCommand extends ProducerCommand {

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
        ReplayContents contents = reader.read(file, defaults);
        try (RecordSender<Completion> sender = sender(Topics.COMPLETIONS)) {
            Progress progress = Progress.onStderr("replaying", "completions", contents.completions().size());
            CompletionReplayer.Report report = new CompletionReplayer(sender, rate, System::nanoTime)
                    .replay(file.toString(), contents, progress);
            out().print(report.describe());
            out().flush();
            return report.complete() ? ExitCode.OK : ExitCode.SOFTWARE;
        }
    }
}
