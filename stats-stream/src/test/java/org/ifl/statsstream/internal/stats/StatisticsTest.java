package org.ifl.statsstream.internal.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void logFactorialsSummedAndBySeriesAgree() {
        double summed = 0;
        for (int n = 2; n <= 2000; n++) {
            summed += Math.log(n);
            assertEquals(summed, ExactMcNemar.logFactorial(n), 1e-12 * summed, "ln " + n + "!");
        }
        assertEquals(0, ExactMcNemar.logFactorial(0), 0);
        assertEquals(0, ExactMcNemar.logFactorial(1), 0);
    }

    @Test
    void exactMcNemarPValuesWorkedByHand() {
        // Two-sided min(1, 2 P(X <= min(b, c))), X ~ Bin(b + c, 1/2). The same figures from Debian's
        // python3-statsmodels 0.13.5: /usr/bin/python3 -c "from statsmodels.stats.contingency_tables import
        // mcnemar; print(mcnemar([[0, B], [C, 0]], exact=True).pvalue)" for each (B, C) below.
        // b=0, c=4: 2 * (1/2)^4 = 0.125
        assertEquals(0.125, ExactMcNemar.exactPValue(0, 4), 1e-12);
        assertEquals(0.125, ExactMcNemar.exactPValue(4, 0), 1e-12);
        // b=0, c=5: 2/32 = 0.0625; b=0, c=6: 2/64 = 0.03125
        assertEquals(0.0625, ExactMcNemar.exactPValue(0, 5), 1e-12);
        assertEquals(0.03125, ExactMcNemar.exactPValue(0, 6), 1e-12);
        // b=1, c=9: 2 * (1 + 10) / 1024 = 0.021484375
        assertEquals(0.021484375, ExactMcNemar.exactPValue(1, 9), 1e-12);
        // b=0, c=10: 2/1024 = 0.001953125
        assertEquals(0.001953125, ExactMcNemar.exactPValue(0, 10), 1e-12);
        // b=2, c=9: 2 * (1 + 11 + 55) / 2048 = 0.0654296875
        assertEquals(0.0654296875, ExactMcNemar.exactPValue(2, 9), 1e-12);
        // b=40, c=60: statsmodels 0.0568879336; b=40, c=80: 0.000330400018
        assertEquals(0.0568879336, ExactMcNemar.exactPValue(40, 60), 1e-9);
        assertEquals(0.000330400018, ExactMcNemar.exactPValue(40, 80), 1e-12);
        // Past the 256 of the log-factorial table (Stirling's series there), statsmodels as above:
        // b=120, c=170: 0.0039333365128251495; b=300, c=380: 0.002424868707699883; b=3000, c=3200:
        // 0.011488253770871587
        assertEquals(0.0039333365128251495, ExactMcNemar.exactPValue(120, 170), 1e-14);
        assertEquals(0.002424868707699883, ExactMcNemar.exactPValue(300, 380), 1e-14);
        assertEquals(0.011488253770871587, ExactMcNemar.exactPValue(3000, 3200), 1e-12);
        // No discordant pairs, or as many each way: 1. Capped at 1: b=1, c=2 gives 2 * 4/8 = 1.
        assertEquals(1.0, ExactMcNemar.exactPValue(0, 0), 0);
        assertEquals(1.0, ExactMcNemar.exactPValue(3, 3), 0);
        assertEquals(1.0, ExactMcNemar.exactPValue(1, 2), 0);
        // 100,000 discordant pairs neither underflow nor overflow: 50,000 each way gives 1, 49,000 against
        // 51,000 is 6.3 standard deviations out.
        assertEquals(1.0, ExactMcNemar.exactPValue(50_000, 50_000), 0);
        double far = ExactMcNemar.exactPValue(49_000, 51_000);
        assertTrue(far > 0 && far < 1e-9, "p = " + far);
        assertTrue(ExactMcNemar.rejects(0, 6));
        assertFalse(ExactMcNemar.rejects(0, 5));
        assertThrows(IllegalArgumentException.class, () -> ExactMcNemar.exactPValue(-1, 3));
    }

    @Test
    void aThousandPairsWithFourDiscordantAllOneWayDoNotExcludeZero() {
        // The reported cell: 990 both, 4 text only, 6 neither. IFL = -4/1000. The normal interval would be
        // -0.004 +- 1.96 sqrt((4 - 16/1000) / 999 / 1000) = [-0.00791, -0.00009]: it excluded 0 while the exact
        // McNemar test gives p = 0.125. With 4 discordant pairs it is the score interval. At D = 0 the restricted
        // p01 is (b + c) / 2n = 0.002, the variance 1000 * 2 * 0.002 = 4, and the statistic
        // -(|0 - 4 - 0| - 0.5) / 2 = -1.75, inside +-1.96: 0 is in the interval.
        PairedProportions cell = new PairedProportions(990, 0, 4, 6);
        assertEquals(-1.75, cell.scoreStatistic(0), EPS);
        assertEquals(0.125, cell.mcNemarP(), 1e-12);
        Interval ifl = cell.difference();
        assertEquals("paired-score", ifl.method());
        assertEquals(-0.004, ifl.value(), EPS);
        assertTrue(ifl.low() < -0.004 && ifl.high() > 0, ifl.toString());
        assertFalse(ifl.excludesZero());
        // The bounds are where the statistic is +-1.96.
        assertEquals(Interval.Z_95, cell.scoreStatistic(ifl.low()), 1e-6);
        assertEquals(-Interval.Z_95, cell.scoreStatistic(ifl.high()), 1e-6);
        // At the estimate D = -0.004 the restricted p01 is the observed 4/1000: B = -4 + 2004 * -0.004 = -12.016,
        // C = -4 * -0.004 * 1.004 = 0.016064, p01 = (12.016 + sqrt(144.384256 - 8000 * 0.016064)) / 4000
        // = (12.016 + 3.984) / 4000 = 0.004; the departure 0, so the statistic 0.
        assertEquals(0.0, cell.scoreStatistic(-0.004), EPS);
    }

    @Test
    void sixDiscordantPairsAllOneWayRejectAndTheIntervalExcludesZero() {
        // 988 both, 6 text only, 6 neither: McNemar p = 0.03125. At D = 0 the statistic is
        // -(6 - 0.5) / sqrt(6) = -2.245366, beyond -1.96: the score interval lies below 0 and stays as it is.
        PairedProportions cell = new PairedProportions(988, 0, 6, 6);
        assertEquals(-2.245366, cell.scoreStatistic(0), EPS);
        Interval ifl = cell.difference();
        assertEquals("paired-score", ifl.method());
        assertTrue(ifl.excludesZero() && ifl.high() < 0 && ifl.low() < -0.006, ifl.toString());
        assertTrue(ExactMcNemar.rejects(0, 6));
    }

    @Test
    void anIntervalExcludingZeroIsWidenedWhereTheExactTestDoesNotReject() {
        // 989 both, 5 text only, 6 neither: the score statistic at 0 is -(5 - 0.5) / sqrt(5) = -2.012461, so the
        // score interval ends below 0, but the exact test gives p = 2/32 = 0.0625: the interval is widened to 0.
        PairedProportions cell = new PairedProportions(989, 0, 5, 6);
        assertEquals(-2.012461, cell.scoreStatistic(0), EPS);
        Interval score = cell.score();
        assertTrue(score.excludesZero(), score.toString());
        Interval ifl = cell.difference();
        assertEquals("paired-score-widened", ifl.method());
        assertEquals(score.low(), ifl.low(), 0);
        assertEquals(0.0, ifl.high(), 0);
        assertEquals(-0.005, ifl.value(), EPS);
        // On 12 both, 9 first only, 2 second only, 16 neither, Newcombe's method 10 (Wilson intervals of the margins
        // [0.385694, 0.684331] and [0.227421, 0.515819] combined through phi = 0.478376) gives [0.021331, 0.321700],
        // excluding 0, while the exact p = 0.0654296875 (above); this interval contains 0.
        Interval small = new PairedProportions(12, 9, 2, 16).difference();
        assertFalse(small.excludesZero(), small.toString());
        assertEquals(0.179487, small.value(), EPS);
    }

    @Test
    void noDiscordantPairsGiveAnIntervalAroundZero() {
        // 5 both, 5 neither: for D > 0 the restricted p01 is 0 (C = 0, B = 20 D), so the statistic is
        // -(10 D - 0.5) / sqrt(10 D (1 - D)); it reaches -1.96 where 138.414592 D^2 - 48.414592 D + 0.25 = 0,
        // D = (48.414592 + sqrt(2343.972723 - 138.414592)) / 276.829185 = 0.344537; the lower bound mirrors it.
        Interval none = new PairedProportions(5, 0, 0, 5).difference();
        assertEquals(0.0, none.value(), 0);
        assertEquals(-0.344537, none.low(), EPS);
        assertEquals(0.344537, none.high(), EPS);
        assertEquals("paired-score", none.method());
        assertEquals(1.0, new PairedProportions(5, 0, 0, 5).mcNemarP(), 0);
    }

    @Test
    void onePairAndAllDiscordantPairs() {
        // One pair, image right and text wrong: IFL 1, an interval that reaches 1 and contains 0 (p = 1).
        Interval one = new PairedProportions(0, 1, 0, 0).difference();
        assertEquals(1.0, one.value(), 0);
        assertEquals(1.0, one.high(), 0);
        assertTrue(one.low() < 0, one.toString());
        assertEquals(1, one.n());
        // Ten pairs all lost to the image: IFL -1; at D = 0 the statistic is -(10 - 0.5) / sqrt(10) = -3.004164,
        // so the interval stays below 0, as the exact p = 2/1024 = 0.001953125 says it should. At D = -1 the
        // restricted p01 is 1 and the variance 0: the lower bound is -1.
        PairedProportions lost = new PairedProportions(0, 0, 10, 0);
        assertEquals(-3.004164, lost.scoreStatistic(0), EPS);
        Interval all = lost.difference();
        assertEquals("paired-score", all.method());
        assertEquals(-1.0, all.value(), 0);
        assertEquals(-1.0, all.low(), 0);
        assertTrue(all.high() < 0, all.toString());
        // Ten pairs, five each way: IFL 0, p = 1.
        Interval split = new PairedProportions(0, 5, 5, 0).difference();
        assertEquals(0.0, split.value(), 0);
        assertFalse(split.excludesZero());
        assertNull(PairedProportions.EMPTY.difference());
    }

    @Test
    void pairedNormalIntervalFromAHundredDiscordantPairsOn() {
        // 1000 pairs: 300 both, 40 image only, 80 text only, 580 neither; 120 discordant. d: forty +1, eighty -1.
        // mean -40/1000 = -0.04; variance (120 - 1600/1000) / 999 = 0.118519; se = sqrt(0.118519/1000)
        // = 0.010887; half = 0.021337. McNemar p = 0.000330 (above): the interval stays.
        Interval ifl = new PairedProportions(300, 40, 80, 580).difference();
        assertEquals("paired-normal", ifl.method());
        assertEquals(-0.04, ifl.value(), EPS);
        assertEquals(-0.061337, ifl.low(), EPS);
        assertEquals(-0.018663, ifl.high(), EPS);
        assertTrue(ifl.excludesZero());
        // 99 discordant pairs take the score interval.
        assertEquals("paired-score", new PairedProportions(300, 40, 59, 601).difference().method());
    }

    @Test
    void aNormalIntervalExcludingZeroIsWidenedWhereTheExactTestDoesNotReject() {
        // 300 both, 40 image only, 60 text only, 600 neither: mean -0.02; variance (100 - 400/1000) / 999
        // = 0.099700; se = 0.009985; half = 0.019570: [-0.039570, -0.000430], but McNemar p = 0.056888.
        Interval ifl = new PairedProportions(300, 40, 60, 600).difference();
        assertEquals("paired-normal-widened", ifl.method());
        assertEquals(-0.039570, ifl.low(), EPS);
        assertEquals(0.0, ifl.high(), 0);
    }

    @Test
    void aConstantDifferenceFallsBackToTheScoreInterval() {
        // 100 pairs all image-only: sd(d) = 0 would give a zero-width normal interval.
        Interval ifl = new PairedProportions(0, 100, 0, 0).difference();
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
        // Cell A: 40 pairs, 10 both, 5 image only, 15 text only, 10 neither: IFL -10/40 = -0.25. Cell C: 20 pairs,
        // 10 text only, 10 neither: IFL -0.5.
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
        // A: 400 pairs, 100 both, 50 image only, 150 text only, 100 neither: mean -0.25, variance
        // (200 - 10000/400) / 399 = 0.438596, se 0.033113. B: 400 pairs, 200 text only, 200 neither: mean -0.5,
        // variance (200 - 40000/400) / 399 = 0.250627, se 0.025031. Both normal (200 discordant pairs).
        // Mean -0.375, se = sqrt(0.033113^2 + 0.025031^2) / 2 = 0.020755, half 0.040679.
        Interval mean = Summaries.unweightedMean(List.of(new PairedProportions(100, 50, 150, 100).difference(),
                new PairedProportions(0, 0, 200, 200).difference()));
        assertEquals(-0.415679, mean.low(), EPS);
        assertEquals(-0.334321, mean.high(), EPS);
        assertNull(Summaries.unweightedMean(List.of()));
    }

    @Test
    void unweightedMeanIntervalStaysInsideItsCellsIntervals() {
        // Two cells at F 1.0 with score intervals [0.6, 1.0] and [0.8, 1.0] (half widths 0.2 and 0.1): se_i 0.102043
        // and 0.051021, se = sqrt(0.102043^2 + 0.051021^2) / 2 = 0.057044, half 0.111803, so the normal interval
        // [0.888197, 1.111803] runs past 1; cut to [mean of lows 0.7, mean of highs 1.0] it is [0.888197, 1].
        Interval mean = Summaries.unweightedMean(List.of(new Interval(1.0, 0.6, 1.0, 10, "wilson"),
                new Interval(1.0, 0.8, 1.0, 20, "wilson")));
        assertEquals(1.0, mean.value(), EPS);
        assertEquals(0.888197, mean.low(), EPS);
        assertEquals(1.0, mean.high(), EPS);
        // Two differences at -0.9 with intervals [-1, -0.5] and [-1, -0.7] (half widths 0.25 and 0.15): half
        // sqrt(0.25^2 + 0.15^2) / 2 = 0.145774, so [-1.045774, -0.754226], cut below at the mean of lows, -1; the
        // mean of highs, -0.6, does not bind: [-1, -0.754226].
        Interval difference = Summaries.unweightedMean(List.of(new Interval(-0.9, -1.0, -0.5, 10, "normal"),
                new Interval(-0.9, -1.0, -0.7, 20, "normal")));
        assertEquals(-1.0, difference.low(), EPS);
        assertEquals(-0.754226, difference.high(), EPS);
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
        Interval dsl = Dsl.share(y);
        assertEquals(0.75, dsl.value(), EPS);
        assertEquals(0.260009, dsl.low(), EPS);
        assertEquals(1.0, dsl.high(), EPS); // 0.75 + 0.489991 = 1.239991, cut to the share's bound
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
        // As a share: [-0.688263, 1.188263] cut to [0, 1]; as a difference (IFL), to [-0.688263, 1].
        Interval dsl = Dsl.share(y);
        assertEquals(0.25, dsl.value(), EPS);
        assertEquals(0.0, dsl.low(), EPS);
        assertEquals(1.0, dsl.high(), EPS);
        Interval difference = Dsl.difference(y);
        assertEquals(0.25 - 0.938263, difference.low(), EPS);
        assertEquals(1.0, difference.high(), EPS); // 1.188263 cut to 1
        // A late label replaces the item's surrogate: the same figures.
        Moments late = Moments.EMPTY.add(1).add(1).add(0).add(1).remove(1).add(Dsl.pseudoOutcome(1, 0, 0.5));
        assertEquals(dsl, Dsl.share(late));
        assertThrows(IllegalArgumentException.class, () -> Dsl.pseudoOutcome(1, 0, 0.0));
    }
}
