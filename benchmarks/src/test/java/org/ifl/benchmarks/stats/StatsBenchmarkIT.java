package org.ifl.benchmarks.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.ifl.benchmarks.stats.StatsBenchmarkResult.Run;
import org.ifl.statsstream.StatsStage;
import org.junit.jupiter.api.Test;

/** {@code ifl bench stats} at a tiny size: it completes and its counts agree. No timing is judged. */
class StatsBenchmarkIT {

    @Test
    void bothTopologiesConsumeEveryRecordAndTheFiguresAgree() throws Exception {
        StatsBenchmark.Options options = new StatsBenchmark.Options(3_000, 1, 100, 7, 1, 60,
                StatsBenchmark.DEFAULT_EMIT_INTERVAL_MS);
        assertEquals(StatsStage.Options.defaults(), options.topology(), "by default, the service's own settings");
        List<String> progress = new ArrayList<>();

        StatsBenchmarkResult result = new StatsBenchmark(options, progress::add).run();

        StatsBenchmarkResult.Input input = result.input();
        assertEquals(3_000, input.records());
        assertEquals(input.records(), input.recordsPerPartition().stream().mapToLong(Long::longValue).sum());
        assertTrue(input.repeats() > 0, "some completions are sent twice: " + input.repeats());
        assertTrue(input.items() * 3 >= input.records() - input.repeats(), "every item answers 3 arms at most");

        assertEquals(List.of(StatsBenchmarkResult.STATS, StatsBenchmarkResult.BARE),
                result.runs().stream().map(Run::topology).toList());
        for (Run run : result.runs()) {
            assertEquals(input.records(), run.records(), run.topology() + " consumed every labeled completion");
            assertEquals(0, run.deadLetters(), run.topology() + " rejected nothing");
            assertTrue(run.recordsPerSecond() > 0 && run.recordsPerCpuSecond() > 0 && run.cpuSeconds() > 0,
                    run.toString());
            assertTrue(run.firstCommitSeconds() <= run.inputSeconds() && run.inputSeconds() <= run.seconds(),
                    run.toString());
            assertEquals(run.records() / run.seconds(), run.recordsPerSecond(), 1e-6 * run.recordsPerSecond());
        }
        Run stats = result.runs().get(0);
        Run bare = result.runs().get(1);
        assertTrue(stats.processedRecords() > stats.records(), "the stats topology read its cell updates back: "
                + stats);
        assertEquals(bare.records(), bare.processedRecords(), "the bare count reads its input and nothing else");
        assertEquals(stats.recordsPerSecond(), result.stats().recordsPerSecond());
        assertEquals(bare.recordsPerSecond(), result.bare().recordsPerSecond());
        assertEquals(stats.recordsPerSecond() / result.cores(), result.stats().perCore(), 1e-9);
        assertEquals(stats.recordsPerSecond() / bare.recordsPerSecond(), result.ratio(), 1e-9);

        String text = StatsBenchmarkReport.text(result);
        assertTrue(text.contains(StatsBenchmarkResult.STATS) && text.contains("ratio stats / bare"), text);
        JsonNode json = new ObjectMapper().readTree(StatsBenchmarkReport.json(result));
        assertEquals(3_000, json.path("input").path("records").asLong());
        assertEquals(2, json.path("runs").size());
        assertTrue(progress.stream().anyMatch(line -> line.startsWith("round 1 of 1")), progress.toString());
    }
}
