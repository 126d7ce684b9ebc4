package org.ifl.statsstream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ifl.statsstream.FiguresView.EstimateView;
import org.ifl.statsstream.internal.stats.Interval;
import org.ifl.statsstream.internal.stats.PairedProportions;
import org.junit.jupiter.api.Test;

/**
 * The facade on a cell of four items, every label drawn with pi = 1/2, worked by hand:
 *
 * <pre>
 * item  image: s  R  Y  Y~                 text: s  R  Y  Y~                 d = Y~image - Y~text
 *  1           1  0  -  1                        1  0  -  1                   0
 *  2           1  1  0  1 + (0 - 1)/0.5 = -1     1  1  1  1 + (1 - 1)/0.5 = 1  -2
 *  3           0  1  1  0 + (1 - 0)/0.5 = 2      1  0  -  1                    1
 *  4           0  1  0  0                        0  1  1  0 + (1 - 0)/0.5 = 2 -2
 * </pre>
 *
 * DSL image: mean 2/4 = 0.5, sum of squares 6, variance (6 - 2^2/4)/3 = 5/3, se sqrt(5/12), half 1.96 se =
 * 1.265151. DSL IFL: mean -3/4, sum of squares 9, variance (9 - 9/4)/3 = 9/4, se 1.5/2 = 0.75, half 1.469973.
 * Surrogate image: 2 of 4, Wilson centre 1/2, half z / (2 sqrt(4 + z^2)) = 0.349961. Surrogate IFL: both 2
 * (items 1, 2), image only 0, text only 1 (item 3), neither 1: -1/4, one discordant pair, so the score interval,
 * which must hold 0 because the exact McNemar test cannot reject on one pair.
 */
class DslEstimatorTest {
    private static final double TOLERANCE = 1e-6;

    private static final double[] IMAGE = {
        DslEstimator.pseudoOutcome(1),
        DslEstimator.pseudoOutcome(1, 0, 0.5),
        DslEstimator.pseudoOutcome(0, 1, 0.5),
        DslEstimator.pseudoOutcome(0, 0, 0.5)};
    private static final double[] TEXT = {
        DslEstimator.pseudoOutcome(1),
        DslEstimator.pseudoOutcome(1, 1, 0.5),
        DslEstimator.pseudoOutcome(1),
        DslEstimator.pseudoOutcome(0, 1, 0.5)};
    private static final int[] IMAGE_VERDICTS = {1, 1, 0, 0};
    private static final int[] TEXT_VERDICTS = {1, 1, 1, 0};

    @Test
    void pseudoOutcomesAreTheSurrogateCorrectedByTheWeightedLabel() {
        assertArrayEquals(new double[] {1, -1, 2, 0}, IMAGE, 0);
        assertArrayEquals(new double[] {1, 1, 1, 2}, TEXT, 0);
    }

    @Test
    void dslFidelityIsTheMeanOfPseudoOutcomesWithTheNormalInterval() {
        // 0.5 +- 1.265151 = [-0.765151, 1.765151], cut to a share's [0, 1]
        assertEstimate(new EstimateView(0.5, 0.0, 1.0, 4, "dsl"), DslEstimator.dslFidelity(IMAGE));
    }

    @Test
    void dslDifferenceIsTheMeanOfPairedDifferencesWithTheNormalInterval() {
        // -0.75 +- 1.469973 = [-2.219973, 0.719973], cut to a difference's [-1, 1]
        assertEstimate(new EstimateView(-0.75, -1.0, 0.719973, 4, "dsl"), DslEstimator.dslDifference(IMAGE, TEXT));
    }

    @Test
    void surrogateFidelityIsTheShareOfVerdictsWithTheWilsonInterval() {
        assertEstimate(new EstimateView(0.5, 0.150039, 0.849961, 4, "wilson"),
                DslEstimator.surrogateFidelity(IMAGE_VERDICTS));
    }

    @Test
    void surrogateDifferenceIsTheStreamsPairedIntervalOfTheVerdicts() {
        EstimateView ifl = DslEstimator.surrogateDifference(IMAGE_VERDICTS, TEXT_VERDICTS);

        assertEquals(-0.25, ifl.value(), TOLERANCE);
        assertEquals(4, ifl.n());
        assertTrue(ifl.method().startsWith(PairedProportions.SCORE), ifl.method());
        assertTrue(ifl.low() < 0 && ifl.high() > 0, ifl::toString);
        Interval stream = new PairedProportions(2, 0, 1, 1).difference();
        assertEquals(new EstimateView(stream.value(), stream.low(), stream.high(), stream.n(), stream.method()), ifl);
    }

    @Test
    void noValuesNoEstimate() {
        assertNull(DslEstimator.dslFidelity(new double[0]));
        assertNull(DslEstimator.surrogateFidelity(new int[0]));
    }

    @Test
    void refusesUnpairedArmsAndVerdictsOtherThanZeroOrOne() {
        assertThrows(IllegalArgumentException.class, () -> DslEstimator.dslDifference(IMAGE, new double[3]));
        assertThrows(IllegalArgumentException.class, () -> DslEstimator.surrogateDifference(IMAGE_VERDICTS,
                new int[3]));
        assertThrows(IllegalArgumentException.class, () -> DslEstimator.surrogateFidelity(new int[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> DslEstimator.pseudoOutcome(1, 0, 0));
    }

    private static void assertEstimate(EstimateView expected, EstimateView actual) {
        assertEquals(expected.value(), actual.value(), TOLERANCE, "value");
        assertEquals(expected.low(), actual.low(), TOLERANCE, "low");
        assertEquals(expected.high(), actual.high(), TOLERANCE, "high");
        assertEquals(expected.n(), actual.n(), "n");
        assertEquals(expected.method(), actual.method(), "method");
    }
}
