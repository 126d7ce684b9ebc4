package org.ifl.cli;

import org.ifl.benchmarks.dashboard.DashboardBenchmark;
import org.ifl.benchmarks.dashboard.DashboardBenchmarkReport;
import org.ifl.benchmarks.dashboard.DashboardBenchmarkResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Option;

/** {@code ifl bench dashboard}: what open dashboard pages (their /events streams) cost the stats service. */
@Command(name = "dashboard",
        description = {
            "What open dashboard pages cost the stats service: its stream threads' CPU per record and its"
                    + " records/s with --pages event streams open on /events, beside none, in one run.",
            "",
            "Starts a fresh embedded broker and registry on a temporary directory and one stats-stream service in"
                    + " this process, then runs rounds of two kinds, alternating which goes first: A, no page"
                    + " open; B, --pages GET /events streams open (each greeted before the round and closed after"
                    + " it). Each round feeds --records new labeled completions of 280 simulated cells and lasts"
                    + " until the service committed them and the work they caused is over. Prints records/s and"
                    + " CPU per record of the stream threads, the events feed, the HTTP server, the page readers"
                    + " and the feeder (by thread name), the ratios B / A with their range over the pairs of"
                    + " rounds, and the events each page received. See docs/benchmarks.md.",
            "",
            "Progress goes to stderr, the report to stdout.",
            ""},
        sortOptions = false)
final class BenchDashboardCommand extends IflSubcommand {

    @Option(names = "--records", paramLabel = "N", defaultValue = "" + DashboardBenchmark.DEFAULT_RECORDS,
            description = "Labeled completions fed per round (default: ${DEFAULT-VALUE}).")
    long records;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "" + DashboardBenchmark.DEFAULT_ROUNDS,
            description = "Measured rounds of each kind, interleaved; medians are reported "
                    + "(default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--pages", paramLabel = "P", defaultValue = "" + DashboardBenchmark.DEFAULT_PAGES,
            description = "Event streams open in a B round, one per page (default: ${DEFAULT-VALUE}).")
    int pages;

    @Option(names = "--warmup-rounds", paramLabel = "W", defaultValue = "" + DashboardBenchmark.DEFAULT_WARMUP_ROUNDS,
            description = "Rounds of each kind run first and left out of the figures (default: ${DEFAULT-VALUE}).")
    int warmupRounds;

    @Option(names = "--threads", paramLabel = "T",
            description = "The service's stream threads (default: its setting's default, 1).")
    Integer threads;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "" + DashboardBenchmark.DEFAULT_SEED,
            description = "Seed of the simulated cells and fidelities (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--stall-timeout", paramLabel = "SECONDS",
            defaultValue = "" + DashboardBenchmark.DEFAULT_STALL_TIMEOUT_SECONDS,
            description = "Give up when the service commits nothing for this long (default: ${DEFAULT-VALUE}).")
    long stallTimeoutSeconds;

    @Option(names = "--refetch",
            description = "The pages also fetch their data again after stats events, as the dashboard's pages do "
                    + "(300 ms after the last event of a run; /overview and /checkpoints, or a checkpoint's /cells, "
                    + "/series and /summary).")
    boolean refetch;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE}).")
    BenchLidCommand.Format format;

    @Override
    protected int execute() throws Exception {
        DashboardBenchmark.Options options = fromOptions(() -> new DashboardBenchmark.Options(records, rounds, pages,
                warmupRounds, threads, seed, stallTimeoutSeconds, refetch));
        DashboardBenchmarkResult result = runOrFail(new DashboardBenchmark(options, progress())::run);
        out().print(format == BenchLidCommand.Format.json ? DashboardBenchmarkReport.json(result)
                : DashboardBenchmarkReport.text(result));
        out().flush();
        return ExitCode.OK;
    }
}
