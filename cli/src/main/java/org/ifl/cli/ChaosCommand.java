package org.ifl.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.ifl.benchmarks.chaos.ChaosReport;
import org.ifl.benchmarks.chaos.ChaosResult;
import org.ifl.benchmarks.chaos.ChaosRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Option;

/** {@code ifl chaos}: the same figures with the platform and the stages killed -9 and restarted along the way. */
@Command(name = "chaos",
        description = {
            "Checks that killing the processes changes no figure: kill -9 of the platform and the stages, restart, "
                    + "compare.",
            "",
            "Writes a stored run of --completions completions drawn from --seed, then processes it twice with "
                    + "`ifl up`, `ifl lid` and `ifl stats` as child processes (this JVM's java and class path), each "
                    + "with its own data directory under --run-dir, fed by `ifl replay`. The clean pass kills "
                    + "nothing; the chaos pass kills -9 each of up, lid and stats --kills times at moments drawn "
                    + "from --seed and spread over the run, and restarts it on the same data directory. Once both "
                    + "stages have processed everything, every figure of the stats API's /cells (cumulative and "
                    + "each hopping window) is compared. Exits 1 on any difference, dead letter, completion not "
                    + "counted, or process that ended without being killed. See docs/reliability.md.",
            "",
            "Progress goes to stderr, the report to stdout.",
            ""},
        sortOptions = false)
final class ChaosCommand extends IflSubcommand {

    @Option(names = "--completions", paramLabel = "N", defaultValue = "" + ChaosRun.DEFAULT_COMPLETIONS,
            description = "Completions in the stored run (default: ${DEFAULT-VALUE}).")
    int completions;

    @Option(names = "--kills", paramLabel = "K", defaultValue = "" + ChaosRun.DEFAULT_KILLS,
            description = "Kills of each of up, lid and stats in the chaos pass (default: ${DEFAULT-VALUE}).")
    int kills;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "" + ChaosRun.DEFAULT_SEED,
            description = "Seed of the stored run and of the kill moments (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--run-dir", paramLabel = "DIR",
            description = "Where the input, data directories and logs go; new or empty (default: "
                    + ".ifl/chaos/<UTC time>).")
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
            description = "Give up when the stages have not processed everything this long after the last kill "
                    + "(default: ${DEFAULT-VALUE}).")
    long settleTimeoutSeconds;

    @Override
    protected int execute() throws Exception {
        Path dir = runDir != null ? runDir : Path.of(".ifl", "chaos", LocalDateTime.now(ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        ChaosRun.Options options = fromOptions(() -> ChaosRun.Options.of(completions, kills, seed, dir, firstPort,
                Duration.ofSeconds(readyTimeoutSeconds), Duration.ofSeconds(settleTimeoutSeconds),
                IflCommand.class.getName()));
        ChaosResult result = runOrFail(new ChaosRun(options, progress())::run);
        out().print(ChaosReport.text(result));
        out().flush();
        return result.passed() ? ExitCode.OK : ExitCode.SOFTWARE;
    }
}
