package org.ifl.benchmarks.worker;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.ifl.benchmarks.meter.ProcessCpu;
import org.ifl.benchmarks.worker.GenerationBatches.BatchKey;
import org.ifl.benchmarks.worker.WorkerBenchmarkResult.Kind;
import org.ifl.benchmarks.worker.WorkerBenchmarkResult.Run;
import org.ifl.inferenceworker.DynamicBatcher;
import org.ifl.inferenceworker.Generation;
import org.ifl.inferenceworker.GenerationRequest;
import org.ifl.inferenceworker.Backends;
import org.ifl.inferenceworker.ImageLoader;
import org.ifl.inferenceworker.InferenceBackend;
import org.ifl.inferenceworker.WorkerLoop;
import org.ifl.inferenceworker.WorkerOptions;
import org.ifl.platform.CauseChain;
import org.ifl.platform.EmbeddedPlatform;
import org.ifl.platform.deadletter.DeadLetterPublisher;
import org.ifl.platform.kafka.TopicProducers;
import org.ifl.schemas.avro.DeadLetter;
import org.ifl.schemas.avro.Query;
import org.ifl.schemas.serde.RegistryAvroSerdes;
import org.ifl.schemas.topic.RecordKey;
import org.ifl.schemas.topic.Topic;
import org.ifl.schemas.topic.Topics;

/**
 * The timed runs of the worker benchmark, on one platform and one loaded backend: the bare batched generation
 * loop, and a {@link WorkerLoop} reading the same queries from {@code eval.queries}.
 */
final class WorkerBenchmarkRuns {
    /** Give up on a worker round that answers nothing for this long. */
    private static final Duration STALL = Duration.ofSeconds(120);
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);
    /** How often the worker's progress is read: the resolution of its clock, and few wake-ups on 2 cores. */
    private static final long POLL_MILLIS = 10;
    private static final long IMAGE_CACHE_BYTES = 64L << 20;

    private final EmbeddedPlatform platform;
    private final Topics topics;
    private final TopicProducers producers;
    private final Admin admin;
    private final InferenceBackend backend;
    private final WorkerBenchmark.Options options;
    private final Consumer<String> progress;

    WorkerBenchmarkRuns(EmbeddedPlatform platform, Admin admin, InferenceBackend backend,
            WorkerBenchmark.Options options, Consumer<String> progress) {
        this.platform = platform;
        this.topics = new Topics(RegistryAvroSerdes.forUrl(platform.registryUrl()));
        this.producers = new TopicProducers(platform.clusterAccess());
        this.admin = admin;
        this.backend = backend;
        this.options = options;
        this.progress = progress;
    }

    /** A sample of the queries bare and through a worker, untimed: the JIT, DJL and the Kafka clients warmed. */
    void warmUp(BenchmarkQueries source, RegisteredRuns registered) throws Exception {
        List<Query> sample = GenerationBatches.warmUpSample(source.forRun("bench-warm-up"), options.maxBatch());
        progress.accept("warm-up: " + sample.size() + " queries, bare and through a worker ...");
        bare(0, sample);
        worker(0, sample);
        if (registered != null) {
            registered(0, source.forRun("bench-checkpoints-warm-up", registered.checkpoints()).subList(0,
                    sample.size()), registered.backends());
        }
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
        List<DynamicBatcher.Batch<BatchKey, GenerationRequest>> batches = GenerationBatches.batches(
                GenerationBatches.requests(queries, new ImageLoader(IMAGE_CACHE_BYTES)), options.maxBatch());
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

    /**
     * The queries produced to {@code eval.queries} first, untimed, for a new group placed after the earlier
     * rounds' queries; then a worker timed from its start until it has answered them all.
     */
    Run worker(int round, List<Query> queries) throws Exception {
        return worker(Kind.WORKER, round, queries, Backends.fixed(backend));
    }

    /** A worker that loads each query's checkpoint from its registration, as {@code --registered-checkpoints}. */
    Run registered(int round, List<Query> queries, Backends checkpoints) throws Exception {
        return worker(Kind.REGISTERED, round, queries, checkpoints);
    }

    private Run worker(Kind kind, int round, List<Query> queries, Backends backends) throws Exception {
        if (round > 0) {
            progress.accept("round " + round + ": " + kind.label() + " ...");
        }
        Topic<String, Query> queryTopic = topics.topic(Topics.QUERIES);
        String group = "bench-worker-" + queries.get(0).getPair().getRunId();
        startAtEnd(group, queryTopic.name());
        produce(queryTopic, queries, group);

        WorkerOptions workerOptions = options.workerOptions();
        BatchTally tally = new BatchTally();
        Producer<String, DeadLetter> deadLetterProducer = producers.create(Topics.DEAD_LETTERS, group + "-dlq");
        WorkerLoop loop = new WorkerLoop(
                new KafkaConsumer<>(WorkerLoop.consumerConfig(platform.clusterAccess(), group, workerOptions),
                        new ByteArrayDeserializer(), new ByteArrayDeserializer()),
                producers.create(Topics.COMPLETIONS, group),
                new DeadLetterPublisher(WorkerLoop.STAGE, topics.topic(Topics.DEAD_LETTERS), deadLetterProducer),
                queryTopic, topics.topic(Topics.COMPLETIONS), backends, new ImageLoader(IMAGE_CACHE_BYTES),
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
            return finished(kind, round, start, cpu, answered, tally, startup);
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
                tally.threadCpuNanos.get() / 1e9, startup,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
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

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
