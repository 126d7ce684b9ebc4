package org.ifl.benchmarks.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.stream.Collectors;
import org.ifl.benchmarks.worker.WorkerBenchmarkResult.Kind;
import org.ifl.benchmarks.worker.WorkerBenchmarkResult.Run;

/** A {@link WorkerBenchmarkResult} as text for a person, or as JSON for a program. */
public final class WorkerBenchmarkReport {

    private WorkerBenchmarkReport() {
    }

    public static String json(WorkerBenchmarkResult result) {
        try {
            return new ObjectMapper().findAndRegisterModules().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(result) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(WorkerBenchmarkResult r) {
        WorkerBenchmark.Options o = r.options();
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "ifl bench worker: %,d queries a run (SEEN evaluation items of the "
                + "reference VLM on %s, %d images, inline PNG, at most %d new tokens), max batch %d, max wait %d ms, "
                + "queue capacity %d, %d round(s)%n", r.queries(), o.arms(), r.distinctImages(), o.maxNewTokens(),
                o.maxBatch(), o.maxWaitMs(), o.effectiveQueueCapacity(), o.rounds()));
        s.append(String.format(Locale.ROOT, "machine: %d cores, Java %s; backend %s, PyTorch threads: %s%n",
                r.cores(), r.java(), r.modelRevision(), r.torchThreads()));
        s.append("not timed: ").append(r.notTimedSeconds().entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %.1f s", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "))).append("\n\n");

        s.append(String.format(Locale.ROOT, "  %-30s %14s  %s%n", "COMPLETIONS/S", "MEDIAN", "ROUNDS"));
        for (Kind kind : Kind.values()) {
            if (kind == Kind.REGISTERED && o.checkpoints() == 0) {
                continue;
            }
            String rounds = r.runs().stream().filter(run -> run.kind() == kind)
                    .map(run -> String.format(Locale.ROOT, "%.2f", run.completionsPerSecond()))
                    .collect(Collectors.joining(" "));
            s.append(String.format(Locale.ROOT, "  %-30s %14.2f  %s%n", kind.label(),
                    switch (kind) {
                        case BARE -> r.bareMedian();
                        case WORKER -> r.workerMedian();
                        case REGISTERED -> r.registeredMedian();
                    }, rounds));
        }
        s.append(String.format(Locale.ROOT, "ratio worker / bare: %.3f (target >= %.1f: %s)%n", r.ratio(),
                WorkerBenchmark.TARGET_RATIO, r.targetMet() ? "met" : "not met"));
        if (o.checkpoints() > 0) {
            s.append(String.format(Locale.ROOT, "ratio registered checkpoints / worker: %.3f (%d checkpoint(s), "
                    + "memory budget %s)%n", r.registeredRatio(), o.checkpoints(), o.checkpointMemoryBytes() == 0
                    ? "all fit" : o.checkpointMemoryBytes() + " bytes"));
            s.append(String.format(Locale.ROOT, "checkpoint loads: %d in the warm-up, %d in the timed rounds; a load "
                    + "and its warm-up took %.3f s on average%n", r.checkpointLoads().stream()
                    .filter(l -> l.round() == 0).count(), r.checkpointLoads().stream().filter(l -> l.round() > 0)
                    .count(), r.meanSwitchSeconds()));
        }
        s.append('\n');

        s.append("runs\n");
        for (Run run : r.runs()) {
            s.append(String.format(Locale.ROOT, "  round %d, %-25s %,5d completions in %6.2f s: %6.2f/s", run.round(),
                    run.kind().label() + ":", run.completions(), run.seconds(), run.completionsPerSecond()));
            if (run.kind() != Kind.BARE) {
                s.append(String.format(Locale.ROOT, " (partitions owned after %.2f s)", run.startupSeconds()));
            }
            s.append(String.format(Locale.ROOT, "%n      %d backend calls (%.2f queries a call), %.2f s in the backend "
                    + "(%.0f%% of the run), its thread on a core %.2f s; CPU %.1f s (%.2f cores busy); "
                    + "load average %.2f", run.backendCalls(), run.meanBatchSize(), run.backendSeconds(),
                    100 * run.backendSeconds() / run.seconds(), run.inferenceThreadCpuSeconds(), run.cpuSeconds(),
                    run.coresBusy(), run.loadAverage()));
            if (run.failures() > 0) {
                s.append(String.format(Locale.ROOT, "; %d failed answers", run.failures()));
            }
            s.append('\n');
        }
        return s.toString();
    }
}
