package org.ifl.benchmarks.stats;

import java.util.Arrays;
import java.util.List;

/**
 * What {@code ifl bench stats} measured: the input, every timed run of the stats topology and of the bare
 * {@code groupByKey().count()}, their medians and their ratio. Plain values, so that the text and JSON reports
 * show the same.
 *
 * @param cores what the JVM sees ({@code Runtime.availableProcessors()}); the broker and the registry run in
 *     the same process and share them
 * @param stats the stats topology's medians over the rounds
 * @param bare the bare count's medians over the rounds
 * @param ratio median stats throughput over median bare throughput
 */
public record StatsBenchmarkResult(
        String startedAt,
        int cores,
        String os,
        String java,
        StatsBenchmark.Options options,
        Input input,
        List<Run> runs,
        Figures stats,
        Figures bare,
        double ratio) {

    public static final String STATS = "stats topology";
    public static final String BARE = "bare groupByKey().count()";

    /**
     * The records both topologies read, produced once before any run.
     *
     * @param records labeled completions on eval.labeled, repeats included: what every run consumes
     * @param repeats of them, a completion sent again (same bytes): the topology counts and ignores them
     * @param items items of the simulated runs, each answered in every arm
     * @param cells cells (model|checkpoint|dataset|language, the record key) the items are spread over
     * @param annotations expert annotations on eval.annotations, which the stats topology also reads
     * @param meanValueBytes mean serialized size of a labeled completion (Avro, Confluent wire format)
     * @param recordsPerPartition labeled completions in each partition of eval.labeled
     */
    public record Input(long records, long repeats, long items, int cells, long annotations, double meanValueBytes,
            List<Long> recordsPerPartition, double platformStartSeconds, double produceSeconds) {
    }

    /**
     * One run: a new Streams application over every input record.
     *
     * @param topology {@link #STATS} or {@link #BARE}
     * @param seconds from {@code KafkaStreams.start()} until the application's committed offsets reached the end
     *     of its input topics and then of its repartition topics (the stats topology's cell updates, which the
     *     checkpoint processor reads)
     * @param firstCommitSeconds from the start until any committed offset was seen (start-up: group join, task
     *     assignment, producer fencing, state stores opened, the first transaction)
     * @param inputSeconds from the start until the input topics were committed to their end
     * @param records labeled completions the application committed (the sum of its offsets on eval.labeled)
     * @param steadyRecordsPerSecond the records committed after the first commit seen, over the time after it
     * @param processedRecords records the stream threads processed (Streams' {@code process-total}): the input,
     *     and each record the topology repartitioned and read back (for the stats topology, the cell updates its
     *     emit punctuation sent to the checkpoint processor)
     * @param cpuSeconds CPU time of the whole process over the run: stream threads, broker, registry, clients
     * @param deadLetters records the run sent to eval.dlq
     */
    public record Run(String topology, int round, double seconds, double firstCommitSeconds, double inputSeconds,
            long records, double recordsPerSecond, double steadyRecordsPerSecond, long processedRecords,
            double cpuSeconds, double recordsPerCpuSecond, double coresBusy, long deadLetters) {
    }

    /**
     * Medians over a topology's runs.
     *
     * @param perCore records per second over the cores the process had
     * @param recordsPerCpuSecond records over the process's CPU seconds: the per-core figure that counts what
     *     the cores really did, broker included
     */
    public record Figures(String topology, List<Double> rounds, double recordsPerSecond, double perCore,
            double recordsPerCpuSecond, double coresBusy) {
        static Figures of(String topology, List<Run> runs, int cores) {
            List<Run> mine = runs.stream().filter(r -> r.topology().equals(topology)).toList();
            double perSecond = median(mine.stream().mapToDouble(Run::recordsPerSecond).toArray());
            return new Figures(topology, mine.stream().map(Run::recordsPerSecond).toList(), perSecond,
                    perSecond / cores, median(mine.stream().mapToDouble(Run::recordsPerCpuSecond).toArray()),
                    median(mine.stream().mapToDouble(Run::coresBusy).toArray()));
        }
    }

    /** The middle value, or the mean of the two middle ones; NaN for none. */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? Double.NaN : (sorted[(n - 1) / 2] + sorted[n / 2]) / 2;
    }
}
