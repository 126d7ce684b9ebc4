package org.ifl.benchmarks.producers;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.ifl.benchmarks.StoredAnswers;
import org.ifl.benchmarks.meter.ProcessCpu;
import org.ifl.platform.Directories;
import org.ifl.platform.EmbeddedPlatform;
import org.ifl.platform.kafka.TopicProducers;
import org.ifl.producers.CheckedImage;
import org.ifl.producers.CompletionReplayer;
import org.ifl.producers.EvaluationTarget;
import org.ifl.producers.FanOut;
import org.ifl.producers.ImageChecker;
import org.ifl.producers.Progress;
import org.ifl.producers.RecordSender;
import org.ifl.producers.ReplayDefaults;
import org.ifl.producers.ReplayFormats;
import org.ifl.producers.ReplayLimits;
import org.ifl.producers.SampleSuite;
import org.ifl.producers.SuiteContents;
import org.ifl.producers.SuiteItem;
import org.ifl.producers.SuitePublisher;
import org.ifl.schemas.avro.Completion;
import org.ifl.schemas.avro.Query;
import org.ifl.schemas.serde.RegistryAvroSerdes;
import org.ifl.schemas.topic.RecordKey;
import org.ifl.schemas.topic.Topics;

/**
 * Throughput of the producers on the embedded broker: publishing a suite (image checks, fan-out, Avro,
 * send, acknowledged) and replaying a stored run (reading the JSONL file, Avro, send, acknowledged), each
 * beside a bare producer that sends the same records' bytes, already serialized, with the same settings:
 * the ceiling the broker and the client set on this machine.
 */
public final class ProducersBenchmark {
    public static final int DEFAULT_ITEMS = 20_000;
    public static final int DEFAULT_COMPLETIONS = 200_000;
    public static final int DEFAULT_ROUNDS = 3;
    private static final Instant RUN_START = Instant.parse("2026-01-01T00:00:00Z");

    /** @param items suite items to publish (each 3 queries); @param completions completions to replay */
    public record Options(int items, int completions, int rounds) {
        public Options {
            if (items < 1 || completions < 1 || rounds < 1) {
                throw new IllegalArgumentException("--items, --completions and --rounds must be at least 1");
            }
        }
    }

    /** One timed run: what it sent, in how long, with how much CPU. */
    public record Run(String what, int round, long records, double seconds, double cpuSeconds) {
        public double recordsPerSecond() {
            return records / seconds;
        }
    }

    public record Result(Options options, int cores, String java, long queryBytes, long completionBytes,
            List<Run> runs) {

        public double median(String what) {
            double[] rates = runs.stream().filter(r -> r.what().equals(what)).mapToDouble(Run::recordsPerSecond)
                    .sorted().toArray();
            return rates.length == 0 ? Double.NaN : rates[rates.length / 2];
        }
    }

    public static final String PUBLISH = "publish (queries)";
    public static final String BARE_QUERIES = "bare producer, query bytes";
    public static final String REPLAY = "replay (completions)";
    public static final String BARE_COMPLETIONS = "bare producer, completion bytes";

    private final Options options;
    private final Consumer<String> progress;

    public ProducersBenchmark(Options options, Consumer<String> progress) {
        this.options = options;
        this.progress = progress;
    }

    public Result run() throws IOException {
        Path dir = Files.createTempDirectory("ifl-bench-producers");
        try (EmbeddedPlatform platform = EmbeddedPlatform.start(EmbeddedPlatform.Settings.ephemeral(
                dir.resolve("platform")))) {
            progress.accept("preparing " + options.items() + " items and " + options.completions()
                    + " stored completions ...");
            SuiteContents suite = items(new SampleSuite().read(dir.resolve("images")), options.items());
            EvaluationTarget target = new EvaluationTarget("bench", "vlm", "c1", true, Map.of("llm", "bench"), null);
            Path runFile = dir.resolve("run.jsonl");
            List<Completion> stored = completions(suite, target, options.completions());
            try (BufferedWriter out = Files.newBufferedWriter(runFile, StandardCharsets.UTF_8)) {
                for (Completion c : stored) {
                    ReplayFormats.writeJsonl(c, out);
                }
            }
            RegistryAvroSerdes serdes = RegistryAvroSerdes.forUrl(platform.registryUrl());
            Topics topics = new Topics(serdes);
            List<byte[][]> queryBytes = serialized(topics.topic(Topics.QUERIES).valueSerde().serializer(),
                    Topics.QUERIES.name(), fannedOut(suite, target));
            List<byte[][]> completionBytes = new ArrayList<>();
            Serializer<Completion> completionSerializer = topics.topic(Topics.COMPLETIONS).valueSerde().serializer();
            for (Completion c : stored) {
                completionBytes.add(new byte[][] {RecordKey.cell(c.getPair()).getBytes(StandardCharsets.UTF_8),
                        completionSerializer.serialize(Topics.COMPLETIONS.name(), c)});
            }
            TopicProducers producers = new TopicProducers(platform.clusterAccess());
            List<Run> runs = new ArrayList<>();
            for (int round = 1; round <= options.rounds(); round++) {
                runs.add(timed(PUBLISH, round, () -> {
                    try (RecordSender<Query> sender = RecordSender.open(producers, Topics.QUERIES, "bench-publish")) {
                        SuitePublisher.Report report = new SuitePublisher(sender, null, new ImageChecker(0),
                                Clock.systemUTC()).publish("sample", suite, target, Progress.silent(0));
                        return requireComplete(report.delivery());
                    }
                }));
                runs.add(timed(BARE_QUERIES, round, () -> bare(platform, Topics.QUERIES.name(), queryBytes)));
                runs.add(timed(REPLAY, round, () -> {
                    CompletionReplayer replayer = new CompletionReplayer(ReplayFormats.jsonl(), ReplayDefaults.none(),
                            ReplayLimits.kafkaDefaults(Instant.now()), System::nanoTime);
                    CompletionReplayer.Checked checked = replayer.check(runFile, Progress.silent(0));
                    try (RecordSender<Completion> sender = RecordSender.open(producers, Topics.COMPLETIONS, "bench-replay")) {
                        CompletionReplayer.Report report = replayer.send(checked, sender, 0, Progress.silent(0));
                        return requireComplete(report.delivery());
                    }
                }));
                runs.add(timed(BARE_COMPLETIONS, round, () -> bare(platform, Topics.COMPLETIONS.name(),
                        completionBytes)));
            }
            long queryAverage = queryBytes.stream().mapToLong(kv -> kv[1].length).sum() / queryBytes.size();
            long completionAverage = completionBytes.stream().mapToLong(kv -> kv[1].length).sum()
                    / completionBytes.size();
            return new Result(options, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                    queryAverage, completionAverage, runs);
        } finally {
            Directories.deleteTree(dir);
        }
    }

    private interface Work {
        long run() throws IOException;
    }

    private Run timed(String what, int round, Work work) throws IOException {
        progress.accept("round " + round + ": " + what + " ...");
        long cpu = ProcessCpu.nanos();
        long start = System.nanoTime();
        long records = work.run();
        Run run = new Run(what, round, records, (System.nanoTime() - start) / 1e9,
                (ProcessCpu.nanos() - cpu) / 1e9);
        progress.accept(String.format(Locale.ROOT, "  %,d records in %.2f s: %,.0f/s", records, run.seconds(),
                run.recordsPerSecond()));
        return run;
    }

    private static long requireComplete(RecordSender.Delivery delivery) {
        if (!delivery.complete()) {
            throw new IllegalStateException("the benchmark's records were not all acknowledged: " + delivery);
        }
        return delivery.sent();
    }

    /** The same records' bytes through a producer with the same settings and no work of ours. */
    private static long bare(EmbeddedPlatform platform, String topic, List<byte[][]> records) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, TopicProducers.LINGER_MS);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, TopicProducers.BATCH_BYTES);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, TopicProducers.COMPRESSION);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (byte[][] kv : records) {
                producer.send(new ProducerRecord<>(topic, kv[0], kv[1]));
            }
            producer.flush();
        }
        return records.size();
    }

    /** {@code count} items made from the sample suite's, each copy its own item id (the images are shared). */
    static SuiteContents items(SuiteContents sample, int count) {
        List<SuiteItem> items = new ArrayList<>(count);
        List<SuiteItem> base = sample.items();
        for (int i = 0; i < count; i++) {
            SuiteItem b = base.get(i % base.size());
            items.add(new SuiteItem(b.dataset(), b.itemId() + "-" + (i / base.size()), b.language(), b.question(),
                    b.image(), b.description(), b.answers(), b.attributes(), b.explanation(), b.origin()));
        }
        return new SuiteContents(items, List.of());
    }

    private static List<Query> fannedOut(SuiteContents suite, EvaluationTarget target) {
        ImageChecker images = new ImageChecker(0);
        List<Query> queries = new ArrayList<>();
        Instant now = Instant.now();
        for (SuiteItem item : suite.items()) {
            CheckedImage image = ((ImageChecker.Usable) images.check(item.image())).image();
            queries.addAll(FanOut.queries(item, target, image, now));
        }
        return queries;
    }

    private static List<byte[][]> serialized(Serializer<Query> values, String topic, List<Query> queries) {
        List<byte[][]> records = new ArrayList<>(queries.size());
        for (Query q : queries) {
            records.add(new byte[][] {RecordKey.pair(q.getPair()).getBytes(StandardCharsets.UTF_8),
                    values.serialize(topic, q)});
        }
        return records;
    }

    /** Answers to the suite's queries, cycled until there are {@code count}: a stored run to replay. */
    private static List<Completion> completions(SuiteContents suite, EvaluationTarget target, int count) {
        List<Query> queries = fannedOut(suite, target);
        List<Completion> completions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            completions.add(answer(queries, i));
        }
        return completions;
    }

    /** Answer {@code i} of a stored run answering {@code queries} in turn, each round under new completion ids. */
    private static Completion answer(List<Query> queries, long i) {
        Query q = queries.get((int) (i % queries.size()));
        String round = Long.toString(i / queries.size());
        return StoredAnswers.of(q, q.getQueryId() + "/" + round, "A stored answer " + round + " to: " + q.getPrompt(),
                RUN_START.plusMillis(i), RUN_START.plusMillis(i + 1));
    }

    /**
     * Writes a stored run of at least {@code bytes} to {@code file} in the replay JSONL format, answering the
     * bundled sample suite's queries in turn (its images are written under {@code workDir}), for measuring a
     * replay of a large file. Returns the number of completions written.
     */
    public static long writeRun(Path file, long bytes, Path workDir) throws IOException {
        SuiteContents suite = new SampleSuite().read(workDir.resolve("images"));
        List<Query> queries = fannedOut(suite, new EvaluationTarget("bench", "vlm", "c1", true, Map.of(), null));
        long written = 0;
        try (CountingWriter out = new CountingWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            while (out.chars() < bytes) {
                ReplayFormats.writeJsonl(answer(queries, written++), out);
            }
        }
        return written;
    }

    /** Counts the characters written (the sample's answers are mostly ASCII: about the bytes). */
    private static final class CountingWriter extends java.io.FilterWriter {
        private long chars;

        CountingWriter(java.io.Writer out) {
            super(out);
        }

        long chars() {
            return chars;
        }

        @Override
        public void write(int c) throws IOException {
            super.write(c);
            chars++;
        }

        @Override
        public void write(char[] buffer, int offset, int length) throws IOException {
            super.write(buffer, offset, length);
            chars += length;
        }

        @Override
        public void write(String text, int offset, int length) throws IOException {
            super.write(text, offset, length);
            chars += length;
        }
    }
}
