package org.ifl.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.ifl.benchmarks.producers.ProducersBenchmark;
import org.ifl.platform.Directories;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ifl bench replay-file FILE}: a large stored run, to measure {@code ifl replay} on (docs/replay.md). */
@Command(name = "replay-file",
        description = {
            "Writes FILE, a stored run in the replay JSONL format of at least --mb megabytes: answers to the "
                    + "bundled sample suite's queries, in turn, each round under new completion ids. Replay it "
                    + "with `ifl replay FILE` (--dry-run without a platform) to measure a large replay.",
            ""},
        sortOptions = false)
final class BenchReplayFileCommand extends IflSubcommand {

    @Parameters(index = "0", paramLabel = "FILE", description = "The file to write (replaced if it exists).")
    Path file;

    @Option(names = "--mb", paramLabel = "MB", defaultValue = "100",
            description = "Size in megabytes (10^6 bytes; default: ${DEFAULT-VALUE}).")
    long megabytes;

    @Override
    protected int execute() throws Exception {
        if (megabytes < 1) {
            throw new CommandFailure("--mb must be at least 1, not " + megabytes);
        }
        Path work = Files.createTempDirectory("ifl-replay-file");
        try {
            long written = ProducersBenchmark.writeRun(file, megabytes * 1_000_000L, work);
            out().printf(Locale.ROOT, "%s: %,d completions, %,d bytes%n", file, written, Files.size(file));
        } finally {
            Directories.deleteTree(work);
        }
        out().flush();
        return ExitCode.OK;
    }
}
