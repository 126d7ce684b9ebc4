package org.ifl.cli;

import org.ifl.benchmarks.chaos.ChaosReport;
import org.ifl.benchmarks.chaos.ChaosResult;
import org.ifl.benchmarks.chaos.ChaosRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
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

    @Mixin
    ProcessRunOptions run;

    @Override
    protected int execute() throws Exception {
        ChaosRun.Options options = fromOptions(() -> run.run("chaos", completions, kills, seed));
        ChaosResult result = runOrFail(new ChaosRun(options, progress())::run);
        out().print(ChaosReport.text(result));
        out().flush();
        return result.passed() ? ExitCode.OK : ExitCode.SOFTWARE;
    }
}
