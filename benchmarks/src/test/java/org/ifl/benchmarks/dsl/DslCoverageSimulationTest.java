package org.ifl.benchmarks.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ifl.benchmarks.dsl.DslCoverageSimulation.Coverage;
import org.ifl.benchmarks.dsl.DslCoverageSimulation.Options;
import org.ifl.benchmarks.dsl.DslCoverageSimulation.Result;
import org.ifl.benchmarks.dsl.DslCoverageSimulation.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With an identifier that mislabels 10% of a language's answers (reads them as another language), 200 expert
 * labels in each arm of a cell of 1,000 items make the DSL intervals cover the true fidelities and IFL 95 +-
 * 1.5% of the time, where the identifier's own intervals of the fidelities miss them. 4,000 cells: the Monte Carlo standard error of a 95% coverage is 0.34
 * points, so a correct interval falls outside [93.5%, 96.5%] with probability below 1e-5.
 */
class DslCoverageSimulationTest {
    private static final int LABELS = 200;
    private static final int REPLICATIONS = 4_000;

    private static Row row;

    @BeforeAll
    static void simulate() {
        Options options = new Options(List.of(LABELS), DslCoverageSimulation.DEFAULT_ITEMS_PER_CELL, REPLICATIONS,
                20261208, DslCoverageSimulation.DEFAULT_TEXT_FIDELITY, DslCoverageSimulation.DEFAULT_IMAGE_FIDELITY,
                DslCoverageSimulation.DEFAULT_MISLABELED);
        Result result = new DslCoverageSimulation(options).run();
        System.out.print(DslCoverageReport.text(result));
        row = result.rows().get(0);
    }

    @Test
    void dslCoversTheImageArmAndIflNinetyFivePercentOfTheTime() {
        assertNominal("F_image", row.image().dsl());
        assertNominal("IFL", row.ifl().dsl());
        assertNominal("F_text", row.text().dsl());
    }

    @Test
    void theIdentifierAloneMissesTheFidelities() {
        // 10 points too low in each arm: a Wilson interval of half-width ~3 points never holds the truth.
        assertTrue(row.image().identifier().share() < 0.01, () -> "F_image: " + row.image().identifier());
        assertTrue(row.text().identifier().share() < 0.01, () -> "F_text: " + row.text().identifier());
        // The same shift in both arms leaves its IFL unbiased: the IFL interval is not where it fails here.
        assertTrue(row.ifl().identifier().share() > 0.9, () -> "IFL: " + row.ifl().identifier());
    }

    @Test
    void eachArmGetsTheLabelsItExpects() {
        // 2 x 1,000 answers drawn with pi = 0.2: 400 labels a cell, sd 17.9, so 0.28 over 4,000 cells
        assertEquals(0.2, row.samplingProbability());
        assertEquals(2 * LABELS, row.meanLabelsDrawn(), 1.5);
    }

    @Test
    void impossibleOptionsAreRefusedWithTheirValue() {
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class, () -> new Options(
                List.of(50, 101), 100, 10, 1, 0.9, 0.5, 0.1));
        assertEquals("labels per arm must be 1 to the 100 items of a cell, not 101", tooMany.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Options(List.of(10), 100, 10, 1, 0.9, 0.05, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new Options(List.of(), 100, 10, 1, 0.9, 0.5, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new Options(List.of(10), 100, 0, 1, 0.9, 0.5, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new Options(List.of(10), 100, 10, 1, 1.5, 0.5, 0.1));
    }

    private static void assertNominal(String figure, Coverage dsl) {
        assertTrue(dsl.share() >= 0.935 && dsl.share() <= 0.965, () -> figure + ": " + dsl);
    }
}
