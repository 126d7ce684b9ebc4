package org.ifl.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ifl.lidstream.detect.LinguaDetector;
import org.ifl.lidstream.label.LanguageNormaliser;
import org.ifl.lidstream.score.CompletionScorer;
import org.ifl.lidstream.score.EntityVocabulary;
import org.ifl.lidstream.score.ExplanationScorer;
import org.ifl.producers.fanout.EvaluationTarget;
import org.ifl.producers.fanout.FanOut;
import org.ifl.producers.image.ImageChecker;
import org.ifl.producers.suite.SuiteItem;
import org.ifl.producers.suite.SuiteSpec;
import org.ifl.producers.suite.Suites;
import org.ifl.schemas.avro.Completion;
import org.ifl.schemas.avro.Query;
import org.ifl.schemas.avro.TaskKind;
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
        List<Completion> completions = completions();
        CompletionScorer scorer = new CompletionScorer(new LinguaDetector(LinguaDetector.DEFAULT_LANGUAGES),
                LanguageNormaliser.withDefaultLatinLanguages(), Clock.systemUTC());
        double chars = completions.stream().mapToInt(c -> c.getText().length()).average().orElse(0);
        out().printf(Locale.ROOT, "ifl bench explanations: %d explanation completions (%.0f characters each on "
                + "average), one thread, %.0f s per run after as long a warm-up; %d cores, Java %s%n%n",
                completions.size(), chars, seconds, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        out().printf(Locale.ROOT, "  %-46s %14s %12s%n", "", "COMPLETIONS/S", "CPU S");
        Rate entities = measure(completions, c -> ExplanationScorer.score(c, EntityVocabulary.NONE));
        out().printf(Locale.ROOT, "  %-46s %,14.0f %12.1f%n", "entity scores alone (ExplanationScorer)",
                entities.perSecond(), entities.cpuSeconds());
        Rate whole = measure(completions, c -> scorer.score(c, EntityVocabulary.NONE));
        out().printf(Locale.ROOT, "  %-46s %,14.0f %12.1f%n", "lid-stream's scoring (Lingua + lines + entities)",
                whole.perSecond(), whole.cpuSeconds());
        out().flush();
        return ExitCode.OK;
    }

    /** Answers to every explanation query of the sample explanation suite: each item's reference text. */
    private static List<Completion> completions() throws java.io.IOException {
        Path work = Files.createTempDirectory("ifl-bench-explanations");
        List<Suites.Read> suites = Suites.readAll(List.of(SuiteSpec.parse("sample-explanations")), work);
        EvaluationTarget target = new EvaluationTarget("bench", "bench-model", "bench", false, java.util.Map.of(),
                null);
        ImageChecker images = new ImageChecker(0);
        List<Completion> out = new ArrayList<>();
        Instant now = Instant.now();
        for (SuiteItem item : suites.get(0).contents().items()) {
            ImageChecker.Result checked = images.check(item.image());
            if (!(checked instanceof ImageChecker.Usable usable)) {
                continue;
            }
            for (Query q : FanOut.queries(item, target, usable.image(), now)) {
                String text = q.getReferences().getReferenceText();
                if (q.getCondition().getTask() != TaskKind.EXPLANATION || text == null) {
                    continue;
                }
                out.add(Completion.newBuilder().setCompletionId(q.getQueryId()).setQueryId(q.getQueryId())
                        .setPair(q.getPair()).setCondition(q.getCondition()).setPrompt(q.getPrompt())
                        .setReferences(q.getReferences()).setText(text).setError(null).setPromptTokens(0)
                        .setCompletionTokens(0).setLatencyMs(0).setBackend("bench").setModelRevision(null)
                        .setSteering(null).setReplayed(true).setQueriedAt(now).setCompletedAt(now).build());
            }
        }
        if (out.isEmpty()) {
            throw new CommandFailure("the sample explanation suite gave no explanation queries with reference texts");
        }
        return out;
    }

    private record Rate(double perSecond, double cpuSeconds) {
    }

    private Rate measure(List<Completion> completions, java.util.function.Consumer<Completion> score) {
        run(completions, score, seconds); // warm-up
        return run(completions, score, seconds);
    }

    private static Rate run(List<Completion> completions, java.util.function.Consumer<Completion> score,
            double seconds) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        long scored = 0;
        while (System.nanoTime() < deadline) {
            for (Completion c : completions) {
                score.accept(c);
            }
            scored += completions.size();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Rate(scored / elapsed, (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9);
    }
}
