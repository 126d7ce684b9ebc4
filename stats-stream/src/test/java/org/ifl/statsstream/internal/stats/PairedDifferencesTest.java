package org.ifl.statsstream.internal.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The paired difference of two checkpoints' IFL, worked by hand. */
class PairedDifferencesTest {
    private static final double EPS = 1e-6;

    private static PairedDifferences of(double... d) {
        PairedDifferences p = PairedDifferences.EMPTY;
        for (double x : d) {
            p = p.add(x);
        }
        return p;
    }

    private static void assertInterval(double value, double low, double high, long n, String method, Interval i) {
        assertEquals(value, i.value(), EPS, "value");
        assertEquals(low, i.low(), EPS, "low");
        assertEquals(high, i.high(), EPS, "high");
        assertEquals(n, i.n());
        assertEquals(method, i.method());
    }

    @Test
    void anItemsDifferenceIsTheCheckpointsImageLossLessTheBaselines() {
        // checkpoint text 1, image 0 (IFL -1); baseline text 1, image 1 (IFL 0): d = -1 - 0 = -1
        assertEquals(-1, PairedDifferences.of(1, 0, 1, 1));
        // checkpoint text 0, image 1 (+1); baseline text 1, image 0 (-1): d = +2, the largest there is
        assertEquals(2, PairedDifferences.of(0, 1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> PairedDifferences.EMPTY.add(2.5));
    }

    @Test
    void tIntervalOfDifferingItems() {
        // d = -1, -1, 0, -2: mean -1, squares about the mean 0 + 0 + 1 + 1 = 2, sd = sqrt(2/3) = 0.816497,
        // se = 0.816497 / 2 = 0.408248, t(0.975, 3) = 3.182446, half-width 1.299228: [-2.299228, 0.299228], cut to
        // [-2, 0.299228] (no item's difference is below -2).
        assertInterval(-1, -2, 0.299228, 4, PairedDifferences.T, of(-1, -1, 0, -2).interval());
        // Eight items at -1, two at 0: mean -0.8, squares 8 x 0.04 + 2 x 0.64 = 1.6, sd = sqrt(1.6/9) = 0.421637,
        // se = 0.421637 / sqrt(10) = 0.133333, t(0.975, 9) = 2.262157, half-width 0.301621: [-1.101621, -0.498379];
        // the sign test of 0 up against 8 down gives p = 2 / 2^8 = 0.0078, so it stands.
        assertInterval(-0.8, -1.101621, -0.498379, 10, PairedDifferences.T,
                of(-1, -1, -1, -1, -1, -1, -1, -1, 0, 0).interval());
    }

    @Test
    void everyItemAlikeGetsABoundNotAZeroWidthInterval() {
        // Ten items all at -1: sd 0. With 97.5% confidence at least q = 0.025^(1/10) = 0.691503 of all items are at
        // -1, the rest at most +2 and at least -2: [-0.691503 - 2 x 0.308497, -0.691503 + 2 x 0.308497]
        // = [-1.308497, -0.074509].
        assertInterval(-1, -1.308497, -0.074509, 10, PairedDifferences.BOUNDED,
                of(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1).interval());
        // Five items all at -1: q = 0.025^(1/5) = 0.478176: [-1.521824, 0.565471], which holds 0: no regression
        // rests on five items.
        assertInterval(-1, -1.521824, 0.565471, 5, PairedDifferences.BOUNDED, of(-1, -1, -1, -1, -1).interval());
        // Items that all agree (d = 0) are no evidence of a change: q = 0.025^(1/3) = 0.292402, [-1.415196, 1.415196].
        assertInterval(0, -1.415196, 1.415196, 3, PairedDifferences.BOUNDED, of(0, 0, 0).interval());
    }

    @Test
    void anIntervalTheExactSignTestDoesNotBackIsWidenedToZero() {
        // d = -2, -2, -2, -1: mean -1.75, squares 3 x 0.0625 + 0.5625 = 0.75, sd = 0.5, se = 0.25, half-width
        // 3.182446 x 0.25 = 0.795612: [-2.545612, -0.954388], cut to [-2, -0.954388]. It excludes 0, but four items
        // all one way give the sign test p = 2 / 2^4 = 0.125: widened to [-2, 0].
        assertInterval(-1.75, -2, 0, 4, PairedDifferences.T + PairedDifferences.WIDENED,
                of(-2, -2, -2, -1).interval());
    }

    @Test
    void oneItemHasNoIntervalAndNoneHasNoEstimate() {
        assertNull(PairedDifferences.EMPTY.interval());
        Interval one = of(-1).interval();
        assertEquals(-1, one.value());
        assertNull(one.low());
    }
}
