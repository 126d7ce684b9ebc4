package org.ifl.benchmarks.worker;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code ifl bench worker} measured: every timed run of the bare loop and of the worker, their medians and
 * their ratio. Plain values, so that the text and JSON reports show the same.
 *
 * @param queries              queries per run
 * @param distinctImages       images among them (each a different scene)
 * @param torchThreads         PyTorch's intra-op and inter-op threads as set by system properties
 * @param notTimedSeconds      platform start, backend load and warm-up, by name
 * @param bareMedian           median completions/s of the bare runs
 * @param workerMedian         median completions/s of the worker runs
 * @param ratio                {@code workerMedian / bareMedian}
 * @param registeredMedian     median completions/s of the worker runs that load registered checkpoints; NaN
 *                             without {@code --checkpoints}
 * @param registeredRatio      {@code registeredMedian / workerMedian}
 * @param checkpointLoads      loads of a checkpoint in the registered runs, each with its warm-up; their time is
 *                             part of those runs
 */
public record WorkerBenchmarkResult(WorkerBenchmark.Options options, int queries, int distinctImages, int cores,
        String java, String torchThreads, String modelRevision, Map<String, Double> notTimedSeconds, List<Run> runs,
        double bareMedian, double workerMedian, double ratio, double registeredMedian, double registeredRatio,
        List<CheckpointLoad> checkpointLoads) {

    public static WorkerBenchmarkResult of(WorkerBenchmark.Options options, int queries, int distinctImages,
            int cores, String java, String torchThreads, String modelRevision, Map<String, Double> notTimedSeconds,
            List<Run> runs, List<CheckpointLoad> checkpointLoads) {
        double bare = median(runs, Kind.BARE);
        double worker = median(runs, Kind.WORKER);
        double registered = median(runs, Kind.REGISTERED);
        return new WorkerBenchmarkResult(options, queries, distinctImages, cores, java, torchThreads, modelRevision,
                Collections.unmodifiableMap(new LinkedHashMap<>(notTimedSeconds)), List.copyOf(runs), bare,
                worker, worker / bare, registered, registered / worker, List.copyOf(checkpointLoads));
    }

    /** One load of a checkpoint by a registered run: its round, how long loading and warming took. */
    public record CheckpointLoad(int round, String checkpoint, double loadSeconds, double warmSeconds) {
    }

    /** Mean seconds of a load and its warm-up together; NaN without loads. */
    public double meanSwitchSeconds() {
        return checkpointLoads.stream().mapToDouble(l -> l.loadSeconds() + l.warmSeconds()).average()
                .orElse(Double.NaN);
    }

    public boolean targetMet() {
        return ratio >= WorkerBenchmark.TARGET_RATIO;
    }

    /** The two ways of answering the queries. */
    public enum Kind {
        BARE("bare batched generation"),
        WORKER("worker, Kafka end to end"),
        REGISTERED("worker, registered checkpoints");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One timed run.
     *
     * @param completions    answers (worker: completions acknowledged), failed ones included
     * @param failures       answers that are errors
     * @param cpuSeconds     CPU time of the whole process (broker and registry included) during the run
     * @param backendCalls   calls of {@code backend.generate}
     * @param backendSeconds wall time inside {@code backend.generate}
     * @param inferenceThreadCpuSeconds CPU time of the thread that called the backend, up to its last call: below
     *                       {@code backendSeconds} by the time that thread waited for a core (with one PyTorch
     *                       intra-op thread the model computes on the calling thread)
     * @param startupSeconds worker: from its start until it owned partitions; bare: 0
     * @param loadAverage    the machine's 1-minute load average at the run's end
     */
    public record Run(Kind kind, int round, long completions, long failures, double seconds,
            double completionsPerSecond, double cpuSeconds, long backendCalls, double meanBatchSize,
            double backendSeconds, double inferenceThreadCpuSeconds, double startupSeconds, double loadAverage) {

        static Run of(Kind kind, int round, long completions, long failures, double seconds, double cpuSeconds,
                long backendCalls, double backendSeconds, double inferenceThreadCpuSeconds, double startupSeconds,
                double loadAverage) {
            return new Run(kind, round, completions, failures, seconds, completions / seconds, cpuSeconds,
                    backendCalls, backendCalls == 0 ? 0 : (double) completions / backendCalls, backendSeconds,
                    inferenceThreadCpuSeconds, startupSeconds, loadAverage);
        }

        /** Cores kept busy on average. */
        public double coresBusy() {
            return cpuSeconds / seconds;
        }
    }

    /** The median completions/s of the runs of {@code kind}; NaN when there are none. */
    static double median(List<Run> runs, Kind kind) {
        double[] rates = runs.stream().filter(r -> r.kind() == kind).mapToDouble(Run::completionsPerSecond)
                .sorted().toArray();
        if (rates.length == 0) {
            return Double.NaN;
        }
        int middle = rates.length / 2;
        return rates.length % 2 == 1 ? rates[middle] : (rates[middle - 1] + rates[middle]) / 2;
    }
}
