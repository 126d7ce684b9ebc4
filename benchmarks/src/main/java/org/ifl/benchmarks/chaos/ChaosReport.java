package org.ifl.benchmarks.chaos;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ifl.benchmarks.chaos.ChaosResult.Pass;

/** A {@link ChaosResult} as text for a person: one table of both passes, the differences, the verdict. */
public final class ChaosReport {
    /** Differences listed one per line; the rest are counted. */
    static final int DIFFERENCES_SHOWN = 20;

    private ChaosReport() {
    }

    public static String text(ChaosResult r) {
        StringBuilder out = new StringBuilder();
        ChaosRun.Options o = r.options();
        ChaosInput.Summary in = r.input();
        out.append(f("ifl chaos: %,d completions (%,d items in %d cells, times %s to %s), seed %d, %d kill(s) of "
                + "each of up, lid, stats%n", in.completions(), in.items(), in.cells(), in.first(), in.last(),
                o.seed(), o.killsPerTarget()));
        out.append(f("run directory %s (input, data directories and logs)%n", o.runDirectory().toAbsolutePath()));
        out.append(f("machine: %d cores, %s %s, Java %s%n%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.version"), Runtime.version()));

        Pass a = r.clean();
        Pass b = r.chaos();
        out.append(f("  %-34s  %14s  %14s%n", "", "CLEAN", "CHAOS"));
        row(out, "kills (up / lid / stats)", perTarget(a.schedule().perTarget()), perTarget(b.schedule().perTarget()));
        row(out, "restarts (up / lid / stats)", perTarget(a.restarts()), perTarget(b.restarts()));
        row(out, "ended without a kill", perTarget(a.unexpectedExits()), perTarget(b.unexpectedExits()));
        row(out, "replays", Integer.toString(a.replays()), Integer.toString(b.replays()));
        row(out, "replay start to all processed", f("%.1f s", a.processing().toMillis() / 1e3),
                f("%.1f s", b.processing().toMillis() / 1e3));
        row(out, "completions counted", f("%,d", a.counted()), f("%,d", b.counted()));
        row(out, "dead letters", f("%,d", a.deadLetters().total()), f("%,d", b.deadLetters().total()));
        for (String kind : Stream.concat(a.deadLetters().counts().keySet().stream(),
                b.deadLetters().counts().keySet().stream()).distinct().sorted().toList()) {
            row(out, "  " + kind, f("%,d", a.deadLetters().counts().getOrDefault(kind, 0L)),
                    f("%,d", b.deadLetters().counts().getOrDefault(kind, 0L)));
        }
        FigureComparison c = r.comparison();
        out.append(f("%nfigures compared: %,d in %,d cells over %d windows (cumulative and each hopping window of the "
                + "input; updatedAt, a wall-clock time, left out)%n", c.figures(), c.cells(), a.cells().size()));
        out.append(f("figures differing: %,d%n", c.differences().size()));
        List<FigureComparison.Difference> shown = c.differences().stream().limit(DIFFERENCES_SHOWN).toList();
        shown.forEach(d -> out.append("  ").append(d).append('\n'));
        if (c.differences().size() > shown.size()) {
            out.append(f("  ... and %,d more%n", c.differences().size() - shown.size()));
        }
        for (Pass pass : List.of(a, b)) {
            pass.deadLetters().examples().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> out.append(f("%s pass, first dead letter of %s: %s%n", pass.name(), e.getKey(),
                            e.getValue())));
        }
        out.append(f("total time: %.1f min%n", r.total().toMillis() / 60e3));
        List<String> failures = r.failures();
        out.append(failures.isEmpty() ? "PASSED: the chaos pass gave every figure of the clean pass, with no dead "
                + "letter\n" : "FAILED:\n" + failures.stream().map(s -> "  " + s + "\n").collect(Collectors.joining()));
        return out.toString();
    }

    private static String perTarget(Map<Target, Integer> counts) {
        return Stream.of(Target.values()).map(t -> Integer.toString(counts.getOrDefault(t, 0)))
                .collect(Collectors.joining(" / "));
    }

    private static void row(StringBuilder out, String what, String clean, String chaos) {
        out.append(f("  %-34s  %14s  %14s%n", what, clean, chaos));
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
