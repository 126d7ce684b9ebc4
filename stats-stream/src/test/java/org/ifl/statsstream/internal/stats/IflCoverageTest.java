package org.ifl.statsstream.internal.stats;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * 2,000 simulated cells with known true fidelities: the 95% interval of IFL must cover the true
 * IFL = p_image - p_text in 93.5-96.5% of them. Cells have 10 to 200 pairs (the small ones take the score
 * interval), text fidelity 0.3-1.0 and image fidelity 0.05-1.0, as models in the paper's tables do; the two
 * arms of an item are correlated (an item one arm gets right the other tends to) through a shared
 * item difficulty.
 */
class IflCoverageTest {
    private static final int CELLS = 2_000;

    @Test
    void intervalsOfIflCoverTheTruthAboutNinetyFivePercentOfTheTime() {
        SplittableRandom random = new SplittableRandom(20261123);
        int covered = 0;
        int scoreIntervals = 0;
        for (int cell = 0; cell < CELLS; cell++) {
            int pairs = 10 + random.nextInt(191);
            double pText = 0.3 + 0.7 * random.nextDouble();
            double pImage = 0.05 + 0.95 * random.nextDouble();
            double shared = 0.5 * random.nextDouble(); // chance an item's two arms share one uniform draw
            PairedProportions table = PairedProportions.EMPTY;
            for (int i = 0; i < pairs; i++) {
                double u = random.nextDouble();
                double uText = u;
                double uImage = random.nextDouble() < shared ? u : random.nextDouble();
                table = table.add(uImage < pImage ? 1 : 0, uText < pText ? 1 : 0);
            }
            Interval ifl = table.difference();
            double truth = pImage - pText;
            if (ifl.low() <= truth && truth <= ifl.high()) {
                covered++;
            }
            if (ifl.method().equals(PairedProportions.SCORE)) {
                scoreIntervals++;
            }
        }
        double coverage = (double) covered / CELLS;
        System.out.printf("IFL interval coverage over %d cells: %.4f (%d score intervals)%n", CELLS, coverage,
                scoreIntervals);
        assertTrue(coverage >= 0.935 && coverage <= 0.965, "coverage " + coverage);
        assertTrue(scoreIntervals > 100, "the small-n path was exercised: " + scoreIntervals);
    }
}
