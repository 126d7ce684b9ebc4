package org.ifl.benchmarks.explanations;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.ifl.benchmarks.StoredAnswers;
import org.ifl.lidstream.CompletionScorer;
import org.ifl.lidstream.LidStage;
import org.ifl.lidstream.LinguaDetector;
import org.ifl.producers.EvaluationTarget;
import org.ifl.producers.FanOut;
import org.ifl.producers.ImageChecker;
import org.ifl.producers.SuiteItem;
import org.ifl.producers.SuiteSpec;
import org.ifl.producers.Suites;
import org.ifl.schemas.avro.Completion;
import org.ifl.schemas.avro.Query;
import org.ifl.schemas.avro.TaskKind;

/**
 * Scoring throughput of explanation completions on one thread: the entity scores alone, and lid-stream's whole
 * per-completion scoring (Lingua, line-level fidelity, entity scores). The completions answer the bundled
 * sample explanation suite's queries with their items' reference texts, so entities are found as in a good
 * answer.
 */
public final class ExplanationsBenchmark {

    /** Completions scored per second and the CPU seconds the scoring thread used, over one measured run. */
    public record Rate(double perSecond, double cpuSeconds) {
    }

    /** The corpus (its size and mean length) and both rates. */
    public record Result(int completions, double meanCharacters, Rate entityScores, Rate wholeScoring) {
    }

    private final double seconds;

    /** @param seconds length of each measured run, after a warm-up of the same length */
    public ExplanationsBenchmark(double seconds) {
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("the run length must be positive, not " + seconds);
        }
        this.seconds = seconds;
    }

    public Result run() throws IOException {
        List<Completion> completions = completions();
        CompletionScorer scorer = LidStage.scorer(new LinguaDetector(LinguaDetector.DEFAULT_LANGUAGES));
        double chars = completions.stream().mapToInt(c -> c.getText().length()).average().orElse(0);
        Rate entities = measure(completions, c -> LidStage.entityScores(c));
        Rate whole = measure(completions, c -> scorer.score(c));
        return new Result(completions.size(), chars, entities, whole);
    }

    /** Answers to every explanation query of the sample explanation suite: each item's reference text. */
    static List<Completion> completions() throws IOException {
        Path work = Files.createTempDirectory("ifl-bench-explanations");
        List<Suites.Read> suites = Suites.readAll(List.of(SuiteSpec.parse("sample-explanations")), work);
        EvaluationTarget target = new EvaluationTarget("bench", "bench-model", "bench", false, Map.of(), null);
        ImageChecker images = new ImageChecker(0);
        List<Completion> out = new ArrayList<>();
        Instant now = Instant.now();
        for (SuiteItem item : suites.get(0).contents().items()) {
            if (!(images.check(item.image()) instanceof ImageChecker.Usable usable)) {
                continue;
            }
            for (Query q : FanOut.queries(item, target, usable.image(), now)) {
                String text = q.getReferences().getReferenceText();
                if (q.getCondition().getTask() != TaskKind.EXPLANATION || text == null) {
                    continue;
                }
                out.add(StoredAnswers.of(q, q.getQueryId(), text, now, now));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException(
                    "the sample explanation suite gave no explanation queries with reference texts");
        }
        return out;
    }

    private Rate measure(List<Completion> completions, Consumer<Completion> score) {
        timed(completions, score); // warm-up
        return timed(completions, score);
    }

    private Rate timed(List<Completion> completions, Consumer<Completion> score) {
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
