package org.ifl.benchmarks.lid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.ifl.benchmarks.lid.LabeledTextCorpus.LabeledText;
import org.ifl.benchmarks.meter.ProcessCpu;
import org.ifl.benchmarks.meter.ThreadCpu;
import org.ifl.lidstream.CompletionScorer;
import org.ifl.lidstream.LanguageDetector;
import org.ifl.lidstream.LidMetrics;
import org.ifl.lidstream.LidStage;
import org.ifl.platform.EmbeddedPlatform;
import org.ifl.platform.kafka.ClusterAccess;
import org.ifl.platform.kafka.StreamsStageConfig;
import org.ifl.schemas.avro.LabeledCompletion;
import org.ifl.schemas.serde.RegistryAvroSerdes;
import org.ifl.schemas.topic.Topic;
import org.ifl.schemas.topic.Topics;

/**
 * The topology end to end on a fresh embedded platform in a temporary directory. {@link #start} produces the
 * {@link CatalogCompletions}, one completion per text and repeat, to {@code eval.completions}; each
 * {@link #runRound} then runs {@link LidStage#topology} in a new {@link KafkaStreams} application (its own application
 * id, so it reads every completion from the beginning) with the stage's exactly-once settings, timed from
 * {@code start()} until a read_committed consumer has read every labeled completion that round wrote to
 * {@code eval.labeled}.
 */
final class TopologyBench implements AutoCloseable {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

    /**
     * @param cellsPerLanguage text {@code i} goes to cell {@code i % cellsPerLanguage} of its language: one pair
     *     (so one record key, {@code model|checkpoint|dataset|language}) per language and cell
     */
    record Settings(int threads, long commitIntervalMs, int cellsPerLanguage, int maxTextBytes,
            Duration stallTimeout) {
    }

    /**
     * One round: nanoseconds from {@code start()} to the last labeled completion read and to the first, the
     * process's CPU nanoseconds over that time and the CPU seconds of each group of threads
     * ({@link ThreadCpu}), the stream threads' nanoseconds in the scorer, how many labels
     * equal the bare detector's, and each stream thread's input partitions.
     */
    record Round(long totalNanos, long firstOutputNanos, long cpuNanos, Map<String, Double> cpuSecondsByThreads,
            long scoringNanos, long labelsAsBare, Map<String, List<Integer>> partitionsByThread) {
    }

    private final LanguageDetector detector;
    private final Settings settings;
    private final Consumer<String> progress;
    private final Path dir;
    private final EmbeddedPlatform platform;
    private final Topics topics;
    private final double platformStartSeconds;
    private CatalogCompletions completions;

    private TopologyBench(LanguageDetector detector, Settings settings, Consumer<String> progress, Path dir,
            EmbeddedPlatform platform, double platformStartSeconds) {
        this.detector = detector;
        this.settings = settings;
        this.progress = progress;
        this.dir = dir;
        this.platform = platform;
        this.topics = new Topics(RegistryAvroSerdes.forUrl(platform.registryUrl()));
        this.platformStartSeconds = platformStartSeconds;
    }

    /** Starts a platform on a new temporary directory and produces the completions ({@code repeat} per text). */
    static TopologyBench start(LanguageDetector detector, Settings settings, List<LabeledText> texts, int repeat,
            Consumer<String> progress) throws IOException {
        Path dir = Files.createTempDirectory("ifl-bench-lid-");
        progress.accept("starting the embedded platform in " + dir + " ...");
        long start = System.nanoTime();
        EmbeddedPlatform platform;
        try {
            platform = EmbeddedPlatform.start(EmbeddedPlatform.Settings.ephemeral(dir.resolve("platform")));
        } catch (RuntimeException e) {
            deleteRecursively(dir);
            throw e;
        }
        TopologyBench bench = new TopologyBench(detector, settings, progress, dir, platform,
                (System.nanoTime() - start) / 1e9);
        try {
            bench.completions = CatalogCompletions.produce(platform.bootstrapServers(), bench.topics, texts, repeat,
                    settings.cellsPerLanguage(), progress);
        } catch (RuntimeException e) {
            bench.close();
            throw e;
        }
        return bench;
    }

    /**
     * Runs the topology once, as a new application, over every completion.
     *
     * @param bareLabels the bare detector's normalised label of each text, by index, to compare with
     */
    Round runRound(String round, List<String> bareLabels) {
        Topic<String, LabeledCompletion> labeled = topics.topic(Topics.LABELED);
        Properties config = StreamsStageConfig.exactlyOnce("ifl-bench-lid-" + round + "-" + UUID.randomUUID(),
                platform.clusterAccess(), LidStage.STAGE);
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.threads());
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.commitIntervalMs());
        config.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("streams-" + round).toString());
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        CompletionScorer scorer = LidStage.scorer(detector);

        LongAdder scoringNanos = new LongAdder();
        LidMetrics metrics = scoringNanos::add;
        try (KafkaConsumer<byte[], byte[]> reader = readerFromTheEnd(labeled.name());
                KafkaStreams streams = new KafkaStreams(
                        LidStage.topology(topics, scorer, settings.maxTextBytes(), metrics), config)) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            streams.setUncaughtExceptionHandler(e -> {
                failure.compareAndSet(null, e);
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            long cpuBefore = ProcessCpu.nanos();
            ThreadCpu threadsBefore = ThreadCpu.read();
            long start = System.nanoTime();
            streams.start();
            Read read = readAll(reader, streams, failure);
            long end = System.nanoTime();
            long cpuAfter = ProcessCpu.nanos();
            Map<String, Double> cpuByThreads = threadsBefore.secondsUntil(ThreadCpu.read());

            Map<String, List<Integer>> partitionsByThread = partitionsByThread(streams.metadataForLocalThreads(),
                    Topics.COMPLETIONS.name());
            streams.close(CLOSE_TIMEOUT);
            return new Round(end - start, read.firstAt() - start, cpuBefore < 0 ? -1 : cpuAfter - cpuBefore,
                    cpuByThreads, scoringNanos.sum(),
                    countLabelsAsBare(read.values(), labeled.valueSerde().deserializer(), labeled.name(), bareLabels),
                    partitionsByThread);
        }
    }

    /** A read_committed consumer of every partition of {@code topic}, placed after what earlier rounds wrote. */
    private KafkaConsumer<byte[], byte[]> readerFromTheEnd(String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "ifl-bench-lid-reader");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50); // the last records are seen soon after their commit
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.endOffsets(partitions).forEach(consumer::seek);
        return consumer;
    }

    /** The labeled completions' values, undecoded (decoding is not the topology's work), and when the first came. */
    private record Read(List<byte[]> values, long firstAt) {
    }

    private Read readAll(KafkaConsumer<byte[], byte[]> reader, KafkaStreams streams,
            AtomicReference<Throwable> failure) {
        long expected = completions.count();
        List<byte[]> values = new ArrayList<>((int) expected);
        long firstAt = 0;
        int lastCount = 0;
        long lastProgress = System.nanoTime();
        long nextReport = lastProgress + PROGRESS_EVERY.toNanos();
        while (values.size() < expected) {
            for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(100))) {
                values.add(record.value());
            }
            long now = System.nanoTime();
            if (!values.isEmpty() && firstAt == 0) {
                firstAt = now;
            }
            if (failure.get() != null || streams.state() == KafkaStreams.State.ERROR
                    || streams.state() == KafkaStreams.State.PENDING_ERROR) {
                throw new IllegalStateException("the topology failed after " + values.size() + " of " + expected
                        + " labeled completions: " + (failure.get() == null ? streams.state() : failure.get()),
                        failure.get());
            }
            if (now > nextReport) {
                progress.accept("  " + values.size() + " of " + expected + " labeled completions read");
                nextReport = now + PROGRESS_EVERY.toNanos();
            }
            if (values.size() > lastCount) {
                lastCount = values.size();
                lastProgress = now;
            } else if (now - lastProgress > settings.stallTimeout().toNanos()) {
                throw new IllegalStateException("no labeled completion for " + settings.stallTimeout().toSeconds()
                        + " s after " + values.size() + " of " + expected + " (streams " + streams.state()
                        + "); records the stage rejected are in " + Topics.DEAD_LETTERS.name());
            }
        }
        if (values.size() > expected) {
            throw new IllegalStateException(values.size() + " labeled completions read, " + expected
                    + " expected: exactly-once did not hold");
        }
        return new Read(values, firstAt);
    }

    private static long countLabelsAsBare(List<byte[]> values, Deserializer<LabeledCompletion> deserializer,
            String topic, List<String> bareLabels) {
        long same = 0;
        for (byte[] value : values) {
            LabeledCompletion labeled = deserializer.deserialize(topic, value);
            int index = CatalogCompletions.textIndex(labeled.getCompletion().getCompletionId());
            if (bareLabels.get(index).equals(labeled.getLabel().getLanguage())) {
                same++;
            }
        }
        return same;
    }

    private static Map<String, List<Integer>> partitionsByThread(Iterable<ThreadMetadata> threads, String inputTopic) {
        Map<String, List<Integer>> byThread = new TreeMap<>();
        for (ThreadMetadata thread : threads) {
            byThread.put(shortName(thread.threadName()), thread.activeTasks().stream()
                    .flatMap(task -> task.topicPartitions().stream())
                    .filter(tp -> tp.topic().equals(inputTopic))
                    .map(TopicPartition::partition)
                    .sorted()
                    .toList());
        }
        return byThread;
    }

    /** "StreamThread-1" out of "ifl-bench-lid-0-<uuid>-<uuid>-StreamThread-1". */
    private static String shortName(String threadName) {
        int at = threadName.lastIndexOf("StreamThread-");
        return at < 0 ? threadName : threadName.substring(at);
    }

    /** What was produced, the same for every round. */
    CatalogCompletions completions() {
        return completions;
    }

    double platformStartSeconds() {
        return platformStartSeconds;
    }

    @Override
    public void close() {
        try {
            platform.close();
        } finally {
            deleteRecursively(dir);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // a temporary directory: what is left, the system's cleaning removes
                }
            });
        } catch (IOException e) {
            // as above
        }
    }
}
