package org.ifl.benchmarks.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.ifl.benchmarks.chaos.FigureComparison.Difference;
import org.junit.jupiter.api.Test;

/** Figures of two /cells answers compared one by one, cells matched by identity, the wall-clock time left out. */
class FigureComparisonTest {
    private static final String A = cell("de", 10, "0.8", "2026-12-07T00:00:01Z");
    private static final String B = cell("fr", 12, "0.75", "2026-12-07T00:00:02Z");

    @Test
    void identicalAnswersHaveNoDifferenceAndEveryFigureIsCounted() {
        FigureComparison c = FigureComparison.of(Map.of("cumulative", "[" + A + "," + B + "]"),
                Map.of("cumulative", "[" + A + "," + B + "]"));

        assertTrue(c.identical());
        assertEquals(2, c.cells());
        // per cell: 6 identity fields, text.completions, text.fidelity.value, .low, .high, relative
        assertEquals(2 * 11, c.figures());
    }

    @Test
    void theOrderOfCellsAndTheWallClockTimeDoNotMatter() {
        String laterA = cell("de", 10, "0.8", "2026-12-07T05:00:00Z");

        FigureComparison c = FigureComparison.of(Map.of("cumulative", "[" + A + "," + B + "]"),
                Map.of("cumulative", "[" + B + "," + laterA + "]"));

        assertTrue(c.identical(), c.differences().toString());
    }

    @Test
    void aFigureThatDiffersIsNamedWithBothValues() {
        FigureComparison c = FigureComparison.of(Map.of("cumulative", "[" + A + "]"),
                Map.of("cumulative", "[" + cell("de", 11, "0.8000000000000002", "2026-12-07T00:00:01Z") + "]"));

        assertFalse(c.identical());
        assertEquals(List.of(
                new Difference("CELL|m|c|maxm|de|cumulative", "text.completions", "10", "11"),
                new Difference("CELL|m|c|maxm|de|cumulative", "text.fidelity.value", "0.8", "0.8000000000000002")),
                c.differences());
    }

    @Test
    void aCellOnlyOneSideHasDiffersInEveryFigure() {
        FigureComparison c = FigureComparison.of(Map.of("cumulative", "[" + A + "," + B + "]"),
                Map.of("cumulative", "[" + A + "]"));

        assertEquals(11, c.differences().size());
        assertTrue(c.differences().stream().allMatch(d -> d.cell().equals("CELL|m|c|maxm|fr|cumulative")
                && d.chaos().equals("absent")), c.differences().toString());
    }

    @Test
    void windowsAreCellsOfTheirOwn() {
        String hopping = A.replace("\"cumulative\"", "\"2026-12-06T22:00:00Z/2026-12-06T23:00:00Z\"");

        FigureComparison c = FigureComparison.of(Map.of("cumulative", "[" + A + "]", "w", "[" + hopping + "]"),
                Map.of("cumulative", "[" + A + "]", "w", "[]"));

        assertEquals(2, c.cells());
        assertEquals(11, c.differences().size());
        assertTrue(c.differences().get(0).cell().endsWith("2026-12-06T22:00:00Z/2026-12-06T23:00:00Z"));
    }

    @Test
    void anAnswerThatIsNotAListOfCellsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> FigureComparison.cells("{\"message\": \"starting\"}"));
        assertThrows(IllegalArgumentException.class, () -> FigureComparison.cells("[" + A + "," + A + "]"));
    }

    private static String cell(String language, int completions, String fidelity, String updatedAt) {
        return """
                {"scope": "CELL", "model": "m", "checkpoint": "c", "dataset": "maxm", "language": "%s",
                 "window": "cumulative",
                 "text": {"completions": %d, "fidelity": {"value": %s, "low": 0.5, "high": null}},
                 "relative": null, "explanation": [], "updatedAt": "%s"}
                """.formatted(language, completions, fidelity, updatedAt);
    }
}
