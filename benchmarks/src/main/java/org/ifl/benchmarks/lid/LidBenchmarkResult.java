package org.ifl.benchmarks.lid;

import java.util.List;
import java.util.Map;

/**
 * What {@code ifl bench lid} measured: the corpus, the bare detector's and the topology's throughput, their
 * ratio, heap use and per-language accuracy. Plain values, so that the text and JSON reports show the same.
 * Throughputs are measured {@code rounds} times, interleaved (bare, bare on threads, topology; again), and
 * summarised by their median.
 *
 * @param repeat how many times each run detects every text
 * @param warmupSeconds how long the detector ran over the texts before anything was timed
 * @param ratio median topology throughput over the better median bare detector throughput (single thread or
 *     {@code bareThreads.threads()} threads): the figure the target (>= 0.9) is about
 * @param ratioToSingleThread median topology throughput over the median single-threaded bare loop
 * @param scorer the topology's own work per completion without Kafka: {@code CompletionScorer.score} (whole-text
 *     detection, one detection per further line of five tokens or more, normalisation, the record) on threads
 * @param ratioToScorer median topology throughput over the median scorer throughput: what Kafka costs
 */
public record LidBenchmarkResult(
        String startedAt,
        Machine machine,
        Corpus corpus,
        Detector detector,
        int repeat,
        int rounds,
        double warmupSeconds,
        Measured bareSingleThread,
        Measured bareThreads,
        Measured scorer,
        TopologyFigures topology,
        double ratio,
        double ratioToSingleThread,
        double ratioToScorer,
        Heap heapWithDetector,
        Heap heapWithPlatform,
        Accuracy accuracy) {

    /** {@code cores}: what the JVM sees ({@code Runtime.availableProcessors()}). */
    public record Machine(int cores, String os, String java, int forkJoinCommonPoolParallelism) {
    }

    public record Corpus(String localeDir, int perLanguage, long seed, int texts, double meanChars,
            List<LabeledTextCorpus.Source> sources) {
    }

    public record Detector(String name, List<String> languages, double loadSeconds) {
    }

    /**
     * {@code texts} detections per round on {@code threads} threads: texts per second in each round and their
     * median, and the cores the process kept busy in each round (its CPU time over the round's wall time).
     */
    public record Measured(int threads, long texts, List<Double> textsPerSecond, double median,
            List<Double> coresBusy) {
        static Measured of(int threads, long texts, List<Double> textsPerSecond, List<Double> coresBusy) {
            return new Measured(threads, texts, List.copyOf(textsPerSecond), LidBenchmarkResult.median(textsPerSecond),
                    List.copyOf(coresBusy));
        }
    }

    /**
     * The topology end to end on the embedded broker.
     *
     * @param cellsPerLanguage cells ({@code model|checkpoint|dataset|language}, the record key) per language
     * @param keys distinct record keys of the completions
     * @param recordsPerPartition completions each input partition holds
     * @param median the median round's texts per second
     */
    public record TopologyFigures(int threads, long commitIntervalMs, int cellsPerLanguage, int keys, long completions,
            double platformStartSeconds, double produceSeconds, List<Long> recordsPerPartition,
            List<TopologyRound> rounds, double median) {
    }

    /**
     * One run of the topology over every completion, as a new Streams application.
     *
     * @param totalSeconds from {@code KafkaStreams.start()} until a read_committed consumer had read every
     *     labeled completion
     * @param textsPerSecond completions over {@code totalSeconds}
     * @param firstOutputSeconds from the start to the first labeled completion read (start-up: group join, task
     *     assignment, producer fencing, the first commit)
     * @param steadyTextsPerSecond the completions after the first over the time after the first
     * @param coresBusy the process's CPU time over the round's wall time: broker, registry, stream threads,
     *     Lingua's tasks and the reader together
     * @param cpuSecondsByThreads the round's CPU seconds by group of threads (stream threads, Lingua's tasks on
     *     the ForkJoin common pool, Kafka clients' network threads, the reader, the broker and the rest)
     * @param scoringSeconds time the stream threads spent labeling and scoring, all threads together (what
     *     {@code LidMetrics} reports per completion)
     * @param labelsAsBare labeled completions whose language equals the bare detector's label of their text
     * @param threadLoads what each stream thread was assigned
     */
    public record TopologyRound(double totalSeconds, double textsPerSecond, double firstOutputSeconds,
            double steadyTextsPerSecond, double coresBusy, Map<String, Double> cpuSecondsByThreads,
            double scoringSeconds, long labelsAsBare, List<ThreadLoad> threadLoads) {
    }

    /**
     * One stream thread's input partitions, their completions, and the time the single-threaded bare detector
     * took for the same texts as often (its median round's time per text).
     */
    public record ThreadLoad(String thread, List<Integer> partitions, long records, double detectorSeconds) {
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Heap after a full GC: used, and the maximum the JVM may grow it to. */
    public record Heap(long usedBytes, long maxBytes) {
        static Heap measure() {
            Runtime runtime = Runtime.getRuntime();
            System.gc();
            return new Heap(runtime.totalMemory() - runtime.freeMemory(), runtime.maxMemory());
        }
    }

    /**
     * Accuracy of the normalised label against the corpus language.
     *
     * @param macro the unweighted mean of the languages' accuracies, over languages with texts
     * @param macroWellSampled the same over languages with at least {@code minTexts} texts
     * @param micro correct labels over all texts
     */
    public record Accuracy(List<LanguageAccuracy> languages, double macro, double macroWellSampled, int minTexts,
            double micro) {
    }

    /** {@code topWrong}: the most frequent wrong label (null when none was wrong), {@code topWrongCount} its count. */
    public record LanguageAccuracy(String language, int texts, int correct, double accuracy, String topWrong,
            int topWrongCount) {
    }
}
