package org.ifl.statsstream.internal.stats;

/**
 * Paired binary outcomes of two arms over the same items, as a 2x2 table: {@code both} (1 and 1),
 * {@code firstOnly} (1 and 0), {@code secondOnly} (0 and 1), {@code neither}. The difference of the two
 * proportions (first minus second) is the mean of the paired differences d_i in {-1, 0, 1}.
 *
 * <p>Its 95% interval is mean +- 1.96 sd(d)/sqrt(n) from {@value #NORMAL_MIN_PAIRS} pairs on, as DESIGN.md
 * says; below that, or when every pair differs the same way (sd = 0, a zero-width interval), Newcombe's
 * score interval for paired proportions (1998, method 10: Wilson intervals of both margins combined with the
 * phi correlation), which keeps its coverage for small n and at the boundaries.
 */
public record PairedProportions(long both, long firstOnly, long secondOnly, long neither) {
    public static final PairedProportions EMPTY = new PairedProportions(0, 0, 0, 0);
    public static final int NORMAL_MIN_PAIRS = 30;
    public static final String NORMAL = "paired-normal";
    public static final String SCORE = "paired-score";

    public PairedProportions add(int first, int second) {
        if (first == 1 && second == 1) {
            return new PairedProportions(both + 1, firstOnly, secondOnly, neither);
        }
        if (first == 1 && second == 0) {
            return new PairedProportions(both, firstOnly + 1, secondOnly, neither);
        }
        if (first == 0 && second == 1) {
            return new PairedProportions(both, firstOnly, secondOnly + 1, neither);
        }
        if (first == 0 && second == 0) {
            return new PairedProportions(both, firstOnly, secondOnly, neither + 1);
        }
        throw new IllegalArgumentException("paired outcomes must be 0 or 1, not " + first + " and " + second);
    }

    public PairedProportions plus(PairedProportions other) {
        return new PairedProportions(both + other.both, firstOnly + other.firstOnly, secondOnly + other.secondOnly,
                neither + other.neither);
    }

    public PairedProportions minus(PairedProportions other) {
        return new PairedProportions(both - other.both, firstOnly - other.firstOnly, secondOnly - other.secondOnly,
                neither - other.neither);
    }

    public long n() {
        return both + firstOnly + secondOnly + neither;
    }

    /** The paired differences d_i = first_i - second_i as moments: firstOnly of +1, secondOnly of -1. */
    public Moments differences() {
        return new Moments(n(), firstOnly - secondOnly, firstOnly + secondOnly);
    }

    /** first minus second, with its 95% interval; null without pairs. */
    public Interval difference() {
        long n = n();
        if (n == 0) {
            return null;
        }
        Moments d = differences();
        if (n >= NORMAL_MIN_PAIRS && d.variance() > 0) {
            return d.normalInterval(NORMAL);
        }
        return newcombe();
    }

    /** Newcombe's method 10 (no continuity correction). */
    public Interval newcombe() {
        long n = n();
        double p1 = (double) (both + firstOnly) / n;
        double p2 = (double) (both + secondOnly) / n;
        Interval first = WilsonInterval.of(both + firstOnly, n);
        Interval second = WilsonInterval.of(both + secondOnly, n);
        double phi = phi();
        double difference = p1 - p2;
        double dl1 = p1 - first.low();
        double du1 = first.high() - p1;
        double dl2 = p2 - second.low();
        double du2 = second.high() - p2;
        double low = difference - Math.sqrt(Math.max(0, dl1 * dl1 - 2 * phi * dl1 * du2 + du2 * du2));
        double high = difference + Math.sqrt(Math.max(0, du1 * du1 - 2 * phi * du1 * dl2 + dl2 * dl2));
        return new Interval(difference, Math.max(-1, low), Math.min(1, high), n, SCORE);
    }

    /** The correlation of the two arms' outcomes; 0 where a margin is constant. */
    double phi() {
        double denominator = Math.sqrt((double) (both + firstOnly) * (secondOnly + neither)
                * (both + secondOnly) * (firstOnly + neither));
        return denominator == 0 ? 0 : (both * (double) neither - firstOnly * (double) secondOnly) / denominator;
    }
}
