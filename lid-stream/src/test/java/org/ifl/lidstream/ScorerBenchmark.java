package org.ifl.lidstream;

import java.util.concurrent.TimeUnit;
import org.ifl.schemas.avro.Completion;
import org.ifl.schemas.avro.LabeledCompletion;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: lid-stream's work per completion without Kafka, {@link CompletionScorer#score}, against one detection of the
 * same text by the detector alone; a one-sentence answer and a five-line one (line-level fidelity detects each
 * line of five tokens or more again). Run with {@code benchmarks/jmh lid-stream ScorerBenchmark}
 * (docs/benchmarks.md, "JMH"); never by the test suite. Lingua settles in the JIT slowly: 20 s of warm-up.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 5)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgs = {"-Xmx640m", "-XX:+UseSerialGC"})
public class ScorerBenchmark {
    private static final String SENTENCE = "Auf dem Bild liegt ein roter Ball neben einem kleinen Tisch im Garten.";
    private static final String LINES = String.join("\n", SENTENCE,
            "Der Ball ist rot und glänzt in der Sonne, daneben steht ein Stuhl aus Holz.",
            "Im Hintergrund sieht man einen Baum mit grünen Blättern und einen blauen Himmel.",
            "Auf dem Tisch stehen eine Tasse Kaffee und ein Teller mit Kuchen.",
            "Es ist ein ruhiger Nachmittag, und niemand ist zu sehen.");
    private LinguaDetector detector;
    private CompletionScorer scorer;
    private Completion sentence;
    private Completion lines;

    @Setup
    public void setUp() {
        detector = new LinguaDetector(LinguaDetector.DEFAULT_LANGUAGES);
        scorer = LidStage.scorer(detector);
        sentence = TestCompletions.answer("c-1", "de", "de", SENTENCE);
        lines = TestCompletions.answer("c-2", "de", "de", LINES);
    }

    @Benchmark
    public Detection detectSentence() {
        return detector.detect(SENTENCE);
    }

    @Benchmark
    public LabeledCompletion scoreSentence() {
        return scorer.score(sentence);
    }

    @Benchmark
    public Detection detectFiveLines() {
        return detector.detect(LINES);
    }

    @Benchmark
    public LabeledCompletion scoreFiveLines() {
        return scorer.score(lines);
    }
}
