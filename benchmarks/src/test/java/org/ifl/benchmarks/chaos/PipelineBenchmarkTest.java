package org.ifl.benchmarks.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pipeline benchmark's size, its figures per process, and what makes a run fail. */
class PipelineBenchmarkTest {
    private static final ChaosRun.Options RUN = new ChaosRun.Options(1, 0, 1, Path.of("/tmp/pipeline-report"), 0,
            Duration.ofSeconds(1), Duration.ofSeconds(1),
            new IflProcess.Launcher("java", List.of(), "cp", "org.ifl.cli.IflCommand"));

    @Test
    void theDefaultsAreThePaperScaleRun() {
        PipelineBenchmark.Options options = new PipelineBenchmark.Options(PipelineBenchmark.DEFAULT_MODELS,
                PipelineBenchmark.DEFAULT_ITEMS_PER_CELL, 1, RUN);
        assertEquals(288_000, options.completions(), "4 models x 24 cells x 1,000 items x 3 arms");
        assertThrows(IllegalArgumentException.class, () -> new PipelineBenchmark.Options(0, 1, 1, RUN));
        assertThrows(IllegalArgumentException.class, () -> new PipelineBenchmark.Options(1_000, 1_000_000, 1, RUN));
    }

    @Test
    void eachProcessGetsItsCpuCoresAndPeakMemoryAndACountShortFails() {
        Map<String, IflProcess.Usage> usage = new LinkedHashMap<>();
        usage.put("up", new IflProcess.Usage(Duration.ofSeconds(50), 500L << 20));
        usage.put("lid", new IflProcess.Usage(Duration.ofSeconds(80), 700L << 20));
        PipelineBenchmark.Result done = result(96, usage);
        String text = PipelineBenchmark.text(done);
        assertTrue(text.contains("replay start to every completion committed by lid-stream and stats-stream: 100.0 s "
                + "(1 completions/s)"), text);
        assertTrue(text.matches("(?s).*\\n  up +50\\.0 s +0\\.50 +500 MiB  -Xmx384m -XX:\\+UseSerialGC\\n.*"), text);
        assertTrue(text.matches("(?s).*\\n  lid +80\\.0 s +0\\.80 +700 MiB  -Xmx640m -XX:\\+UseSerialGC\\n.*"), text);
        assertTrue(text.endsWith("every completion counted, no dead letter\n"), text);

        PipelineBenchmark.Result short1 = result(95, usage);
        assertEquals(List.of("stats-stream counted 95 of 96 completions"), short1.failures());
        assertTrue(PipelineBenchmark.text(short1).endsWith("FAILED:\n  stats-stream counted 95 of 96 completions\n"));
    }

    private static PipelineBenchmark.Result result(long counted, Map<String, IflProcess.Usage> usage) {
        ChaosInput.Summary input = new ChaosInput.Summary(Path.of("/tmp/pipeline-report/in.jsonl"), 96, 32, 24,
                Instant.parse("2026-12-07T00:00:00Z"), Instant.parse("2026-12-07T02:00:00Z"));
        ChaosResult.Pass pass = new ChaosResult.Pass("pipeline", new KillSchedule(List.of()), Map.of(), Map.of(), 1,
                Duration.ofSeconds(100), Map.of(), counted, new DeadLetterTally(Map.of(), Map.of()),
                Path.of("/tmp/pipeline-report/logs"), usage);
        return new PipelineBenchmark.Result(new PipelineBenchmark.Options(1, 1, 1, RUN), input, pass,
                Map.of("up", List.of("-Xmx384m", "-XX:+UseSerialGC"), "lid", List.of("-Xmx640m", "-XX:+UseSerialGC")));
    }
}
