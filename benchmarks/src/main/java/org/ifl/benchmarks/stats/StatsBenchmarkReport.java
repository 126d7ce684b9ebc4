package org.ifl.benchmarks.stats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.ifl.benchmarks.stats.StatsBenchmarkResult.Figures;
import org.ifl.benchmarks.stats.StatsBenchmarkResult.Input;
import org.ifl.benchmarks.stats.StatsBenchmarkResult.Run;

/** A {@link StatsBenchmarkResult} as text for a person, or as JSON for a program. */
public final class StatsBenchmarkReport {
    /** The target: labeled completions per second per core through the stats topology. */
    public static final double TARGET_PER_CORE = 100_000;

    private StatsBenchmarkReport() {
    }

    public static String json(StatsBenchmarkResult result) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(StatsBenchmarkResult r) {
        StringBuilder out = new StringBuilder();
        StatsBenchmark.Options o = r.options();
        out.append("ifl bench stats, ").append(r.startedAt()).append('\n');
        out.append(f("machine: %d cores, %s, Java %s%n", r.cores(), r.os(), r.java()));

        Input in = r.input();
        out.append(f("%ninput: %,d labeled completions on eval.labeled (%d partitions: %s), seed %d: %,d items in %d"
                + " cells (%d models x %d checkpoints x %d datasets x %d languages), every arm of an item answered,"
                + " %,d repeats, %,d expert annotations on eval.annotations; %.0f bytes a labeled completion%n",
                in.records(), in.recordsPerPartition().size(), in.recordsPerPartition(), o.seed(), in.items(),
                in.cells(), SimulatedLabeledCompletions.MODELS.size(), SimulatedLabeledCompletions.CHECKPOINTS.size(),
                SimulatedLabeledCompletions.DATASETS.size(), SimulatedLabeledCompletions.LANGUAGES.size(),
                in.repeats(), in.annotations(), in.meanValueBytes()));
        out.append(f("  not timed: platform start %.1f s, producing (serializing each record once) %.1f s%n",
                in.platformStartSeconds(), in.produceSeconds()));
        out.append(f("both: exactly-once v2, %d stream thread(s), commit interval %d ms, RocksDB stores; stats: hopping"
                + " windows %d min advancing by %d min, changed cells emitted every %,d ms%n", o.threads(),
                o.commitIntervalMs(), o.topology().windowSize().toMinutes(), o.topology().windowAdvance().toMinutes(),
                o.emitIntervalMs()));
        out.append(f("each run: a new application, timed from KafkaStreams.start() until its committed offsets equal"
                + " the end offsets of its input and then of its repartition topic (the stats topology's cell updates"
                + " on their way to the checkpoint processor); %d round(s), interleaved, median shown%n", o.rounds()));

        out.append(f("%n  %-26s  %9s  %9s  %10s  %5s  %s%n", "RECORDS/S", "MEDIAN", "PER CORE", "PER CPU-S", "CORES",
                "ROUNDS"));
        row(out, r.stats());
        row(out, r.bare());
        out.append(f("ratio stats / bare: %.2f%n", r.ratio()));
        double perCore = r.stats().perCore();
        out.append(f("target >= %,.0f labeled completions/s per core: %s (%,.0f per core, %,.0f per CPU-second)%n",
                TARGET_PER_CORE, perCore >= TARGET_PER_CORE ? "met" : "not met", perCore,
                r.stats().recordsPerCpuSecond()));
        out.append(f("PER CORE divides by the %d cores the process had; PER CPU-S divides by the CPU seconds the"
                + " process used, and the broker, the registry and the clients run in this process too, so both"
                + " count the broker's work against the topology.%n", r.cores()));

        out.append(f("%nruns%n"));
        for (Run run : r.runs()) {
            out.append(f("  round %d, %-26s %6.1f s (first commit after %.1f s, input committed after %.1f s),"
                    + " %,d records, %,.0f/s (%,.0f/s after the first commit); %,d records processed in all (input"
                    + " and repartitioned); CPU %.1f s, %.2f cores busy, %,.0f records per CPU-second; dead letters"
                    + " %d%n", run.round(), run.topology() + ":", run.seconds(), run.firstCommitSeconds(),
                    run.inputSeconds(), run.records(),
                    run.recordsPerSecond(), run.steadyRecordsPerSecond(), run.processedRecords(), run.cpuSeconds(),
                    run.coresBusy(), run.recordsPerCpuSecond(), run.deadLetters()));
        }
        return out.toString();
    }

    private static void row(StringBuilder out, Figures figures) {
        out.append(f("  %-26s  %,9.0f  %,9.0f  %,10.0f  %5.2f  %s%n", figures.topology(), figures.recordsPerSecond(),
                figures.perCore(), figures.recordsPerCpuSecond(), figures.coresBusy(), join(figures.rounds())));
    }

    private static String join(List<Double> values) {
        return String.join(" ", values.stream().map(v -> f("%,.0f", v)).toList());
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
