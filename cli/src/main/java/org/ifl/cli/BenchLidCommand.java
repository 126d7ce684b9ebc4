package org.ifl.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.ifl.benchmarks.lid.LabeledTextCorpus;
import org.ifl.benchmarks.lid.LidBenchmark;
import org.ifl.benchmarks.lid.LidBenchmarkReport;
import org.ifl.benchmarks.lid.LidBenchmarkResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code ifl bench lid}: the bare language detector against the lid-stream topology, on real translated text. */
@Command(name = "lid",
        description = {
            "Throughput of the bare language detector and of the lid-stream topology, and accuracy per language.",
            "",
            "Texts: translated strings of the gettext message catalogs Debian packages install under --locale-dir "
                    + "(English: their msgids), cleaned and drawn at random with --seed. The same texts go (a) "
                    + "through the bare detector in a loop, on 1 and on --threads threads, and (b) as completions "
                    + "through the topology on a fresh embedded broker (exactly-once v2), timed until a "
                    + "read_committed consumer has read every labeled completion; --rounds times, interleaved. "
                    + "Prints both throughputs, their ratio, heap use and the accuracy of the normalised label per "
                    + "language. See docs/benchmarks.md.",
            "",
            "Progress goes to stderr, the report to stdout. Heap: give the JVM room, e.g. IFL_JAVA_OPTS=-Xmx2g.",
            ""},
        sortOptions = false)
final class BenchLidCommand extends IflSubcommand {
    enum Format { text, json }

    @Option(names = "--per-language", paramLabel = "N", defaultValue = "" + LabeledTextCorpus.DEFAULT_PER_LANGUAGE,
            description = "Texts per language at most (default: ${DEFAULT-VALUE}).")
    int perLanguage;

    @Option(names = "--repeat", paramLabel = "K",
            description = "Detect every text K times in each run (default: the least K that makes at least "
                    + LidBenchmark.MIN_DETECTIONS + " detections).")
    Integer repeat;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "" + LidBenchmark.DEFAULT_ROUNDS,
            description = "Measure each run R times, interleaved, and report the median (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warmup", paramLabel = "SECONDS",
            defaultValue = "" + LidBenchmark.DEFAULT_WARMUP_SECONDS,
            description = "Run the detector over the texts this long before timing anything; Lingua's code takes "
                    + "about 20 s to settle in the JIT on 2 cores (default: ${DEFAULT-VALUE}).")
    int warmupSeconds;

    @Option(names = "--threads", paramLabel = "T",
            description = "Stream threads of the topology, and threads of the second bare run (default: the "
                    + "cores the JVM sees).")
    Integer threads;

    @Option(names = "--commit-interval-ms", paramLabel = "MS",
            defaultValue = "" + LidBenchmark.DEFAULT_COMMIT_INTERVAL_MS,
            description = "Streams commit.interval.ms: how often a transaction commits (default: ${DEFAULT-VALUE}).")
    long commitIntervalMs;

    @Option(names = "--cells-per-language", paramLabel = "C", defaultValue = "1",
            description = "Spread each language's completions over C cells (record keys). 1 keys them by language "
                    + "alone, as one model, checkpoint and dataset would: 17 keys over 6 partitions, unevenly "
                    + "(default: ${DEFAULT-VALUE}).")
    int cellsPerLanguage;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "" + LidBenchmark.DEFAULT_SEED,
            description = "Seed of the random draw of texts (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--locale-dir", paramLabel = "DIR", defaultValue = "/usr/share/locale",
            description = "Where the <locale>/LC_MESSAGES/*.mo catalogs are (default: ${DEFAULT-VALUE}).")
    Path localeDir;

    @Option(names = "--stall-timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "Give up when the topology labels nothing for this long (default: ${DEFAULT-VALUE}).")
    int stallTimeoutSeconds;

    @Option(names = "--answer-chars", paramLabel = "CHARS", defaultValue = "0",
            description = "Time texts of a model answer's length: each language's strings joined, one per line, "
                    + "into texts of at least CHARS characters (default: ${DEFAULT-VALUE}, the strings as they are). "
                    + "The accuracy table stays on the single strings.")
    int answerChars;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Override
    protected int execute() throws Exception {
        require(perLanguage >= 1, "--per-language must be at least 1, not " + perLanguage);
        require(repeat == null || repeat >= 1, "--repeat must be at least 1, not " + repeat);
        require(warmupSeconds >= 0, "--warmup cannot be negative: " + warmupSeconds);
        require(answerChars >= 0, "--answer-chars cannot be negative: " + answerChars);
        require(rounds >= 1, "--rounds must be at least 1, not " + rounds);
        require(threads == null || threads >= 1, "--threads must be at least 1, not " + threads);
        require(cellsPerLanguage >= 1, "--cells-per-language must be at least 1, not " + cellsPerLanguage);
        require(commitIntervalMs >= 0, "--commit-interval-ms cannot be negative: " + commitIntervalMs);
        require(stallTimeoutSeconds >= 1, "--stall-timeout must be at least 1 second, not " + stallTimeoutSeconds);
        LidBenchmark.Options options = new LidBenchmark.Options(localeDir, perLanguage, repeat == null ? 0 : repeat,
                rounds, Duration.ofSeconds(warmupSeconds),
                threads == null ? Runtime.getRuntime().availableProcessors() : threads, seed, commitIntervalMs,
                cellsPerLanguage, Duration.ofSeconds(stallTimeoutSeconds), answerChars);
        if (!Files.isDirectory(localeDir)) {
            throw new CommandFailure("--locale-dir " + localeDir + " is not a directory");
        }

        LidBenchmarkResult result = runOrFail(new LidBenchmark(options, progress())::run);
        out().print(format == Format.json ? LidBenchmarkReport.json(result) : LidBenchmarkReport.text(result));
        out().flush();
        return ExitCode.OK;
    }

    private void require(boolean condition, String message) {
        if (!condition) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }
}
