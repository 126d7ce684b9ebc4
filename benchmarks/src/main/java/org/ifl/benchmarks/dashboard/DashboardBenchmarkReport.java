package org.ifl.benchmarks.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ifl.benchmarks.dashboard.DashboardBenchmarkResult.Pages;
import org.ifl.benchmarks.dashboard.DashboardBenchmarkResult.Ratios;
import org.ifl.benchmarks.dashboard.DashboardBenchmarkResult.Requests;
import org.ifl.benchmarks.dashboard.DashboardBenchmarkResult.Round;

/** A {@link DashboardBenchmarkResult} as text for a person, or as JSON for a program. */
public final class DashboardBenchmarkReport {
    private DashboardBenchmarkReport() {
    }

    public static String json(DashboardBenchmarkResult result) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(DashboardBenchmarkResult r) {
        StringBuilder out = new StringBuilder();
        DashboardBenchmark.Options o = r.options();
        out.append("ifl bench dashboard, ").append(r.startedAt()).append('\n');
        out.append(f("machine: %d cores, %s, Java %s%n", r.cores(), r.os(), r.java()));
        out.append(f("%none stats-stream service in this process (%s stream thread(s), its default settings"
                + " otherwise), on an embedded broker and registry; not timed: platform start %.1f s, service start"
                + " and priming (%d records) %.1f s%n", o.threads() == null ? "default" : o.threads(),
                r.platformStartSeconds(), DashboardBenchmark.PRIMING_RECORDS, r.serviceStartSeconds()));
        out.append(f("each round: %,d new labeled completions in %d cells, sent as fast as the producer goes; timed"
                + " until the service committed them, CPU read until the work they caused was over too%n",
                o.records(), r.cells()));
        out.append(f("A: no page open; B: %d pages open, each one GET /events stream (1 in 5 every model, 2 in 5 one"
                + " model, 2 in 5 one checkpoint), greeted before the clock and closed after it; %s%n", o.pages(),
                o.refetch() ? "each page fetches its data again " + EventStreamPages.DEBOUNCE_MS + " ms after stats"
                        + " events, as the dashboard's pages do" : "the pages do not fetch their data (--refetch"
                        + " would)"));
        out.append(f("%d measured round(s) of each, alternating which goes first, after %d warm-up round(s) of each;"
                + " medians shown%n", o.rounds(), o.warmupRounds()));

        Ratios ratio = r.ratios();
        out.append(f("%n  %-46s  %12s  %12s  %s%n", "", "A: NO PAGES", "B: PAGES", "B / A (pairs' range)"));
        out.append(f("  %-46s  %,12.0f  %,12.0f  %.3f (%.3f .. %.3f)%n", "records/s", r.quiet().recordsPerSecond(),
                r.withPages().recordsPerSecond(), ratio.throughput(), ratio.throughputMin(), ratio.throughputMax()));
        out.append(f("  %-46s  %12.2f  %12.2f  %.3f (%.3f .. %.3f)%n", "stream threads, CPU µs a record",
                r.quiet().streamMicrosPerRecord(), r.withPages().streamMicrosPerRecord(), ratio.streamCpuPerRecord(),
                ratio.streamCpuPerRecordMin(), ratio.streamCpuPerRecordMax()));
        for (String group : DashboardThreads.GROUPS) {
            if (group.equals(DashboardThreads.STREAM)) {
                continue;
            }
            double a = r.quiet().microsPerRecord().get(group);
            double b = r.withPages().microsPerRecord().get(group);
            out.append(f("  %-46s  %12.2f  %12.2f  %+.2f µs%n", group + ", CPU µs a record", a, b, b - a));
        }
        out.append(f("rounds, records/s: A %s; B %s%n", join(r.quiet().recordsPerSecondRounds(), "%,.0f"),
                join(r.withPages().recordsPerSecondRounds(), "%,.0f")));
        out.append(f("rounds, stream threads µs a record: A %s; B %s%n",
                join(r.quiet().streamMicrosPerRecordRounds(), "%.2f"),
                join(r.withPages().streamMicrosPerRecordRounds(), "%.2f")));
        out.append(f("the broker, the registry and the feeder share the cores with the service, so records/s moves"
                + " with what they do; the stream threads' CPU per record is the figure that shows the service's"
                + " own cost.%n"));

        out.append(f("%nrounds%n"));
        for (Round round : r.rounds()) {
            out.append(f("  round %d%s %s: %,d records in %.2f s (settled after %.2f s), %,.0f/s; eval.stats records"
                    + " %,d; CPU s: %s; process %.2f s; load average %.2f%n", round.round(),
                    round.warmup() ? " (warm-up)" : "", round.mode(), round.records(), round.seconds(),
                    round.settledSeconds(), round.recordsPerSecond(), round.statsRecords(), cpu(round.cpuSeconds()),
                    round.processCpuSeconds(), round.loadAverage()));
            Pages pages = round.pages();
            if (pages != null) {
                out.append(f("    pages: %d streams, %d greeted, stats events per page %s, changes per page %s (min,"
                        + " median, max), alert events %d, dropped by the service %d%s%n", pages.streams(),
                        pages.hellos(), pages.statsEvents(), pages.changes(), pages.alertEvents(),
                        pages.endedEarly(), o.refetch() ? f("; data fetched again per page %s, failed requests %d",
                                pages.refreshes(), pages.failedRequests()) : ""));
                long requests = pages.requests().values().stream().mapToLong(Requests::count).sum();
                if (requests > 0) {
                    out.append(f("      %,d API requests, HTTP server CPU %.1f ms a request%n", requests,
                            round.cpuSeconds().get(DashboardThreads.HTTP) * 1e3 / requests));
                }
                pages.requests().forEach((path, tally) -> out.append(f("      %-12s %,6d requests, %,8.1f ms on"
                        + " average, %d failed%n", path, tally.count(), tally.meanMillis(), tally.failed())));
            }
        }
        return out.toString();
    }

    private static String cpu(Map<String, Double> seconds) {
        StringBuilder out = new StringBuilder();
        seconds.forEach((group, s) -> out.append(out.isEmpty() ? "" : ", ").append(f("%s %.3f", group, s)));
        return out.toString();
    }

    private static String join(List<Double> values, String format) {
        return String.join(" ", values.stream().map(v -> f(format, v)).toList());
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
