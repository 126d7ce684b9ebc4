package org.ifl.benchmarks.lid;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.ifl.benchmarks.lid.LidBenchmarkResult.Accuracy;
import org.ifl.benchmarks.lid.LidBenchmarkResult.Heap;
import org.ifl.benchmarks.lid.LidBenchmarkResult.LanguageAccuracy;
import org.ifl.benchmarks.lid.LidBenchmarkResult.Measured;
import org.ifl.benchmarks.lid.LidBenchmarkResult.ThreadLoad;
import org.ifl.benchmarks.lid.LidBenchmarkResult.TopologyFigures;
import org.ifl.benchmarks.lid.LidBenchmarkResult.TopologyRound;

/** A {@link LidBenchmarkResult} as text for a person, or as JSON for a program. */
public final class LidBenchmarkReport {
    /** The target for topology throughput over bare detector throughput. */
    public static final double TARGET_RATIO = 0.9;

    private LidBenchmarkReport() {
    }

    public static String json(LidBenchmarkResult result) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(LidBenchmarkResult r) {
        StringBuilder out = new StringBuilder();
        LidBenchmarkResult.Machine m = r.machine();
        out.append("ifl bench lid, ").append(r.startedAt()).append('\n');
        out.append(f("machine: %d cores, %s, Java %s; ForkJoin common pool parallelism %d (Lingua runs each"
                + " detection's n-gram lengths as tasks there)%n", m.cores(), m.os(), m.java(),
                m.forkJoinCommonPoolParallelism()));

        LidBenchmarkResult.Corpus c = r.corpus();
        out.append(f("%ncorpus: %,d texts from the gettext catalogs under %s, at most %d per language, seed %d,"
                + " %.0f characters on average%s%n", c.texts(), c.localeDir(), c.perLanguage(), c.seed(), c.meanChars(),
                c.texts() < c.sources().stream().mapToInt(LabeledTextCorpus.Source::drawn).sum()
                        ? " (the timed texts: the drawn strings joined into answer-length, multi-line texts)" : ""));
        out.append(f("  %-4s  %-6s  %8s  %10s  %5s  %s%n", "LANG", "LOCALE", "CATALOGS", "CANDIDATES", "TEXTS",
                "SOURCE"));
        for (LabeledTextCorpus.Source s : c.sources()) {
            out.append(f("  %-4s  %-6s  %8d  %10d  %5d  %s%n", s.language(),
                    s.localeDir() == null ? "-" : s.language().equals(LabeledTextCorpus.ENGLISH) ? "(all)"
                            : s.localeDir(), s.catalogs(), s.candidates(), s.drawn(), s.note()));
        }
        for (LabeledTextCorpus.Source s : c.sources()) {
            if (s.drawn() < LidBenchmark.MIN_TEXTS_FOR_MACRO) {
                out.append(f("  ! %s: %d texts, too few to judge its accuracy (%s)%n", s.language(), s.drawn(),
                        s.note()));
            }
        }

        LidBenchmarkResult.Detector d = r.detector();
        out.append(f("%ndetector: %s, %d languages, models loaded in %.1f s%n", d.name(), d.languages().size(),
                d.loadSeconds()));
        out.append(f("warm-up %.0f s; each run detects every text %d time(s), %,d detections; %d rounds, interleaved,"
                + " median shown%n", r.warmupSeconds(), r.repeat(), r.bareSingleThread().texts(), r.rounds()));

        TopologyFigures t = r.topology();
        out.append(f("%n  %-38s  %7s  %-22s  %-16s%n", "THROUGHPUT (texts/s)", "MEDIAN", "ROUNDS", "CORES BUSY"));
        measuredRow(out, "bare detector, 1 thread", r.bareSingleThread());
        measuredRow(out, "bare detector, " + r.bareThreads().threads() + " threads", r.bareThreads());
        measuredRow(out, "scorer without Kafka, " + r.scorer().threads() + " threads", r.scorer());
        out.append(f("  %-38s  %,7.0f  %-22s  %-16s%n", "topology end to end, " + t.threads() + " stream thread"
                + (t.threads() == 1 ? "" : "s"), t.median(),
                join(t.rounds().stream().map(TopologyRound::textsPerSecond).toList(), "%,.0f"),
                join(t.rounds().stream().map(TopologyRound::coresBusy).toList(), "%.2f")));
        out.append(f("ratio topology / best bare detector: %.2f (target >= %.1f: %s); topology / 1-thread bare: %.2f%n",
                r.ratio(), TARGET_RATIO, r.ratio() >= TARGET_RATIO ? "met" : "not met", r.ratioToSingleThread()));
        out.append(f("ratio topology / scorer without Kafka (the same work per completion, less Kafka): %.2f%n",
                r.ratioToScorer()));

        out.append(f("%ntopology: exactly-once v2, commit interval %d ms; completions keyed by cell, %d cell(s) per"
                + " language: %d keys over %d input partitions, completions per partition %s%n",
                t.commitIntervalMs(), t.cellsPerLanguage(), t.keys(), t.recordsPerPartition().size(),
                t.recordsPerPartition()));
        out.append(f("  not timed: platform start %.1f s, producing the completions %.1f s%n",
                t.platformStartSeconds(), t.produceSeconds()));
        int n = 0;
        for (TopologyRound round : t.rounds()) {
            out.append(f("  round %d: %.2f s in all, %.2f s of it to the first labeled completion (start-up), %,.0f"
                    + " texts/s after it; stream threads scoring %.2f s (%.0f µs a completion); labels equal to the"
                    + " bare detector's: %,d of %,d%n", ++n, round.totalSeconds(), round.firstOutputSeconds(),
                    round.steadyTextsPerSecond(), round.scoringSeconds(),
                    1e6 * round.scoringSeconds() / t.completions(), round.labelsAsBare(), t.completions()));
            double cpu = round.cpuSecondsByThreads().values().stream().mapToDouble(Double::doubleValue).sum();
            out.append(f("    CPU %.2f s (%.2f cores busy):", cpu, round.coresBusy()));
            round.cpuSecondsByThreads().forEach((group, seconds) -> out.append(f(" %s %.2f s;", group, seconds)));
            out.setLength(out.length() - 1);
            out.append('\n');
            double work = round.threadLoads().stream().mapToDouble(ThreadLoad::detectorSeconds).sum();
            for (ThreadLoad load : round.threadLoads()) {
                out.append(f("    %s: partitions %s, %,d completions, %.0f%% of the detector work (%.2f s of"
                        + " 1-thread bare detection)%n", load.thread(), load.partitions(), load.records(),
                        work > 0 ? 100 * load.detectorSeconds() / work : Double.NaN, load.detectorSeconds()));
            }
        }

        out.append(f("%nheap (used after a full GC / max): %s with the detector and corpus loaded; %s with the"
                + " embedded platform and streams running too%n", heap(r.heapWithDetector()),
                heap(r.heapWithPlatform())));

        Accuracy a = r.accuracy();
        out.append(f("%naccuracy of the normalised label against the catalog's language (warm-up pass)%n"));
        out.append(f("  %-4s  %5s  %7s  %8s  %s%n", "LANG", "TEXTS", "CORRECT", "ACCURACY",
                "MOST FREQUENT WRONG LABEL"));
        for (LanguageAccuracy row : a.languages()) {
            out.append(f("  %-4s  %5d  %7d  %8s  %s%n", row.language(), row.texts(), row.correct(),
                    row.texts() == 0 ? "-" : f("%.1f%%", 100 * row.accuracy()),
                    row.topWrong() == null ? "-" : row.topWrong() + " (" + row.topWrongCount() + ")"));
        }
        long withTexts = a.languages().stream().filter(l -> l.texts() > 0).count();
        long wellSampled = a.languages().stream().filter(l -> l.texts() >= a.minTexts()).count();
        out.append(f("  macro-average %.1f%% over the %d languages with texts; %.1f%% over the %d with at least %d;"
                + " micro %.1f%%%n", 100 * a.macro(), withTexts, 100 * a.macroWellSampled(), wellSampled,
                a.minTexts(), 100 * a.micro()));
        List<String> missing = a.languages().stream().filter(l -> l.texts() == 0).map(LanguageAccuracy::language)
                .toList();
        if (!missing.isEmpty()) {
            out.append("  no texts for: ").append(String.join(", ", missing)).append('\n');
        }
        return out.toString();
    }

    private static void measuredRow(StringBuilder out, String name, Measured m) {
        out.append(f("  %-38s  %,7.0f  %-22s  %-16s%n", name, m.median(), join(m.textsPerSecond(), "%,.0f"),
                join(m.coresBusy(), "%.2f")));
    }

    private static String join(List<Double> values, String format) {
        return String.join(" ", values.stream().map(v -> f(format, v)).toList());
    }

    private static String heap(Heap heap) {
        return f("%,d MiB / %,d MiB", heap.usedBytes() >> 20, heap.maxBytes() >> 20);
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
