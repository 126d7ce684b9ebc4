package org.ifl.benchmarks.worker;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.ifl.benchmarks.meter.ProcessCpu;
import org.ifl.inferenceworker.DynamicBatcher;
import org.ifl.inferenceworker.Generation;
import org.ifl.inferenceworker.GenerationRequest;
import org.ifl.inferenceworker.ImageLoader;
import org.ifl.inferenceworker.InferenceBackend;
import org.ifl.inferenceworker.QueryImage;
import org.ifl.inferenceworker.ReferenceVlmBackend;
import org.ifl.inferenceworker.WorkerLoop;
import org.ifl.inferenceworker.WorkerMetrics;
import org.ifl.inferenceworker.WorkerOptions;
import org.ifl.platform.CauseChain;
import org.ifl.platform.Directories;
import org.ifl.platform.EmbeddedPlatform;
import org.ifl.platform.deadletter.DeadLetterPublisher;
import org.ifl.platform.kafka.TopicProducers;
import org.ifl.referencevlm.DjlOffline;
import org.ifl.referencevlm.EvaluationItem;
import org.ifl.referencevlm.EvaluationSet;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.DeadLetter;
import org.ifl.schemas.avro.Query;
import org.ifl.schemas.serde.RegistryAvroSerdes;
import org.ifl.schemas.topic.RecordKey;
import org.ifl.schemas.topic.Topic;
import org.ifl.schemas.topic.Topics;

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
 */
public final class WorkerBenchmark {
    public static final int DEFAULT_MAX_BATCH = 8;
    public static final int DEFAULT_ROUNDS = 2;
    public static final int DEFAULT_MAX_NEW_TOKENS = 48;
    public static final int DEFAULT_MAX_WAIT_MS = 20;
    /** The target of worker over bare throughput; reported, not enforced. */
    public static final double TARGET_RATIO = 0.9;
    /** Give up on a worker round that answers nothing for this long. */
    private static final Duration STALL = Duration.ofSeconds(120);
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);
    /** How often the worker's progress is read: the resolution of its clock, and few wake-ups on 2 cores. */
    private static final long POLL_MILLIS = 10;
    private static final long IMAGE_CACHE_BYTES = 64L << 20;
    private static final String INTRA_OP_THREADS = "ai.djl.pytorch.num_threads";
    private static final String INTER_OP_THREADS = "ai.djl.pytorch.num_interop_threads";
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

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
     */
    public record Options(int queries, List<Arm> arms, int maxBatch, int rounds, int maxNewTokens,
            int maxWaitMs, int queueCapacity) {
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

    /** The two ways of answering the queries. */
    public enum Kind {
        BARE("bare batched generation"),
        WORKER("worker, Kafka end to end");

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

    /**
     * What the benchmark measured.
     *
     * @param queries              queries per run
     * @param distinctImages       images among them (each a different scene)
     * @param torchThreads         PyTorch's intra-op and inter-op threads as set by system properties
     * @param notTimedSeconds      platform start, backend load and warm-up, by name
     * @param bareMedian           median completions/s of the bare runs
     * @param workerMedian         median completions/s of the worker runs
     * @param ratio                {@code workerMedian / bareMedian}
     */
    public record Result(Options options, int queries, int distinctImages, int cores, String java,
            String torchThreads, String modelRevision, Map<String, Double> notTimedSeconds, List<Run> runs,
            double bareMedian, double workerMedian, double ratio) {

        public static Result of(Options options, int queries, int distinctImages, int cores, String java,
                String torchThreads, String modelRevision, Map<String, Double> notTimedSeconds, List<Run> runs) {
            double bare = median(runs, Kind.BARE);
            double worker = median(runs, Kind.WORKER);
            return new Result(options, queries, distinctImages, cores, java, torchThreads, modelRevision,
                    Collections.unmodifiableMap(new LinkedHashMap<>(notTimedSeconds)), List.copyOf(runs), bare,
                    worker, worker / bare);
        }

        public boolean targetMet() {
            return ratio >= TARGET_RATIO;
        }
    }

    private final Options options;
    private final Consumer<String> progress;

    public WorkerBenchmark(Options options, Consumer<String> progress) {
        this.options = options;
        this.progress = progress;
    }

    public Result run() throws IOException, InterruptedException {
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
                    Runs runs = new Runs(platform, admin, backend);
                    start = System.nanoTime();
                    runs.warmUp(source);
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
                    }
                    return Result.of(options, source.size(), source.distinctImages(),
                            Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                            torchThreads(), backend.modelRevision(), notTimed, measured);
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

    /** The timed runs, on one platform and one loaded backend. */
    private final class Runs {
        private final EmbeddedPlatform platform;
        private final Admin admin;
        private final InferenceBackend backend;
        private final Topics topics;
        private final TopicProducers producers;

        Runs(EmbeddedPlatform platform, Admin admin, InferenceBackend backend) {
            this.platform = platform;
            this.admin = admin;
            this.backend = backend;
            this.topics = new Topics(RegistryAvroSerdes.forUrl(platform.registryUrl()));
            this.producers = new TopicProducers(platform.bootstrapServers(), platform.registryUrl());
        }

        /**
         * A full batch of each arm, bare and through a worker: the JIT, DJL and the Kafka clients warmed. On the
         * remedy arm one query per language is enough to compute and cache each language's steering vector.
         */
        void warmUp(BenchmarkQueries source) throws Exception {
            Map<BatchKey, Integer> taken = new HashMap<>();
            List<Query> sample = new ArrayList<>();
            for (Query q : source.forRun("bench-warm-up")) {
                BatchKey key = BatchKey.of(q.getCondition().getArm(), q.getCondition().getExpectedLanguage());
                int most = key.steerTo() == null ? options.maxBatch() : 1;
                if (taken.merge(key, 1, Integer::sum) <= most) {
                    sample.add(q);
                }
            }
            progress.accept("warm-up: " + sample.size() + " queries, bare and through a worker ...");
            bare(0, sample);
            worker(0, sample);
        }

        /**
         * On a new thread, as the worker answers on a new inference thread of its own. PyTorch keeps state per
         * thread: DJL sets the thread count and turns gradients off only on the thread that started the engine,
         * and a thread's first call is the slow one. With the thread count not set, the thread that started DJL
         * (main) ran this model's batches 2 to 40 times slower than a fresh thread did, on 2 busy cores.
         */
        Run bare(int round, List<Query> queries) throws Exception {
            if (round > 0) {
                progress.accept("round " + round + ": " + Kind.BARE.label() + " ...");
            }
            List<DynamicBatcher.Batch<BatchKey, GenerationRequest>> batches = batches(
                    requests(queries, new ImageLoader(IMAGE_CACHE_BYTES)), options.maxBatch());
            ExecutorService inference = Executors.newSingleThreadExecutor(r -> new Thread(r, "bench-bare-" + round));
            try {
                return inference.submit(() -> {
                    BatchTally tally = new BatchTally();
                    long cpu = ProcessCpu.nanos();
                    long start = System.nanoTime();
                    for (DynamicBatcher.Batch<BatchKey, GenerationRequest> batch : batches) {
                        long called = System.nanoTime();
                        List<Generation> generations = backend.generate(batch.items());
                        long tokens = 0;
                        for (Generation g : generations) {
                            tokens += g.completionTokens();
                            if (!g.succeeded()) {
                                tally.error(g.failure().code());
                            }
                        }
                        tally.batch(backend.name(), batch.items().size(), System.nanoTime() - called, tokens);
                    }
                    return finished(Kind.BARE, round, start, cpu, tally.answers.get(), tally, 0);
                }).get();
            } finally {
                inference.shutdown();
            }
        }

        Run worker(int round, List<Query> queries) throws Exception {
            if (round > 0) {
                progress.accept("round " + round + ": " + Kind.WORKER.label() + " ...");
            }
            Topic<String, Query> queryTopic = topics.topic(Topics.QUERIES);
            String group = "bench-worker-" + queries.get(0).getPair().getRunId();
            startAtEnd(group, queryTopic.name());
            produce(queryTopic, queries, group);

            WorkerOptions workerOptions = options.workerOptions();
            BatchTally tally = new BatchTally();
            Producer<String, DeadLetter> deadLetterProducer = producers.create(Topics.DEAD_LETTERS, group + "-dlq");
            WorkerLoop loop = new WorkerLoop(
                    new KafkaConsumer<>(WorkerLoop.consumerConfig(platform.bootstrapServers(), group, workerOptions),
                            new ByteArrayDeserializer(), new ByteArrayDeserializer()),
                    producers.create(Topics.COMPLETIONS, group),
                    new DeadLetterPublisher(WorkerLoop.STAGE, topics.topic(Topics.DEAD_LETTERS), deadLetterProducer),
                    queryTopic, topics.topic(Topics.COMPLETIONS), backend, new ImageLoader(IMAGE_CACHE_BYTES),
                    workerOptions, tally, Clock.systemUTC());
            Thread thread = new Thread(loop, group);
            try {
                long cpu = ProcessCpu.nanos();
                long start = System.nanoTime();
                thread.start();
                double startup = Double.NaN;
                long answered = 0;
                long progressAt = start;
                while (answered < queries.size()) {
                    if (loop.state() == WorkerLoop.State.FAILED) {
                        throw new IllegalStateException("the worker loop failed: "
                                + CauseChain.describe(loop.failure()));
                    }
                    if (Double.isNaN(startup) && !loop.assignment().isEmpty()) {
                        startup = seconds(start);
                    }
                    long now = System.nanoTime();
                    if (loop.answered() > answered) {
                        answered = loop.answered();
                        progressAt = now;
                    } else if (now - progressAt > STALL.toNanos()) {
                        throw new IllegalStateException("the worker answered nothing for " + STALL + " ("
                                + answered + " of " + queries.size() + " answered)");
                    }
                    Thread.sleep(POLL_MILLIS);
                }
                return finished(Kind.WORKER, round, start, cpu, answered, tally, startup);
            } finally {
                if (!loop.stop(STOP_WAIT)) {
                    loop.halt(STOP_WAIT);
                }
                deadLetterProducer.close(Duration.ofSeconds(5));
            }
        }

        private Run finished(Kind kind, int round, long start, long cpu, long completions, BatchTally tally,
                double startup) {
            double seconds = seconds(start);
            Run run = Run.of(kind, round, completions, tally.failures.get(), seconds,
                    (ProcessCpu.nanos() - cpu) / 1e9, tally.calls.get(), tally.nanos.get() / 1e9,
                    tally.threadCpuNanos.get() / 1e9, startup, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            progress.accept(String.format(Locale.ROOT, "  %s%,d completions in %.2f s: %.1f/s, %d backend calls, "
                    + "CPU %.1f s, load %.2f", round == 0 ? kind.label() + ": " : "", run.completions(),
                    run.seconds(), run.completionsPerSecond(), run.backendCalls(), run.cpuSeconds(),
                    run.loadAverage()));
            return run;
        }

        /** A new group starts after the queries of earlier rounds, so it reads exactly this round's. */
        private void startAtEnd(String group, String topic) throws Exception {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .size();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
            admin.listOffsets(latest).all().get()
                    .forEach((partition, info) -> ends.put(partition, new OffsetAndMetadata(info.offset())));
            admin.alterConsumerGroupOffsets(group, ends).all().get();
        }

        private void produce(Topic<String, Query> topic, List<Query> queries, String clientId)
                throws InterruptedException, ExecutionException {
            try (Producer<String, Query> producer = producers.create(Topics.QUERIES, clientId + "-queries")) {
                List<Future<RecordMetadata>> sent = new ArrayList<>(queries.size());
                for (Query q : queries) {
                    sent.add(producer.send(new ProducerRecord<>(topic.name(), RecordKey.pair(q.getPair()), q)));
                }
                producer.flush();
                for (Future<RecordMetadata> f : sent) {
                    f.get();
                }
            }
        }
    }

    /** What makes requests share a backend call in the worker (one model here): the arm and the steering language. */
    record BatchKey(Arm arm, String steerTo) {
        static BatchKey of(Arm arm, String expectedLanguage) {
            return new BatchKey(arm, arm == Arm.IMAGE_REMEDY ? expectedLanguage : null);
        }
    }

    /** The queries as the worker hands them to the backend: images decoded, the answer budget set. */
    static List<GenerationRequest> requests(List<Query> queries, ImageLoader images) {
        List<GenerationRequest> requests = new ArrayList<>(queries.size());
        for (Query q : queries) {
            Arm arm = q.getCondition().getArm();
            QueryImage image = null;
            if (arm != Arm.TEXT) {
                ByteBuffer inline = q.getImageBytes().duplicate();
                byte[] bytes = new byte[inline.remaining()];
                inline.get(bytes);
                try {
                    image = images.load(bytes, null, null);
                } catch (ImageLoader.UnreadableImageException e) {
                    throw new IllegalStateException("the benchmark's own image of " + q.getQueryId()
                            + " is unreadable: " + e.getMessage(), e);
                }
            }
            requests.add(new GenerationRequest(q.getQueryId(), arm, q.getPrompt(), q.getDescription(), image,
                    q.getCondition().getExpectedLanguage(), q.getMaxNewTokens()));
        }
        return requests;
    }

    /** Batches of compatible requests, at most {@code maxBatch} each, in the order the worker's batcher forms them. */
    static List<DynamicBatcher.Batch<BatchKey, GenerationRequest>> batches(List<GenerationRequest> requests,
            int maxBatch) {
        DynamicBatcher<BatchKey, GenerationRequest> batcher = new DynamicBatcher<>(maxBatch, Long.MAX_VALUE);
        for (GenerationRequest r : requests) {
            batcher.add(BatchKey.of(r.arm(), r.expectedLanguage()), r, 0);
        }
        return batcher.takeAll();
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

    /** What DJL was told: its thread settings change this model's speed several times over on 2 busy cores. */
    private static String torchThreads() {
        return "intra-op " + System.getProperty(INTRA_OP_THREADS, "not set") + ", inter-op "
                + System.getProperty(INTER_OP_THREADS, "not set");
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /**
     * Counts the backend calls of a run, whether the worker or the bare loop made them. Called on the thread that
     * called the backend, a new one each run, so that thread's CPU time so far is the run's.
     */
    private static final class BatchTally implements WorkerMetrics {
        final AtomicLong calls = new AtomicLong();
        final AtomicLong answers = new AtomicLong();
        final AtomicLong nanos = new AtomicLong();
        final AtomicLong threadCpuNanos = new AtomicLong();
        final AtomicLong failures = new AtomicLong();

        @Override
        public void batch(String backend, int size, long batchNanos, long tokens) {
            calls.incrementAndGet();
            answers.addAndGet(size);
            nanos.addAndGet(batchNanos);
            threadCpuNanos.accumulateAndGet(THREADS.getCurrentThreadCpuTime(), Math::max);
        }

        @Override
        public void error(String code) {
            failures.incrementAndGet();
        }

        @Override
        public void skipped() {
        }

        @Override
        public void paused(boolean paused) {
        }
    }
}
