package org.ifl.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.ifl.benchmarks.chaos.ChaosRun;
import picocli.CommandLine.Option;

/**
 * The options of the commands that run the pipeline as child processes ({@code ifl chaos}, {@code ifl bench
 * pipeline}): where everything goes, the ports, and how long to wait.
 */
final class ProcessRunOptions {

    @Option(names = "--run-dir", paramLabel = "DIR",
            description = "Where the input, data directories and logs go; new or empty (default: "
                    + ".ifl/<command>/<UTC time>).")
    Path runDir;

    @Option(names = "--first-port", paramLabel = "PORT", defaultValue = "0",
            description = "First of five consecutive ports on 127.0.0.1 (broker, controller, registry, lid's and "
                    + "stats' HTTP); 0 picks free ones at the start (default: ${DEFAULT-VALUE}).")
    int firstPort;

    @Option(names = "--ready-timeout", paramLabel = "SECONDS",
            defaultValue = "" + ChaosRun.DEFAULT_READY_TIMEOUT_SECONDS,
            description = "Give up when a started process is not serving after this long (default: "
                    + "${DEFAULT-VALUE}).")
    long readyTimeoutSeconds;

    @Option(names = "--settle-timeout", paramLabel = "SECONDS",
            defaultValue = "" + ChaosRun.DEFAULT_SETTLE_TIMEOUT_SECONDS,
            description = "Give up when the stages have not processed everything this long after the replay (and "
                    + "the last kill) (default: ${DEFAULT-VALUE}).")
    long settleTimeoutSeconds;

    /** --run-dir, or {@code .ifl/<name>/<UTC time>}. */
    Path runDirectory(String name) {
        return runDir != null ? runDir : Path.of(".ifl", name, LocalDateTime.now(ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }

    /** The run's options, the child processes started from this JVM's java and class path. */
    ChaosRun.Options run(String name, int completions, int kills, long seed) {
        return ChaosRun.Options.of(completions, kills, seed, runDirectory(name), firstPort,
                Duration.ofSeconds(readyTimeoutSeconds), Duration.ofSeconds(settleTimeoutSeconds),
                IflCommand.class.getName());
    }
}
