package org.ifl.benchmarks.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The verdict and the table: the run fails on a difference, a dead letter, a count short or an unkilled exit. */
class ChaosReportTest {
    private static final String CELLS = """
            [{"scope": "CELL", "model": "m", "checkpoint": "c", "dataset": "maxm", "language": "de",
              "window": "cumulative", "text": {"completions": 2}, "image": {"completions": 2},
              "imageRemedy": {"completions": 2}, "pairs": 2}]
            """;
    private static final ChaosRun.Options OPTIONS = new ChaosRun.Options(6, 1, 9, Path.of("/tmp/chaos-report"), 0,
            Duration.ofSeconds(1), Duration.ofSeconds(1),
            new IflProcess.Launcher("java", List.of(), "cp", "org.ifl.cli.IflCommand"));
    private static final ChaosInput.Summary INPUT = new ChaosInput.Summary(Path.of("/tmp/chaos-report/in.jsonl"), 6,
            2, 280, Instant.parse("2026-12-07T00:00:00Z"), Instant.parse("2026-12-07T01:00:00Z"));
    private static final KillSchedule SCHEDULE = KillSchedule.draw(9, 1, Duration.ofSeconds(30));
    private static final DeadLetterTally NONE = new DeadLetterTally(Map.of(), Map.of());

    @Test
    void equalFiguresAndNoDeadLetterPass() {
        ChaosResult r = result(pass("chaos", SCHEDULE, CELLS, NONE, Map.of()));

        assertTrue(r.passed(), r.failures().toString());
        String text = ChaosReport.text(r);
        assertTrue(row(text, "kills \\(up / lid / stats\\)", "0 / 0 / 0", "1 / 1 / 1"), text);
        assertTrue(row(text, "completions counted", "6", "6"), text);
        assertTrue(text.contains("figures differing: 0"), text);
        assertTrue(text.endsWith("PASSED: the chaos pass gave every figure of the clean pass, with no dead letter\n"),
                text);
    }

    @Test
    void aDifferenceADeadLetterACountShortAndAnUnkilledExitEachFail() {
        DeadLetterTally deadLetters = new DeadLetterTally(Map.of("stats-stream: cannot deserialize", 3L),
                Map.of("stats-stream: cannot deserialize", "cannot deserialize: Connection refused"));
        ChaosResult r = result(pass("chaos", SCHEDULE, CELLS.replace("\"pairs\": 2", "\"pairs\": 1")
                .replace("\"imageRemedy\": {\"completions\": 2}", "\"imageRemedy\": {\"completions\": 1}"),
                deadLetters, Map.of(Target.LID, 1)));

        assertFalse(r.passed());
        assertEquals(List.of("2 of 10 figures differ between the clean and the chaos pass",
                "chaos pass: 3 dead letters, with valid input",
                "chaos pass: stats-stream counted 5 of 6 completions",
                "chaos pass: a process ended without being killed: {LID=1}"), r.failures());
        String text = ChaosReport.text(r);
        assertTrue(row(text, "stats-stream: cannot deserialize", "0", "3"), text);
        assertTrue(text.contains("CELL|m|c|maxm|de|cumulative pairs: clean 2, chaos 1"), text);
        assertTrue(text.contains("chaos pass, first dead letter of stats-stream: cannot deserialize: cannot "
                + "deserialize: Connection refused"), text);
        assertTrue(text.contains("FAILED:\n  2 of 10 figures differ"), text);
    }

    /** Whether {@code text} has a table row {@code what}, {@code clean}, {@code chaos} ({@code what} a regex). */
    private static boolean row(String text, String what, String clean, String chaos) {
        return Pattern.compile("(?m)^ +" + what + " +" + Pattern.quote(clean) + " +" + Pattern.quote(chaos) + "$")
                .matcher(text).find();
    }

    private static ChaosResult result(ChaosResult.Pass chaos) {
        ChaosResult.Pass clean = pass("clean", new KillSchedule(List.of()), CELLS, NONE, Map.of());
        return new ChaosResult(OPTIONS, INPUT, clean, chaos, FigureComparison.of(clean.cells(), chaos.cells()),
                Duration.ofMinutes(3));
    }

    private static ChaosResult.Pass pass(String name, KillSchedule schedule, String cells,
            DeadLetterTally deadLetters, Map<Target, Integer> unexpectedExits) {
        Map<String, String> answers = Map.of(CellsApi.CUMULATIVE, cells);
        return new ChaosResult.Pass(name, schedule, schedule.perTarget(), unexpectedExits, 1, Duration.ofSeconds(40),
                answers, ChaosResult.counted(cells), deadLetters, Path.of("/tmp/chaos-report", name, "logs"), Map.of());
    }
}
