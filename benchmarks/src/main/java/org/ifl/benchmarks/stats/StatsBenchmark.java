package org.ifl.benchmarks.stats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;
import org.ifl.benchmarks.meter.ProcessCpu;
import org.ifl.benchmarks.stats.StatsBenchmarkResult.Figures;
import org.ifl.benchmarks.stats.StatsBenchmarkResult.Input;
import org.ifl.benchmarks.stats.StatsBenchmarkResult.Run;
import org.ifl.platform.EmbeddedPlatform;
import org.ifl.platform.kafka.StreamsStageConfig;
import org.ifl.platform.kafka.StreamsStageSettings;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.ExpertAnnotation;
import org.ifl.schemas.avro.LabelStatus;
import org.ifl.schemas.avro.LabeledCompletion;
import org.ifl.schemas.avro.PairKey;
import org.ifl.schemas.serde.RegistryAvroSerdes;
import org.ifl.schemas.topic.RecordKey;
import org.ifl.schemas.topic.Topics;
import org.ifl.statsstream.SimulatedCompletions;
import org.ifl.statsstream.StatsStage;

/**
 * {@code ifl bench stats}: throughput of {@link StatsStage} on an embedded broker with exactly-once v2, beside
 * a bare {@code groupByKey().count()} over the same records. A benchmark, not a test: nothing here asserts, and
 * the build never runs it.
 *
 * <p>Order: a fresh embedded platform on a temporary directory; {@code records} labeled completions (and a few
 * expert annotations) produced once, each serialized once, with an idempotent producer, not timed; then
 * {@code rounds} rounds of one stats run and one bare run, alternating which goes first. Each run is a new
 * Streams application (its own application id, so it reads every record from the start) timed from
 * {@code KafkaStreams.start()} until the committed offsets of its consumer group, polled with the admin client
 * every 100 ms, equal the end offsets of its input topics. The broker and the registry run in this process:
 * the process's CPU time over a run is theirs and the stream threads' together.
 */
public final class StatsBenchmark {
    public static final long DEFAULT_RECORDS = 1_000_000;
    public static final int DEFAULT_ROUNDS = 3;
    public static final long DEFAULT_COMMIT_INTERVAL_MS = 100;
    public static final long DEFAULT_SEED = 1;
    public static final long DEFAULT_STALL_TIMEOUT_SECONDS = 120;

    /** The simulated evaluation: 2 models x 2 checkpoints x 5 datasets x the IFL paper's 14 languages. */
    static final List<String> MODELS = List.of("bench-llava-a", "bench-llava-b");
    static final List<String> CHECKPOINTS = List.of("ckpt-1000", "ckpt-2000");
    static final List<String> DATASETS = List.of("maxm", "palo", "visit-bench", "llava-bench-wild", "artwork");
    static final List<String> LANGUAGES = List.of(
            "ar", "bn", "de", "en", "es", "fr", "he", "hi", "ja", "ro", "ru", "th", "ur", "zh");
    /** Share of the records that are a completion sent again (an at-least-once redelivery). */
    static final double REPEAT_RATE = 0.01;
    /** Share of the items one of whose arms an expert labels; also the labels' sampling probability. */
    static final double ANNOTATION_RATE = 0.002;
    /** A repeat is a copy of one of this many records sent last. */
    private static final int REPEAT_HORIZON = 10_000;
    /** Record timestamps spread evenly over this span before the start, so the hopping windows move. */
    static final Duration SPAN = Duration.ofHours(2);
    /** The service's defaults: 1 h windows every 5 min, emitted every second. */
    static final StatsStage.Options TOPOLOGY = StatsStage.Options.defaults();
    static final String BARE_STAGE = "bench-bare-count";
    private static final String RUN_ID = "bench-stats";
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

    /**
     * @param records labeled completions on eval.labeled, repeats included
     * @param threads stream threads of both topologies
     * @param commitIntervalMs Streams commit.interval.ms: how often a transaction commits
     * @param seed of the simulated fidelities, repeats and annotations
     * @param rounds how many times each topology runs (interleaved); the median is reported
     * @param stallTimeoutSeconds a run fails when its committed offsets do not move for this long
     */
    public record Options(long records, int threads, long commitIntervalMs, long seed, int rounds,
            long stallTimeoutSeconds) {
        public Options {
            if (records < 1) {
                throw new IllegalArgumentException("records must be at least 1, not " + records);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, not " + threads);
            }
            if (commitIntervalMs < 0) {
                throw new IllegalArgumentException("the commit interval cannot be negative: " + commitIntervalMs);
            }
            if (rounds < 1) {
                throw new IllegalArgumentException("rounds must be at least 1, not " + rounds);
            }
            if (stallTimeoutSeconds < 1) {
                throw new IllegalArgumentException("the stall timeout must be at least 1 s, not "
                        + stallTimeoutSeconds);
            }
        }

        public static Options defaults() {
            return new Options(DEFAULT_RECORDS, Runtime.getRuntime().availableProcessors(),
                    DEFAULT_COMMIT_INTERVAL_MS, DEFAULT_SEED, DEFAULT_ROUNDS, DEFAULT_STALL_TIMEOUT_SECONDS);
        }
    }

    private final Options options;
    private final Consumer<String> progress;

    /** {@code progress}: one line at each step (the command prints them on stderr). */
    public StatsBenchmark(Options options, Consumer<String> progress) {
        this.options = options;
        this.progress = progress;
    }

    public StatsBenchmarkResult run() throws IOException, InterruptedException {
        String startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        int cores = Runtime.getRuntime().availableProcessors();
        Path dir = Files.createTempDirectory("ifl-bench-stats-");
        try {
            progress.accept("starting the embedded platform in " + dir + " ...");
            long start = System.nanoTime();
            try (EmbeddedPlatform platform = EmbeddedPlatform.start(
                    EmbeddedPlatform.Settings.ephemeral(dir.resolve("platform")));
                    Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                            platform.bootstrapServers()))) {
                double platformStartSeconds = seconds(System.nanoTime() - start);
                Runs runs = new Runs(platform, admin, dir);
                Input input = runs.produce(platformStartSeconds);
                List<Run> measured = new ArrayList<>();
                for (int round = 1; round <= options.rounds(); round++) {
                    // Alternate which goes first, so that neither always runs on the other's leftovers.
                    boolean statsFirst = round % 2 == 1;
                    measured.add(statsFirst ? runs.stats(round) : runs.bare(round));
                    measured.add(statsFirst ? runs.bare(round) : runs.stats(round));
                }
                Figures stats = Figures.of(StatsBenchmarkResult.STATS, measured, cores);
                Figures bare = Figures.of(StatsBenchmarkResult.BARE, measured, cores);
                return new StatsBenchmarkResult(startedAt, cores,
                        System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                                + System.getProperty("os.arch"),
                        Runtime.version() + " (" + System.getProperty("java.vm.name") + ")",
                        options, input, measured, stats, bare, stats.recordsPerSecond() / bare.recordsPerSecond());
            }
        } finally {
            Utils.delete(dir.toFile());
        }
    }

    /** The bare baseline: counts per record key (the cell) in a RocksDB store; values are not deserialized. */
    static Topology bareCount(String topic) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(topic, Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .groupByKey()
                .count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("bare-count")
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()));
        return builder.build();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /** The input and the runs on one platform. */
    private final class Runs {
        private final EmbeddedPlatform platform;
        private final Admin admin;
        private final Path dir;
        private final Topics topics;
        private final String labeled;
        private final String annotations;
        private Map<TopicPartition, Long> labeledEnds;
        private Map<TopicPartition, Long> inputEnds;

        Runs(EmbeddedPlatform platform, Admin admin, Path dir) {
            this.platform = platform;
            this.admin = admin;
            this.dir = dir;
            this.topics = new Topics(RegistryAvroSerdes.forUrl(platform.registryUrl()));
            this.labeled = Topics.LABELED.name();
            this.annotations = Topics.ANNOTATIONS.name();
        }

        /**
         * Produces the labeled completions and annotations. Items go to cells at random, their arms one after
         * another; after any record, with {@link #REPEAT_RATE}, one of the last {@link #REPEAT_HORIZON} records
         * goes again, the same bytes. Each cell has its own true fidelity per arm.
         */
        Input produce(double platformStartSeconds) throws InterruptedException {
            long records = options.records();
            progress.accept("producing " + records + " labeled completions to " + labeled + " ...");
            long start = System.nanoTime();
            SplittableRandom random = new SplittableRandom(options.seed());
            List<SimulatedCell> cells = simulatedCells(random);
            Serializer<LabeledCompletion> completionBytes = topics.topic(Topics.LABELED).valueSerde().serializer();
            Serializer<ExpertAnnotation> annotationBytes = topics.topic(Topics.ANNOTATIONS).valueSerde().serializer();
            long[] itemsOfCell = new long[cells.size()];
            List<ProducerRecord<byte[], byte[]>> recent = new ArrayList<>(REPEAT_HORIZON);
            long sent = 0;
            long repeats = 0;
            long items = 0;
            long annotated = 0;
            long valueBytes = 0;
            long firstTimestamp = System.currentTimeMillis() - SPAN.toMillis();
            AtomicReference<Exception> failure = new AtomicReference<>();
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                while (sent < records) {
                    int cell = random.nextInt(cells.size());
                    PairKey pair = PairKey.newBuilder(cells.get(cell).pair()).setItemId("item-" + itemsOfCell[cell]++)
                            .build();
                    byte[] key = RecordKey.cell(pair).getBytes(StandardCharsets.UTF_8);
                    long timestamp = firstTimestamp + SPAN.toMillis() * sent / records;
                    Instant at = Instant.ofEpochMilli(timestamp);
                    int[] fidelity = new int[SimulatedCompletions.ALL_ARMS.size()];
                    for (Arm arm : SimulatedCompletions.ALL_ARMS) {
                        if (sent == records) {
                            break;
                        }
                        int f = random.nextDouble() < cells.get(cell).fidelity()[arm.ordinal()] ? 1 : 0;
                        fidelity[arm.ordinal()] = f;
                        byte[] value = completionBytes.serialize(labeled, SimulatedCompletions.labeled(pair, arm,
                                completionId(pair, arm), f, f, LabelStatus.LABELED, at));
                        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(labeled, null, timestamp, key,
                                value);
                        send(producer, record, failure);
                        valueBytes += value.length;
                        sent++;
                        if (recent.size() < REPEAT_HORIZON) {
                            recent.add(record);
                        } else {
                            recent.set((int) (sent % REPEAT_HORIZON), record);
                        }
                        if (sent < records && random.nextDouble() < REPEAT_RATE) {
                            ProducerRecord<byte[], byte[]> again = recent.get(random.nextInt(recent.size()));
                            send(producer, new ProducerRecord<>(labeled, null, timestamp, again.key(),
                                    again.value()), failure);
                            valueBytes += again.value().length;
                            sent++;
                            repeats++;
                        }
                    }
                    items++;
                    if (random.nextDouble() < ANNOTATION_RATE) {
                        Arm arm = SimulatedCompletions.ALL_ARMS.get(random.nextInt(fidelity.length));
                        send(producer, new ProducerRecord<>(annotations, null, timestamp, key,
                                annotationBytes.serialize(annotations, annotation(pair, arm, fidelity[arm.ordinal()],
                                        random, at))), failure);
                        annotated++;
                    }
                    if (failure.get() != null) {
                        break;
                    }
                }
                producer.flush();
            }
            if (failure.get() != null) {
                throw new IllegalStateException("cannot produce the input: " + failure.get(), failure.get());
            }
            labeledEnds = endOffsets(labeled);
            inputEnds = new HashMap<>(labeledEnds);
            inputEnds.putAll(endOffsets(annotations));
            double produceSeconds = seconds(System.nanoTime() - start);
            progress.accept(String.format(java.util.Locale.ROOT, "  %d records (%d repeats) of %d items in %d cells,"
                    + " %d annotations, in %.1f s", sent, repeats, items, cells.size(), annotated, produceSeconds));
            return new Input(sent, repeats, items, cells.size(), annotated, (double) valueBytes / sent,
                    labeledEnds.entrySet().stream().sorted(Map.Entry.comparingByKey(
                            (a, b) -> Integer.compare(a.partition(), b.partition())))
                            .map(Map.Entry::getValue).toList(),
                    platformStartSeconds, produceSeconds);
        }

        /** A cell ({@code pair} without an item) and the true fidelity of each arm, by ordinal. */
        private record SimulatedCell(PairKey pair, double[] fidelity) {
        }

        /**
         * Every cell of the simulated evaluation. Text fidelity between 0.80 and 0.99; the image loses up to 0.40
         * of it (the IFL); the remedy wins back a random share of the loss.
         */
        private static List<SimulatedCell> simulatedCells(SplittableRandom random) {
            List<SimulatedCell> cells = new ArrayList<>();
            for (String model : MODELS) {
                for (String checkpoint : CHECKPOINTS) {
                    for (String dataset : DATASETS) {
                        for (String language : LANGUAGES) {
                            double text = 0.80 + 0.19 * random.nextDouble();
                            double image = text - 0.40 * random.nextDouble();
                            cells.add(new SimulatedCell(new PairKey(RUN_ID, model, checkpoint, dataset, "", language),
                                    new double[] {text, image, image + (text - image) * random.nextDouble()}));
                        }
                    }
                }
            }
            return cells;
        }

        private Properties producerConfig() {
            Properties config = new Properties();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
            config.put(ProducerConfig.CLIENT_ID_CONFIG, "ifl-bench-stats-producer");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
            config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
            // One request in flight: on a starved machine a request can time out after the broker wrote it while
            // later ones succeed, and the retry then fails for good with an out-of-order sequence (seen with the
            // broker sharing 2 loaded cores). The input is produced before anything is timed.
            config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
            return config;
        }

        private static void send(KafkaProducer<byte[], byte[]> producer, ProducerRecord<byte[], byte[]> record,
                AtomicReference<Exception> failure) {
            producer.send(record, (metadata, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
            });
        }

        private static String completionId(PairKey pair, Arm arm) {
            return RecordKey.pair(pair) + "|" + arm.name();
        }

        /** An expert's label of {@code arm}: agrees with the language identifier 95% of the time. */
        private static ExpertAnnotation annotation(PairKey pair, Arm arm, int fidelity, SplittableRandom random,
                Instant at) {
            boolean inExpected = (fidelity == 1) == (random.nextDouble() < 0.95);
            return ExpertAnnotation.newBuilder()
                    .setCompletionId(completionId(pair, arm))
                    .setPair(pair)
                    .setArm(arm)
                    .setTrueLanguage(inExpected ? pair.getLanguage() : pair.getLanguage().equals("en") ? "fr" : "en")
                    .setSamplingProbability(ANNOTATION_RATE)
                    .setAnnotator("bench")
                    .setAnnotatedAt(at)
                    .build();
        }

        Run stats(int round) throws InterruptedException {
            return run(StatsBenchmarkResult.STATS, round, StatsStage.topology(topics, TOPOLOGY), StatsStage.STAGE,
                    inputEnds);
        }

        Run bare(int round) throws InterruptedException {
            return run(StatsBenchmarkResult.BARE, round, bareCount(labeled), BARE_STAGE, labeledEnds);
        }

        /** One timed run of {@code topology} as a new application, until it has committed all of {@code ends}. */
        private Run run(String name, int round, Topology topology, String stage, Map<TopicPartition, Long> ends)
                throws InterruptedException {
            String applicationId = "ifl-bench-" + (name.equals(StatsBenchmarkResult.STATS) ? "stats" : "bare")
                    + "-" + round + "-" + UUID.randomUUID();
            progress.accept("round " + round + " of " + options.rounds() + ": " + name + ", " + options.threads()
                    + " stream thread(s) ...");
            StreamsStageSettings settings = new StreamsStageSettings(applicationId) { };
            settings.setThreads(options.threads());
            settings.setCommitIntervalMs(options.commitIntervalMs());
            settings.setStateDir(dir.resolve("streams").toString());
            Properties config = settings.streamsConfig(platform.bootstrapServers(), platform.registryUrl(), stage);
            config.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
            long deadLettersBefore = total(endOffsets(Topics.DEAD_LETTERS.name()));
            Committed committed;
            long cpu;
            long nanos;
            long processed;
            try (KafkaStreams streams = new KafkaStreams(topology, config)) {
                AtomicReference<Throwable> failure = new AtomicReference<>();
                streams.setUncaughtExceptionHandler(e -> {
                    failure.compareAndSet(null, e);
                    return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
                });
                long cpuBefore = ProcessCpu.nanos();
                long start = System.nanoTime();
                streams.start();
                committed = awaitCommitted(applicationId, ends, streams, failure, start);
                nanos = System.nanoTime() - start;
                cpu = ProcessCpu.nanos() - cpuBefore;
                processed = processedRecords(streams);
                streams.close(StreamsStageConfig.leavingGroup());
                streams.cleanUp();
            }
            deleteInternalTopics(applicationId);
            long records = committed.labeled();
            double afterFirst = seconds(nanos - committed.firstAtNanos());
            Run run = new Run(name, round, seconds(nanos), seconds(committed.firstAtNanos()),
                    seconds(committed.inputAtNanos()), records,
                    records / seconds(nanos),
                    afterFirst > 0 ? (records - committed.labeledAtFirst()) / afterFirst : Double.NaN,
                    processed, seconds(cpu), records / seconds(cpu), (double) cpu / nanos,
                    total(endOffsets(Topics.DEAD_LETTERS.name())) - deadLettersBefore);
            progress.accept(String.format(java.util.Locale.ROOT, "  %.1f s, %,.0f records/s, %.2f cores busy",
                    run.seconds(), run.recordsPerSecond(), run.coresBusy()));
            return run;
        }

        /** Records the stream threads processed: the input, and what the topology repartitioned and read back. */
        private static long processedRecords(KafkaStreams streams) {
            return (long) streams.metrics().values().stream()
                    .filter(m -> m.metricName().group().equals("stream-thread-metrics")
                            && m.metricName().name().equals("process-total"))
                    .mapToDouble(m -> ((Number) m.metricValue()).doubleValue()).sum();
        }

        /**
         * What a run committed: labeled completions in all; when (nanoseconds after the start) the first commit
         * was seen, and how many labeled completions it held; when the whole input was committed.
         */
        private record Committed(long labeled, long firstAtNanos, long labeledAtFirst, long inputAtNanos) {
        }

        /**
         * Polls the group's committed offsets until they reach the end of the input ({@code inputEnds}) and then
         * the end of the application's repartition topics: the stats topology's cell updates go to the checkpoint
         * processor through one, and its work is the run's work too. The last update is sent at the first emit
         * after the last input record, so the repartition topics are judged one emit interval and one commit
         * interval after the input was committed at the earliest. Fails on a stall or a dead stream.
         */
        private Committed awaitCommitted(String group, Map<TopicPartition, Long> inputEnds, KafkaStreams streams,
                AtomicReference<Throwable> failure, long start) throws InterruptedException {
            Watch watch = new Watch("input records", streams, failure, start);
            long firstAt = -1;
            long labeledAtFirst = 0;
            while (true) {
                Map<TopicPartition, Long> offsets = committedOffsets(group);
                long now = System.nanoTime();
                long labeledDone = offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(labeled))
                        .mapToLong(Map.Entry::getValue).sum();
                if (firstAt < 0 && !offsets.isEmpty()) {
                    firstAt = now - start;
                    labeledAtFirst = labeledDone;
                }
                if (watch.reached(committedUpTo(inputEnds, offsets, 0), total(inputEnds), now)) {
                    Committed committed = new Committed(labeledDone, firstAt, labeledAtFirst, now - start);
                    awaitRepartitioned(group, streams, failure, now);
                    return committed;
                }
                Thread.sleep(POLL.toMillis());
            }
        }

        private void awaitRepartitioned(String group, KafkaStreams streams, AtomicReference<Throwable> failure,
                long inputAt) throws InterruptedException {
            List<String> repartitionTopics = internalTopics(group).stream().filter(t -> t.endsWith("-repartition"))
                    .toList();
            if (repartitionTopics.isEmpty()) {
                return;
            }
            long judgeFrom = inputAt + TOPOLOGY.emitInterval().toNanos() + Duration.ofMillis(options.commitIntervalMs())
                    .toNanos();
            Watch watch = new Watch("repartitioned records", streams, failure, inputAt);
            while (true) {
                Map<TopicPartition, Long> ends = new HashMap<>();
                for (String topic : repartitionTopics) {
                    ends.putAll(endOffsets(topic));
                }
                Map<TopicPartition, Long> offsets = committedOffsets(group);
                long now = System.nanoTime();
                // Each transaction ends with a marker in every partition it wrote; the group commits past the
                // last one only once it has fetched it, so one offset short of the end is the end.
                if (watch.reached(committedUpTo(ends, offsets, 1), total(ends), now) && now >= judgeFrom) {
                    return;
                }
                Thread.sleep(POLL.toMillis());
            }
        }

        /** Offsets committed of each partition in {@code ends}, with {@code slack}, up to its end, summed. */
        private static long committedUpTo(Map<TopicPartition, Long> ends, Map<TopicPartition, Long> offsets,
                long slack) {
            return ends.entrySet().stream()
                    .mapToLong(e -> Math.min(e.getValue(), offsets.getOrDefault(e.getKey(), 0L) + slack)).sum();
        }

        /** Follows the committed total of a run towards its target: progress lines, stalls, a failed stream. */
        private final class Watch {
            private final String what;
            private final KafkaStreams streams;
            private final AtomicReference<Throwable> failure;
            private long last = -1;
            private long lastMoved;
            private long nextReport;

            Watch(String what, KafkaStreams streams, AtomicReference<Throwable> failure, long start) {
                this.what = what;
                this.streams = streams;
                this.failure = failure;
                this.lastMoved = start;
                this.nextReport = start + PROGRESS_EVERY.toNanos();
            }

            /** Whether {@code done} reached {@code target}; throws when the stream failed or stalled. */
            boolean reached(long done, long target, long now) {
                if (done >= target) {
                    return true;
                }
                KafkaStreams.State state = streams.state();
                if (failure.get() != null || state == KafkaStreams.State.ERROR
                        || state == KafkaStreams.State.PENDING_ERROR) {
                    throw new IllegalStateException("the application failed after committing " + done + " of "
                            + target + " " + what + ": " + (failure.get() == null ? state : failure.get()),
                            failure.get());
                }
                if (done > last) {
                    last = done;
                    lastMoved = now;
                } else if (now - lastMoved > Duration.ofSeconds(options.stallTimeoutSeconds()).toNanos()) {
                    throw new IllegalStateException("no committed offset moved for " + options.stallTimeoutSeconds()
                            + " s after " + done + " of " + target + " " + what + " (streams " + state + ")");
                }
                if (now > nextReport) {
                    progress.accept(String.format(java.util.Locale.ROOT, "  %,d of %,d %s committed", done, target,
                            what));
                    nextReport = now + PROGRESS_EVERY.toNanos();
                }
                return false;
            }
        }

        /** The group's committed offsets; none before its first commit. */
        private Map<TopicPartition, Long> committedOffsets(String group) throws InterruptedException {
            try {
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                return offsets.entrySet().stream().filter(e -> e.getValue() != null)
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            } catch (ExecutionException e) {
                if (e.getCause() instanceof GroupIdNotFoundException) {
                    return Map.of();
                }
                throw new IllegalStateException("cannot read the committed offsets of " + group + ": "
                        + e.getCause(), e.getCause());
            }
        }

        private Map<TopicPartition, Long> endOffsets(String topic) throws InterruptedException {
            try {
                int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                        .size();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                for (int p = 0; p < partitions; p++) {
                    latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
                }
                return admin.listOffsets(latest).all().get().entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            } catch (ExecutionException e) {
                throw new IllegalStateException("cannot read the end offsets of " + topic + ": " + e.getCause(),
                        e.getCause());
            }
        }

        /** The application's repartition and changelog topics. */
        private Set<String> internalTopics(String applicationId) throws InterruptedException {
            try {
                return admin.listTopics().names().get().stream()
                        .filter(name -> name.startsWith(applicationId + "-")).collect(Collectors.toSet());
            } catch (ExecutionException e) {
                throw new IllegalStateException("cannot list topics: " + e.getCause(), e.getCause());
            }
        }

        /** Removes the run's internal topics, so that later runs share the broker with less. */
        private void deleteInternalTopics(String applicationId) throws InterruptedException {
            try {
                admin.deleteTopics(internalTopics(applicationId)).all().get();
            } catch (ExecutionException e) {
                progress.accept("  (could not delete the run's internal topics: " + e.getCause() + ")");
            }
        }
    }

    private static long total(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }
}
