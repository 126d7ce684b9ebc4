package org.ifl.statsstream.internal.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every formula with numbers worked out by hand (z = 1.959964); the working is in the comments. */
class StatisticsTest {
    private static final double EPS = 1e-5;

    @Test
    void wilsonOfEightOutOfTen() {
        // p = 0.8, z^2/n = 0.384146; centre = (0.8 + 0.192073) / 1.384146 = 0.716740;
        // half = 1.959964 * sqrt(0.016 + 0.009604) / 1.384146 = 0.226578
        Interval w = WilsonInterval.of(8, 10);
        assertEquals(0.8, w.value(), EPS);
        assertEquals(0.490162, w.low(), EPS);
        assertEquals(0.943318, w.high(), EPS);
        assertEquals(10, w.n());
        assertEquals("wilson", w.method());
    }

    @Test
    void wilsonAtTheBoundaries() {
        // 0 of 10: upper = z^2 / (n + z^2) = 3.841459 / 13.841459 = 0.277533; 10 of 10 mirrors it.
        assertEquals(0.0, WilsonInterval.of(0, 10).low(), EPS);
        assertEquals(0.277533, WilsonInterval.of(0, 10).high(), EPS);
        assertEquals(1 - 0.277533, WilsonInterval.of(10, 10).low(), EPS);
        assertEquals(1.0, WilsonInterval.of(10, 10).high(), EPS);
        assertNull(WilsonInterval.of(0, 0));
        assertThrows(IllegalArgumentException.class, () -> WilsonInterval.of(11, 10));
    }

    @Test
    void momentsGiveMeanSampleVarianceAndNormalInterval() {
        // 1, 0, 1, 1: mean 0.75; variance (3 - 9/4) / 3 = 0.25; se = 0.5 / 2 = 0.25; half = 0.489991
        Moments m = Moments.EMPTY.add(1).add(0).add(1).add(1);
        assertEquals(0.75, m.mean(), EPS);
        assertEquals(0.25, m.variance(), EPS);
        Interval i = m.normalInterval("t");
        assertEquals(0.260009, i.low(), EPS);
        assertEquals(1.239991, i.high(), EPS);
        assertEquals(m, m.add(5).remove(5));
        assertNull(Moments.EMPTY.normalInterval("t"));
        assertNull(Moments.EMPTY.add(1).normalInterval("t").low(), "one value has no interval");
    }

    @Test
    void tIntervalOfThreeValuesUsesTheTableAndIsCutToTheRangeOnRequest() {
        // 0.5, 0.75, 1.0: mean 0.75; variance (1.8125 - 2.25^2/3) / 2 = 0.0625, sd 0.25; se = 0.25/sqrt(3)
        // = 0.144338; t(0.975, 2) = 4.302653; half = 0.621034
        Moments m = Moments.EMPTY.add(0.5).add(0.75).add(1.0);
        Interval t = TInterval.of(m);
        assertEquals(0.75, t.value(), EPS);
        assertEquals(0.128966, t.low(), EPS);
        assertEquals(1.371034, t.high(), EPS);
        assertEquals(3, t.n());
        assertEquals("t", t.method());
        Interval cut = TInterval.of(m, 0, 1);
        assertEquals(0.128966, cut.low(), EPS);
        assertEquals(1.0, cut.high(), EPS);
        assertEquals(0.75, cut.value(), EPS);
        assertNull(TInterval.of(Moments.EMPTY));
        assertNull(TInterval.of(Moments.EMPTY.add(0.4), 0, 1).low(), "one value has no interval");
    }

    @Test
    void tQuantilesFromTheTableUpToThirtyDegreesOfFreedomThenTheNormal() {
        assertEquals(12.706205, TInterval.quantile(1), 1e-6);
        assertEquals(2.228139, TInterval.quantile(10), 1e-6);
        assertEquals(2.042272, TInterval.quantile(30), 1e-6);
        assertEquals(Interval.Z_95, TInterval.quantile(31), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> TInterval.quantile(0));
        // 31 values, sixteen 1s and fifteen 0s: mean 16/31 = 0.516129; variance (16 - 256/31) / 30 = 0.258065;
        // se = sqrt(0.258065 / 31) = 0.091239; df 30, so half = 2.042272 * 0.091240 = 0.186336
        Moments many = Moments.EMPTY;
        for (int i = 0; i < 31; i++) {
            many = many.add(i < 16 ? 1 : 0);
        }
        assertEquals(0.516129 - 0.186336, TInterval.of(many).low(), EPS);
    }

    @Test
    void pairedNormalIntervalFromThirtyPairsOn() {
        // 40 pairs: 10 both, 5 image only, 15 text only, 10 neither. d: five +1, fifteen -1, twenty 0.
        // mean -10/40 = -0.25; variance (20 - 100/40) / 39 = 0.448718; se = sqrt(0.448718/40) = 0.105915
        Interval ifl = new PairedProportions(10, 5, 15, 10).difference();
        assertEquals("paired-normal", ifl.method());
        assertEquals(-0.25, ifl.value(), EPS);
        assertEquals(-0.25 - 0.207591, ifl.low(), EPS);
        assertEquals(-0.25 + 0.207591, ifl.high(), EPS);
        assertTrue(ifl.excludesZero());
    }

    @Test
    void pairedScoreIntervalForFewPairs() {
        // Newcombe (1998) method 10 on 12 both, 9 first only, 2 second only, 16 neither (n = 39):
        // p1 = 21/39 = 0.538462, Wilson [0.385694, 0.684331]; p2 = 14/39 = 0.358974, Wilson [0.227421, 0.515819];
        // phi = (12*16 - 9*2) / sqrt(21*18*14*25) = 174 / 363.731 = 0.478376;
        // low = 0.179487 - sqrt(0.152767^2 - 2 phi 0.152767 * 0.156844 + 0.156844^2) = 0.021331
        // high = 0.179487 + sqrt(0.145870^2 - 2 phi 0.145870 * 0.131554 + 0.131554^2) = 0.321700
        Interval score = new PairedProportions(12, 9, 2, 16).newcombe();
        assertEquals(0.179487, score.value(), EPS);
        assertEquals(0.021331, score.low(), EPS);
        assertEquals(0.321700, score.high(), EPS);
        assertEquals("paired-score", score.method());
        // Below 30 pairs, difference() uses it.
        assertEquals("paired-score", new PairedProportions(5, 3, 1, 4).difference().method());
    }

    @Test
    void aConstantDifferenceFallsBackToTheScoreInterval() {
        // 30 pairs all image-only: sd(d) = 0 would give a zero-width normal interval.
        Interval ifl = new PairedProportions(0, 30, 0, 0).difference();
        assertEquals("paired-score", ifl.method());
        assertEquals(1.0, ifl.value(), EPS);
        assertTrue(ifl.low() < 1.0 && ifl.high() == 1.0, ifl.toString());
    }

    @Test
    void pairedTableTalliesOutcomesAndRefusesOthers() {
        PairedProportions table = PairedProportions.EMPTY.add(1, 1).add(1, 0).add(0, 1).add(0, 0).add(1, 0);
        assertEquals(new PairedProportions(1, 2, 1, 1), table);
        assertEquals(new Moments(5, 1, 3), table.differences());
        assertThrows(IllegalArgumentException.class, () -> table.add(2, 0));
    }

    @Test
    void unweightedMeanVersusPooled() {
        // Cell A: 40 pairs, IFL -0.25 (above). Cell C: 20 pairs, 10 text only, 10 neither: IFL -0.5.
        PairedProportions a = new PairedProportions(10, 5, 15, 10);
        PairedProportions c = new PairedProportions(0, 0, 10, 10);
        // Unweighted, as the paper's average rows: (-0.25 - 0.5) / 2 = -0.375.
        Interval mean = Summaries.unweightedMean(List.of(a.difference(), c.difference()));
        assertEquals(-0.375, mean.value(), EPS);
        assertEquals(60, mean.n());
        // Pooled over all 60 pairs: 15 image only... (5 - 25) / 60 = -0.333333.
        assertEquals(-0.333333, a.plus(c).difference().value(), EPS);
    }

    @Test
    void unweightedMeanIntervalCombinesCellStandardErrors() {
        // A: se 0.105915. B: 40 pairs, 20 text only, 20 neither: mean -0.5, variance (20 - 10)/39 = 0.256410,
        // se 0.080064. Mean -0.375, se = sqrt(0.105915^2 + 0.080064^2) / 2 = 0.066386, half 0.130114.
        Interval mean = Summaries.unweightedMean(List.of(new PairedProportions(10, 5, 15, 10).difference(),
                new PairedProportions(0, 0, 20, 20).difference()));
        assertEquals(-0.505114, mean.low(), EPS);
        assertEquals(-0.244886, mean.high(), EPS);
        assertNull(Summaries.unweightedMean(List.of()));
    }

    @Test
    void relativeIsAbsentWhenIflIsZero() {
        // diff 0.2 of an IFL of -0.4 recovers half the loss.
        assertEquals(0.5, Summaries.relative(0.2, -0.4), EPS);
        assertEquals(-0.25, Summaries.relative(-0.1, 0.4), EPS);
        assertNull(Summaries.relative(0.2, 0.0));
        assertNull(Summaries.relative(null, -0.4));
    }

    @Test
    void dslWithoutLabelsIsTheSurrogateMean() {
        // Surrogates 1, 1, 0, 1 and no labels: Y~ = s, mean 0.75, se 0.25.
        Moments y = Moments.EMPTY;
        for (int s : new int[] {1, 1, 0, 1}) {
            y = y.add(Dsl.pseudoOutcome(s));
        }
        Interval dsl = Dsl.estimate(y);
        assertEquals(0.75, dsl.value(), EPS);
        assertEquals(0.260009, dsl.low(), EPS);
        assertEquals("dsl", dsl.method());
    }

    @Test
    void dslWithLabelsCorrectsTheSurrogate() {
        // Item 2: s = 1, expert says 0, drawn with pi = 0.5: Y~ = 1 + (0 - 1)/0.5 = -1.
        // Item 3: s = 0, expert agrees, pi = 0.25: Y~ = 0.
        // Y~ = 1, -1, 0, 1: mean 0.25; variance (3 - 1/4) / 3 = 0.916667; se = 0.478714; half = 0.938263.
        assertEquals(-1.0, Dsl.pseudoOutcome(1, 0, 0.5), EPS);
        assertEquals(0.0, Dsl.pseudoOutcome(0, 0, 0.25), EPS);
        Moments y = Moments.EMPTY.add(1).add(Dsl.pseudoOutcome(1, 0, 0.5)).add(Dsl.pseudoOutcome(0, 0, 0.25)).add(1);
        Interval dsl = Dsl.estimate(y);
        assertEquals(0.25, dsl.value(), EPS);
        assertEquals(0.25 - 0.938263, dsl.low(), EPS);
        assertEquals(0.25 + 0.938263, dsl.high(), EPS);
        // A late label replaces the item's surrogate: the same figures.
        Moments late = Moments.EMPTY.add(1).add(1).add(0).add(1).remove(1).add(Dsl.pseudoOutcome(1, 0, 0.5));
        assertEquals(dsl, Dsl.estimate(late));
        assertThrows(IllegalArgumentException.class, () -> Dsl.pseudoOutcome(1, 0, 0.0));
    }
}
