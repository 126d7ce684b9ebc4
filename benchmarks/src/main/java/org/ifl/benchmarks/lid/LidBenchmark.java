package org.ifl.benchmarks.lid;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Consumer;
import org.ifl.benchmarks.lid.LabeledTextCorpus.LabeledText;
import org.ifl.benchmarks.lid.LidBenchmarkResult.Heap;
import org.ifl.benchmarks.lid.LidBenchmarkResult.Measured;
import org.ifl.benchmarks.lid.LidBenchmarkResult.TopologyFigures;
import org.ifl.benchmarks.lid.LidBenchmarkResult.TopologyRound;
import org.ifl.benchmarks.meter.ProcessCpu;
import org.ifl.lidstream.CompletionScorer;
import org.ifl.lidstream.LanguageJudge;
import org.ifl.lidstream.LidStage;
import org.ifl.lidstream.LinguaDetector;
import org.ifl.schemas.avro.Completion;

/**
 * {@code ifl bench lid}: the same texts, labeled message-catalog strings ({@link LabeledTextCorpus}), through
 * (a) the bare detector in a loop and (b) the lid-stream topology end to end on an embedded broker; their
 * throughputs and ratio, heap use, and the accuracy of the normalised label per language. A benchmark, not
 * a test: nothing here asserts, and it is never run by the build.
 *
 * <p>Order: corpus; detector (its load timed); warm-up, the detector over the texts for {@code warmup} (its
 * first pass's labels make the accuracy table); a fresh embedded platform with every completion produced to
 * it and one untimed topology round; then rounds of: the bare detector on one thread, on {@code threads}
 * threads, and the topology as a new Streams application. Rounds interleave so that whatever else the machine
 * does at the time weighs on all three alike; the broker is idle during the bare runs. All in one JVM, so the
 * JIT has compiled the detector for all three.
 */
public final class LidBenchmark {
    /** Both runs detect at least this many texts when {@code --repeat} is left to choose. */
    public static final int MIN_DETECTIONS = 5_000;
    /** Languages with fewer texts are left out of the "well sampled" macro-average. */
    public static final int MIN_TEXTS_FOR_MACRO = 30;
    public static final long DEFAULT_SEED = 1;
    public static final int DEFAULT_ROUNDS = 3;
    /** Long enough for Lingua's code to settle in the JIT on a 2-core machine (about 20 s there). */
    public static final int DEFAULT_WARMUP_SECONDS = 30;
    public static final Duration DEFAULT_WARMUP = Duration.ofSeconds(DEFAULT_WARMUP_SECONDS);
    public static final long DEFAULT_COMMIT_INTERVAL_MS = 100;
    public static final int DEFAULT_MAX_TEXT_BYTES = 64 * 1024;

    /**
     * @param repeat how many times each text is detected in each run; 0 picks the least that reaches
     *     {@link #MIN_DETECTIONS}
     * @param rounds how many times each of the three runs is measured (interleaved); the median is reported
     * @param warmup how long the detector runs over the texts (on {@code threads} threads) before any timing
     * @param threads stream threads of the topology, and threads of the second bare run
     * @param cellsPerLanguage how many cells (record keys) each language's completions are spread over: 1 keys
     *     them by language alone, 17 keys over 6 partitions; more spread the work more evenly
     * @param answerChars 0 to time the catalog strings as they are; else each language's strings are joined, one
     *     per line, into texts of at least this many characters, the length of a model's answer, for the timed
     *     runs (the accuracy table stays on the single strings)
     */
    public record Options(Path localeDir, int perLanguage, int repeat, int rounds, Duration warmup, int threads,
            long seed, long commitIntervalMs, int cellsPerLanguage, Duration stallTimeout, int answerChars) {
        public Options {
            if (answerChars < 0) {
                throw new IllegalArgumentException("answer length cannot be negative: " + answerChars);
            }
            if (perLanguage < 1) {
                throw new IllegalArgumentException("texts per language must be at least 1, not " + perLanguage);
            }
            if (repeat < 0) {
                throw new IllegalArgumentException("repeat must be 0 (automatic) or more, not " + repeat);
            }
            if (warmup.isNegative()) {
                throw new IllegalArgumentException("the warm-up cannot be negative: " + warmup);
            }
            if (rounds < 1) {
                throw new IllegalArgumentException("rounds must be at least 1, not " + rounds);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, not " + threads);
            }
            if (cellsPerLanguage < 1) {
                throw new IllegalArgumentException("cells per language must be at least 1, not " + cellsPerLanguage);
            }
            if (commitIntervalMs < 0) {
                throw new IllegalArgumentException("the commit interval cannot be negative: " + commitIntervalMs);
            }
        }

        public static Options defaults() {
            return new Options(LabeledTextCorpus.DEFAULT_LOCALE_DIR, LabeledTextCorpus.DEFAULT_PER_LANGUAGE, 0,
                    DEFAULT_ROUNDS, DEFAULT_WARMUP, Runtime.getRuntime().availableProcessors(), DEFAULT_SEED,
                    DEFAULT_COMMIT_INTERVAL_MS, 1,
                    Duration.ofMinutes(2), 0);
        }
    }

    private final Options options;
    private final Consumer<String> progress;

    /** {@code progress}: one line at each step (the command prints them on stderr). */
    public LidBenchmark(Options options, Consumer<String> progress) {
        this.options = options;
        this.progress = progress;
    }

    /** The least repeat that makes {@code texts} texts at least {@link #MIN_DETECTIONS} detections. */
    public static int automaticRepeat(int texts) {
        return texts == 0 ? 1 : Math.max(1, (MIN_DETECTIONS + texts - 1) / texts);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    public LidBenchmarkResult run() throws IOException, InterruptedException {
        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<String> languages = LinguaDetector.DEFAULT_LANGUAGES;
        LabeledTextCorpus corpus = loadCorpus(languages);
        List<LabeledText> texts = corpus.texts();
        int repeat = options.repeat() > 0 ? options.repeat() : automaticRepeat(texts.size());

        progress.accept("loading Lingua's models for " + languages.size() + " languages ...");
        long loadStart = System.nanoTime();
        LinguaDetector detector = new LinguaDetector(languages);
        double loadSeconds = seconds(System.nanoTime() - loadStart);

        progress.accept("warm-up: the texts over and over for " + options.warmup().toSeconds()
                + " s (the first pass's labels make the accuracy table) ...");
        long warmupStart = System.nanoTime();
        List<String> labels = new ArrayList<>(texts.size());
        AccuracyTable accuracy = new AccuracyTable(languages);
        label(detector, texts, labels, accuracy);
        if (options.answerChars() > 0) {
            texts = LabeledTextCorpus.joinedTo(texts, options.answerChars());
            labels.clear();
            label(detector, texts, labels, new AccuracyTable(languages));
            repeat = options.repeat() > 0 ? options.repeat() : automaticRepeat(texts.size());
        }
        // Lingua's code takes long to settle in the JIT: well over ten passes here, with recompilations between.
        while (System.nanoTime() - warmupStart < options.warmup().toNanos()) {
            BareDetectorRun.threads(detector, texts, 1, options.threads());
        }
        double warmupSeconds = seconds(System.nanoTime() - warmupStart);
        Heap heapWithDetector = Heap.measure();

        Measurements measured = measure(detector, texts, repeat, labels);

        Runtime runtime = Runtime.getRuntime();
        double bestBare = Math.max(measured.bareSingle().median(), measured.bareThreads().median());
        return new LidBenchmarkResult(
                startedAt.toString(),
                new LidBenchmarkResult.Machine(runtime.availableProcessors(),
                        System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                                + System.getProperty("os.arch"),
                        Runtime.version() + " (" + System.getProperty("java.vm.name") + ")",
                        ForkJoinPool.getCommonPoolParallelism()),
                new LidBenchmarkResult.Corpus(options.localeDir().toString(), options.perLanguage(), options.seed(),
                        texts.size(), texts.stream().mapToInt(t -> t.text().length()).average().orElse(0),
                        corpus.sources()),
                new LidBenchmarkResult.Detector(detector.name(), detector.languages(), loadSeconds),
                repeat,
                options.rounds(),
                warmupSeconds,
                measured.bareSingle(),
                measured.bareThreads(),
                measured.scorer(),
                measured.topology(),
                measured.topology().median() / bestBare,
                measured.topology().median() / measured.bareSingle().median(),
                measured.topology().median() / measured.scorer().median(),
                heapWithDetector,
                measured.heapWithPlatform(),
                accuracy.summarise(MIN_TEXTS_FOR_MACRO));
    }

    private LabeledTextCorpus loadCorpus(List<String> languages) throws IOException {
        progress.accept("reading message catalogs under " + options.localeDir() + " ...");
        LabeledTextCorpus corpus = LabeledTextCorpus.load(options.localeDir(), languages, options.perLanguage(),
                options.seed());
        for (LabeledTextCorpus.Source source : corpus.sources()) {
            if (source.drawn() == 0) {
                progress.accept("  " + source.language() + ": no texts (" + source.note() + "); going on without");
            }
        }
        if (corpus.texts().isEmpty()) {
            throw new IllegalStateException("no texts: no message catalog of " + languages + " under "
                    + options.localeDir() + " (is it a locale directory like /usr/share/locale?)");
        }
        return corpus;
    }

    /** Each text's normalised label, as the topology's scorer computes it, into {@code labels} and the table. */
    private static void label(LinguaDetector detector, List<LabeledText> texts, List<String> labels,
            AccuracyTable accuracy) {
        LanguageJudge judge = new LanguageJudge(detector);
        for (LabeledText text : texts) {
            String label = judge.language(text.text());
            labels.add(label);
            accuracy.add(text.language(), label);
        }
    }

    private record Measurements(Measured bareSingle, Measured bareThreads, Measured scorer, TopologyFigures topology,
            Heap heapWithPlatform) {
    }

    /** The platform, an untimed topology round, then the rounds of the three runs. */
    private Measurements measure(LinguaDetector detector, List<LabeledText> texts, int repeat, List<String> labels)
            throws IOException, InterruptedException {
        long detections = (long) texts.size() * repeat;
        int rounds = options.rounds();
        long[] nanosPerText = new long[texts.size()];
        List<Double> single = new ArrayList<>();
        List<Double> singleCores = new ArrayList<>();
        List<Double> threaded = new ArrayList<>();
        List<Double> threadedCores = new ArrayList<>();
        List<Double> scored = new ArrayList<>();
        List<Double> scoredCores = new ArrayList<>();
        CompletionScorer scorer = LidStage.scorer(detector);
        List<Completion> completions = CatalogCompletions.oneEach(texts);
        TopologyBench.Settings settings = new TopologyBench.Settings(options.threads(), options.commitIntervalMs(),
                options.cellsPerLanguage(), DEFAULT_MAX_TEXT_BYTES, options.stallTimeout());
        try (TopologyBench bench = TopologyBench.start(detector, settings, texts, repeat, progress)) {
            CatalogCompletions produced = bench.completions();
            progress.accept("warm-up of the topology: one round, not timed ...");
            bench.runRound("warm-up", labels);
            List<TopologyBench.Round> runs = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                String of = "round " + round + " of " + rounds + ": ";
                progress.accept(of + "bare detector, 1 thread, " + detections + " detections ...");
                long cpu = ProcessCpu.nanos();
                long nanos = BareDetectorRun.singleThread(detector, texts, repeat, nanosPerText);
                single.add(detections / seconds(nanos));
                singleCores.add(ProcessCpu.coresBusy(cpu, ProcessCpu.nanos(), nanos));
                progress.accept(of + "bare detector, " + options.threads() + " threads ...");
                cpu = ProcessCpu.nanos();
                nanos = BareDetectorRun.threads(detector, texts, repeat, options.threads());
                threaded.add(detections / seconds(nanos));
                threadedCores.add(ProcessCpu.coresBusy(cpu, ProcessCpu.nanos(), nanos));
                progress.accept(of + "scorer without Kafka, " + options.threads() + " threads ...");
                cpu = ProcessCpu.nanos();
                nanos = BareDetectorRun.threads(i -> scorer.score(completions.get(i)), completions.size(), repeat,
                        options.threads());
                scored.add(detections / seconds(nanos));
                scoredCores.add(ProcessCpu.coresBusy(cpu, ProcessCpu.nanos(), nanos));
                progress.accept(of + "topology, " + options.threads() + " stream thread(s), " + produced.count()
                        + " completions ...");
                runs.add(bench.runRound(Integer.toString(round), labels));
            }
            Heap heapWithPlatform = Heap.measure();

            double[] nanosPerTextOnce = new double[texts.size()];
            for (int i = 0; i < texts.size(); i++) {
                nanosPerTextOnce[i] = (double) nanosPerText[i] / rounds / repeat;
            }
            List<TopologyRound> topologyRounds = new ArrayList<>();
            for (TopologyBench.Round run : runs) {
                double total = seconds(run.totalNanos());
                double afterFirst = seconds(run.totalNanos() - run.firstOutputNanos());
                topologyRounds.add(new TopologyRound(total, produced.count() / total,
                        seconds(run.firstOutputNanos()),
                        afterFirst > 0 ? (produced.count() - 1) / afterFirst : Double.NaN,
                        run.cpuNanos() < 0 ? Double.NaN : (double) run.cpuNanos() / run.totalNanos(),
                        run.cpuSecondsByThreads(), seconds(run.scoringNanos()), run.labelsAsBare(),
                        produced.threadLoads(run.partitionsByThread(), nanosPerTextOnce, repeat)));
            }
            TopologyFigures topology = new TopologyFigures(options.threads(), options.commitIntervalMs(),
                    options.cellsPerLanguage(), produced.keys(), produced.count(), bench.platformStartSeconds(),
                    produced.produceSeconds(), produced.recordsPerPartition(), topologyRounds,
                    LidBenchmarkResult.median(topologyRounds.stream().map(TopologyRound::textsPerSecond).toList()));
            return new Measurements(Measured.of(1, detections, single, singleCores),
                    Measured.of(options.threads(), detections, threaded, threadedCores),
                    Measured.of(options.threads(), detections, scored, scoredCores), topology, heapWithPlatform);
        }
    }
}
