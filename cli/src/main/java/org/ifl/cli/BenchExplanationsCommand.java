package org.ifl.cli;

import java.util.Locale;
import org.ifl.benchmarks.explanations.ExplanationsBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code ifl bench explanations}: how fast explanation completions are scored, on one thread. */
@Command(name = "explanations",
        description = {
            "Scoring throughput of explanation completions on one thread: the entity scores alone (EC exact and "
                    + "partial, EF1, ECooc: entity matching in the completion's language) and lid-stream's whole "
                    + "per-completion scoring (language identification with Lingua, line-level fidelity, entity "
                    + "scores).",
            "",
            "The completions answer the bundled sample explanation suite's queries (9 artworks, 4 patterns) with "
                    + "their items' reference texts, so entities are found as in a good answer. See "
                    + "docs/benchmarks.md.",
            ""},
        sortOptions = false)
final class BenchExplanationsCommand extends IflSubcommand {

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "10",
            description = "How long each measured run lasts, after a warm-up of the same length "
                    + "(default: ${DEFAULT-VALUE}).")
    double seconds;

    @Override
    protected int execute() throws Exception {
        if (!(seconds > 0)) {
            throw new ParameterException(spec.commandLine(), "--seconds must be positive");
        }
        out().printf(Locale.ROOT, "ifl bench explanations: one thread, %.0f s per run after as long a warm-up; "
                + "%d cores, Java %s%n", seconds, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        out().flush();
        ExplanationsBenchmark.Result result;
        try {
            result = new ExplanationsBenchmark(seconds).run();
        } catch (IllegalStateException e) {
            throw new CommandFailure(e.getMessage(), e);
        }
        out().printf(Locale.ROOT, "%d explanation completions (%.0f characters each on average)%n%n",
                result.completions(), result.meanCharacters());
        out().printf(Locale.ROOT, "  %-46s %14s %12s%n", "", "COMPLETIONS/S", "CPU S");
        out().printf(Locale.ROOT, "  %-46s %,14.0f %12.1f%n", "entity scores alone (ExplanationScorer)",
                result.entityScores().perSecond(), result.entityScores().cpuSeconds());
        out().printf(Locale.ROOT, "  %-46s %,14.0f %12.1f%n", "lid-stream's scoring (Lingua + lines + entities)",
                result.wholeScoring().perSecond(), result.wholeScoring().cpuSeconds());
        out().flush();
        return ExitCode.OK;
    }
}
