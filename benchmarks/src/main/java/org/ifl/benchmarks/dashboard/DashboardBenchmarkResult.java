package org.ifl.benchmarks.dashboard;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code ifl bench dashboard} measured: every round without pages (A) and with the pages' event streams
 * open (B), the medians of each, and the ratios B / A. Plain values, so that the text and JSON reports show the
 * same.
 *
 * @param cores what the JVM sees; the broker, the registry, the service and the pages share them
 * @param rounds every round in the order run, warm-up rounds first (flagged, left out of the figures)
 * @param quiet medians of the measured A rounds
 * @param withPages medians of the measured B rounds
 * @param ratios B / A
 */
public record DashboardBenchmarkResult(String startedAt, int cores, String os, String java,
        DashboardBenchmark.Options options, int cells, double platformStartSeconds, double serviceStartSeconds,
        List<Round> rounds, Figures quiet, Figures withPages, Ratios ratios) {

    public static final String QUIET = "A";
    public static final String PAGES = "B";

    static DashboardBenchmarkResult of(String startedAt, int cores, String os, String java,
            DashboardBenchmark.Options options, int cells, double platformStartSeconds, double serviceStartSeconds,
            List<Round> rounds) {
        List<Round> a = measured(rounds, QUIET);
        List<Round> b = measured(rounds, PAGES);
        Figures quiet = Figures.of(QUIET, a);
        Figures withPages = Figures.of(PAGES, b);
        // Pair the i-th A round with the i-th B round: they ran next to each other.
        int pairs = Math.min(a.size(), b.size());
        double[] cpu = new double[pairs];
        double[] throughput = new double[pairs];
        for (int i = 0; i < pairs; i++) {
            cpu[i] = b.get(i).streamMicrosPerRecord() / a.get(i).streamMicrosPerRecord();
            throughput[i] = b.get(i).recordsPerSecond() / a.get(i).recordsPerSecond();
        }
        Ratios ratios = new Ratios(withPages.streamMicrosPerRecord() / quiet.streamMicrosPerRecord(),
                Arrays.stream(cpu).min().orElse(Double.NaN), Arrays.stream(cpu).max().orElse(Double.NaN),
                withPages.recordsPerSecond() / quiet.recordsPerSecond(),
                Arrays.stream(throughput).min().orElse(Double.NaN),
                Arrays.stream(throughput).max().orElse(Double.NaN));
        return new DashboardBenchmarkResult(startedAt, cores, os, java, options, cells, platformStartSeconds,
                serviceStartSeconds, List.copyOf(rounds), quiet, withPages, ratios);
    }

    private static List<Round> measured(List<Round> rounds, String mode) {
        return rounds.stream().filter(r -> !r.warmup() && r.mode().equals(mode)).toList();
    }

    /**
     * One round: a block of new labeled completions sent to eval.labeled while the service runs.
     *
     * @param mode {@link #QUIET} or {@link #PAGES}
     * @param records labeled completions fed, all committed by the service by the round's end
     * @param seconds from the first record sent until the service's committed offsets reached the end of the
     *     round's input: what {@code recordsPerSecond} divides by
     * @param settledSeconds from the first record sent until the work the round caused was over too: the
     *     service's repartition topics committed to their end, and an emit interval, a commit interval and the
     *     events' coalescing delay passed after the input was committed; CPU is read over this span
     * @param cpuSeconds CPU time per thread group ({@link DashboardThreads#GROUPS}) over the round
     * @param streamMicrosPerRecord the stream threads' CPU per record fed, in microseconds
     * @param processCpuSeconds CPU time of the whole process over the round
     * @param statsRecords records the service wrote to eval.stats in the round: what its events feed tails
     * @param loadAverage the machine's 1-minute load average at the round's end
     * @param pages what the open pages received (B rounds; null in A rounds)
     */
    public record Round(String mode, int round, boolean warmup, long records, double seconds, double settledSeconds,
            double recordsPerSecond, Map<String, Double> cpuSeconds, double streamMicrosPerRecord,
            double processCpuSeconds, long statsRecords, double loadAverage, Pages pages) {
    }

    /**
     * What the pages of a B round received, each the smallest, median and largest over the pages.
     *
     * @param streams event streams open during the round (pages)
     * @param hellos pages that had their hello event (all, or the round would have failed)
     * @param statsEvents {@code stats} events per page: min, median, max
     * @param changes cells and summaries named by them per page: min, median, max
     * @param alertEvents {@code alert} events, all pages together
     * @param endedEarly streams the service ended before the round was over (pages it dropped)
     * @param refreshes times a page fetched its data again (with {@code --refetch}): min, median, max
     * @param failedRequests of their API requests, those that failed or were not answered 200, all together
     * @param requests the pages' API requests by path
     */
    public record Pages(int streams, int hellos, List<Long> statsEvents, List<Long> changes, long alertEvents,
            int endedEarly, List<Long> refreshes, long failedRequests, Map<String, Requests> requests) {
        static Pages of(List<EventStreamPages.Counts> counts, Map<String, Requests> requests) {
            return new Pages(counts.size(), (int) counts.stream().filter(c -> c.hello() > 0).count(),
                    spread(counts.stream().mapToLong(EventStreamPages.Counts::stats).toArray()),
                    spread(counts.stream().mapToLong(EventStreamPages.Counts::changes).toArray()),
                    counts.stream().mapToLong(EventStreamPages.Counts::alerts).sum(),
                    (int) counts.stream().filter(EventStreamPages.Counts::endedEarly).count(),
                    spread(counts.stream().mapToLong(EventStreamPages.Counts::refreshes).toArray()),
                    counts.stream().mapToLong(EventStreamPages.Counts::failedRequests).sum(), requests);
        }
    }

    /**
     * The pages' requests of one API path in a round.
     *
     * @param meanMillis from sending a refresh's requests to this one's answered, on average
     * @param failed not answered 200, or not at all
     */
    public record Requests(long count, double meanMillis, long failed) {
    }

    /**
     * Medians over a mode's measured rounds.
     *
     * @param microsPerRecord CPU per record fed per thread group, in microseconds
     */
    public record Figures(String mode, int rounds, double recordsPerSecond, List<Double> recordsPerSecondRounds,
            double streamMicrosPerRecord, List<Double> streamMicrosPerRecordRounds,
            Map<String, Double> microsPerRecord) {
        static Figures of(String mode, List<Round> rounds) {
            Map<String, Double> micros = new LinkedHashMap<>();
            for (String group : DashboardThreads.GROUPS) {
                micros.put(group, median(rounds.stream()
                        .mapToDouble(r -> r.cpuSeconds().getOrDefault(group, 0.0) * 1e6 / r.records()).toArray()));
            }
            return new Figures(mode, rounds.size(),
                    median(rounds.stream().mapToDouble(Round::recordsPerSecond).toArray()),
                    rounds.stream().map(Round::recordsPerSecond).toList(),
                    median(rounds.stream().mapToDouble(Round::streamMicrosPerRecord).toArray()),
                    rounds.stream().map(Round::streamMicrosPerRecord).toList(), micros);
        }
    }

    /**
     * B / A: the medians' ratio, and the smallest and largest ratio of a B round to the A round beside it.
     *
     * @param streamCpuPerRecord the stream threads' CPU per record with the pages open over without
     * @param throughput records/s with the pages open over without
     */
    public record Ratios(double streamCpuPerRecord, double streamCpuPerRecordMin, double streamCpuPerRecordMax,
            double throughput, double throughputMin, double throughputMax) {
    }

    /** The middle value, or the mean of the two middle ones; NaN for none. */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? Double.NaN : (sorted[(n - 1) / 2] + sorted[n / 2]) / 2;
    }

    /** The smallest, the median (the upper middle one) and the largest of {@code values}. */
    static List<Long> spread(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length == 0 ? List.of(0L, 0L, 0L)
                : List.of(sorted[0], sorted[sorted.length / 2], sorted[sorted.length - 1]);
    }
}
