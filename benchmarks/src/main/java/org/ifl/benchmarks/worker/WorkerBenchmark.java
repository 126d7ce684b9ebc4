package org.ifl.benchmarks.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.ifl.benchmarks.worker.WorkerBenchmarkResult.Run;
import org.ifl.inferenceworker.ReferenceVlmBackend;
import org.ifl.inferenceworker.WorkerLoop;
import org.ifl.inferenceworker.WorkerOptions;
import org.ifl.platform.CauseChain;
import org.ifl.platform.Directories;
import org.ifl.platform.EmbeddedPlatform;
import org.ifl.referencevlm.DjlOffline;
import org.ifl.referencevlm.EvaluationItem;
import org.ifl.referencevlm.EvaluationSet;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.Query;

/**
 * Throughput of the inference worker beside the bare batched generation loop, on the same queries and the same
 * loaded backend (the bundled reference VLM). The queries are the reference VLM's SEEN evaluation items, asked on
 * the chosen arms, images inline. Each round runs, in alternating order:
 *
 * <ul>
 *   <li><b>bare</b>: the queries as generation requests (images decoded beforehand), grouped as the worker groups
 *       them (same arm; on IMAGE_REMEDY the same expected language) into batches of {@code maxBatch}, passed to
 *       {@code backend.generate} one after another on a thread of its own; timed from the first call to the last
 *       answer.
 *   <li><b>worker</b>: the queries produced to {@code eval.queries} of an embedded platform before anything is
 *       timed, under a new run id and for a new consumer group placed at the end of the earlier rounds' queries;
 *       then a {@link WorkerLoop} with the same backend and batch size, timed from its start until every
 *       completion is acknowledged.
 * </ul>
 *
 * A short warm-up of both runs comes first, untimed. The benchmark measures; it asserts nothing.
 *
 * <p>This class holds the options and the order; the queries come from {@link BenchmarkQueries} (batched for the
 * bare loop by {@link GenerationBatches}), the runs are timed by {@link WorkerBenchmarkRuns}, and
 * {@link WorkerBenchmarkReport} prints the {@link WorkerBenchmarkResult}.
 */
public final class WorkerBenchmark {
    public static final int DEFAULT_MAX_BATCH = 8;
    public static final int DEFAULT_ROUNDS = 2;
    public static final int DEFAULT_MAX_NEW_TOKENS = 48;
    public static final int DEFAULT_MAX_WAIT_MS = 20;
    /** The target of worker over bare throughput; reported, not enforced. */
    public static final double TARGET_RATIO = 0.9;
    private static final String INTRA_OP_THREADS = "ai.djl.pytorch.num_threads";
    private static final String INTER_OP_THREADS = "ai.djl.pytorch.num_interop_threads";

    /**
     * What to run.
     *
     * @param queries      the most queries a run answers (0: every SEEN item on every arm of {@code arms})
     * @param arms         the arms each item is asked on
     * @param maxBatch     most queries in one backend call, bare and in the worker
     * @param rounds       rounds of the two runs
     * @param maxNewTokens each query's answer length budget
     * @param maxWaitMs    the worker's longest wait for a batch to fill, in milliseconds
     * @param queueCapacity the most queries the worker holds before its consumer pauses (0: the worker's default)
     * @param checkpoints  0, or a third run each round: a worker that loads each query's checkpoint from its
     *                     registration, the queries spread over this many checkpoints (the bundled weights each)
     * @param checkpointMemoryBytes that worker's memory budget for loaded checkpoints (0: all of them fit)
     */
    public record Options(int queries, List<Arm> arms, int maxBatch, int rounds, int maxNewTokens,
            int maxWaitMs, int queueCapacity, int checkpoints, long checkpointMemoryBytes) {

        public Options(int queries, List<Arm> arms, int maxBatch, int rounds, int maxNewTokens, int maxWaitMs,
                int queueCapacity) {
            this(queries, arms, maxBatch, rounds, maxNewTokens, maxWaitMs, queueCapacity, 0, 0);
        }

        public Options {
            List<String> problems = new ArrayList<>();
            if (queries < 0) {
                problems.add("--queries must not be negative, not " + queries);
            }
            if (arms == null || arms.isEmpty()) {
                problems.add("at least one arm is needed");
            }
            if (maxBatch < 1) {
                problems.add("--max-batch must be at least 1, not " + maxBatch);
            }
            if (rounds < 1) {
                problems.add("--rounds must be at least 1, not " + rounds);
            }
            if (maxNewTokens < 1) {
                problems.add("--max-new-tokens must be at least 1, not " + maxNewTokens);
            }
            if (maxWaitMs < 0) {
                problems.add("--max-wait-ms must not be negative, not " + maxWaitMs);
            }
            if (checkpoints < 0 || checkpointMemoryBytes < 0) {
                problems.add("--checkpoints and --checkpoint-memory must not be negative");
            }
            if (queueCapacity != 0 && queueCapacity < maxBatch) {
                problems.add("--queue-capacity must be 0 or at least --max-batch, not " + queueCapacity);
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", problems));
            }
            arms = List.copyOf(arms);
        }

        /** The most queries the worker holds: as set, or room for four batches. */
        public int effectiveQueueCapacity() {
            return queueCapacity == 0 ? Math.max(maxBatch, WorkerOptions.defaults().queueCapacity()) : queueCapacity;
        }

        /** The worker's settings: the same batch size as the bare loop's. */
        WorkerOptions workerOptions() {
            return WorkerOptions.defaults().withBatching(maxBatch, Duration.ofMillis(maxWaitMs),
                    effectiveQueueCapacity()).withDefaultMaxTokens(maxNewTokens);
        }
    }

    private final Options options;
    private final Consumer<String> progress;

    public WorkerBenchmark(Options options, Consumer<String> progress) {
        this.options = options;
        this.progress = progress;
    }

    public WorkerBenchmarkResult run() throws IOException, InterruptedException {
        DjlOffline.enable(); // the bundled model is in a jar: nothing to download
        Map<String, Double> notTimed = new LinkedHashMap<>();
        Path dir = Files.createTempDirectory("ifl-bench-worker");
        try {
            progress.accept("starting the embedded platform ...");
            long start = System.nanoTime();
            try (EmbeddedPlatform platform = EmbeddedPlatform.start(EmbeddedPlatform.Settings.ephemeral(
                    dir.resolve("platform")))) {
                notTimed.put("platform start", seconds(start));
                progress.accept("loading the bundled reference VLM ...");
                start = System.nanoTime();
                try (ReferenceVlmBackend backend = ReferenceVlmBackend.bundled();
                        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                platform.bootstrapServers()))) {
                    notTimed.put("backend load", seconds(start));
                    BenchmarkQueries source = new BenchmarkQueries(
                            EvaluationSet.standard().items(EvaluationItem.Split.SEEN), options.arms(),
                            options.queries(), options.maxNewTokens());
                    WorkerBenchmarkRuns runs = new WorkerBenchmarkRuns(platform, admin, backend, options,
                            progress);
                    RegisteredRuns registered = options.checkpoints() == 0 ? null
                            : RegisteredRuns.open(platform, dir.resolve("weights"), options, progress);
                    try {
                        start = System.nanoTime();
                        runs.warmUp(source, registered);
                        notTimed.put("warm-up", seconds(start));
                        List<Run> measured = new ArrayList<>();
                        for (int round = 1; round <= options.rounds(); round++) {
                            List<Query> queries = source.forRun("bench-" + round);
                            // Alternate the order, so neither run always follows the other's leftovers.
                            if (round % 2 == 1) {
                                measured.add(runs.bare(round, queries));
                                measured.add(runs.worker(round, queries));
                            } else {
                                measured.add(runs.worker(round, queries));
                                measured.add(runs.bare(round, queries));
                            }
                            if (registered != null) {
                                registered.round(round);
                                measured.add(runs.registered(round, source.forRun("bench-checkpoints-" + round,
                                        registered.checkpoints()), registered.backends()));
                            }
                        }
                        return WorkerBenchmarkResult.of(options, source.size(), source.distinctImages(),
                                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                                torchThreads(), backend.modelRevision(), notTimed, measured,
                                registered == null ? List.of() : registered.loads());
                    } finally {
                        if (registered != null) {
                            registered.close();
                        }
                    }
                }
            }
        } catch (IOException | InterruptedException | IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(CauseChain.describe(e), e);
        } finally {
            Directories.deleteTree(dir);
        }
    }

    /** What DJL was told: its thread settings change this model's speed several times over on 2 busy cores. */
    private static String torchThreads() {
        return "intra-op " + System.getProperty(INTRA_OP_THREADS, "not set") + ", inter-op "
                + System.getProperty(INTER_OP_THREADS, "not set");
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
