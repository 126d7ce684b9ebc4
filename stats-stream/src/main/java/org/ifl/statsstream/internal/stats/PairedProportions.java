package org.ifl.statsstream.internal.stats;

/**
 * Paired binary outcomes of two arms over the same items, as a 2x2 table: {@code both} (1 and 1),
 * {@code firstOnly} (1 and 0), {@code secondOnly} (0 and 1), {@code neither}. The difference of the two
 * proportions (first minus second) is the mean of the paired differences d_i in {-1, 0, 1}.
 *
 * <p>Its 95% interval is chosen by the discordant pairs b + c (firstOnly + secondOnly), which is what the
 * difference's uncertainty rests on, not by n: a cell of 1,000 pairs with 4 discordant ones knows little about
 * its difference. From {@value #NORMAL_MIN_DISCORDANT} discordant pairs on (and sd(d) > 0) it is
 * mean +- 1.96 sd(d)/sqrt(n), as DESIGN.md says; below, Tango's score interval (1998) with a continuity
 * correction of half a step. Either is then widened to reach 0 where the exact McNemar test
 * ({@link ExactMcNemar}) does not reject at 5%, so no interval claims a difference the exact test does not find; its method then ends in
 * {@value #WIDENED}. docs/statistics.md gives the reasons and the coverage simulation behind the threshold.
 */
public record PairedProportions(long both, long firstOnly, long secondOnly, long neither) {
    public static final PairedProportions EMPTY = new PairedProportions(0, 0, 0, 0);
    public static final int NORMAL_MIN_DISCORDANT = 100;
    public static final String NORMAL = "paired-normal";
    public static final String SCORE = "paired-score";
    /** Appended to the method of an interval widened to reach 0 because the exact McNemar test does not reject. */
    public static final String WIDENED = "-widened";
    /** Half the step of b - c, which moves by 1 when one pair changes. */
    private static final double CONTINUITY = 0.5;

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

    /** The pairs whose arms differ, b + c: the pairs the difference and its interval rest on. */
    public long discordant() {
        return firstOnly + secondOnly;
    }

    /** The two-sided exact McNemar p-value of this table. */
    public double mcNemarP() {
        return ExactMcNemar.exactPValue(firstOnly, secondOnly);
    }

    /** first minus second, with its 95% interval; null without pairs. */
    public Interval difference() {
        if (n() == 0) {
            return null;
        }
        Moments d = differences();
        Interval chosen = discordant() >= NORMAL_MIN_DISCORDANT && d.variance() > 0 ? d.normalInterval(NORMAL)
                : score();
        if (!chosen.excludesZero() || ExactMcNemar.rejects(firstOnly, secondOnly)) {
            return chosen;
        }
        return new Interval(chosen.value(), Math.min(0, chosen.low()), Math.max(0, chosen.high()), chosen.n(),
                chosen.method() + WIDENED);
    }

    /**
     * Tango's asymptotic score interval for a difference of paired proportions (Statistics in Medicine 17, 1998,
     * 891-908): every difference D whose score statistic (b - c - nD) / sqrt(n (2 p01(D) + D (1 - D))), with
     * p01(D) the restricted maximum likelihood estimate of the secondOnly probability, lies within +-1.96. It
     * rests on b, c and n alone, so it keeps its width where the arms agree on almost every item (Newcombe's
     * method 10 collapses there when the margins are near one half). The continuity correction takes
     * {@value #CONTINUITY}, half the step of b - c, off |b - c - nD|: without it the interval under-covers with
     * a handful of discordant pairs, where b - c takes few values. Null without pairs.
     */
    public Interval score() {
        if (n() == 0) {
            return null;
        }
        double n = n();
        double estimate = (firstOnly - secondOnly) / n;
        double low = scoreStatistic(-1) <= Interval.Z_95 ? -1 : bound(-1, estimate, true);
        double high = scoreStatistic(1) >= -Interval.Z_95 ? 1 : bound(estimate, 1, false);
        return new Interval(estimate, low, high, n(), SCORE);
    }

    /**
     * Where the score statistic, falling in D, crosses +1.96 (the lower bound) or -1.96 (the upper) between
     * {@code from} and {@code to}, by bisection; the end returned is the outer one.
     */
    private double bound(double from, double to, boolean lower) {
        double outer = lower ? from : to;
        double inner = lower ? to : from;
        for (int i = 0; i < 100 && Math.abs(outer - inner) > 1e-12; i++) {
            double middle = (outer + inner) / 2;
            double z = scoreStatistic(middle);
            if (lower ? z > Interval.Z_95 : z < -Interval.Z_95) {
                outer = middle;
            } else {
                inner = middle;
            }
        }
        return outer;
    }

    /** Tango's score statistic of difference {@code delta}, continuity-corrected. */
    double scoreStatistic(double delta) {
        double n = n();
        double b = firstOnly;
        double c = secondOnly;
        // p01(D) is the root in [max(0, -D), (1 - D) / 2] of 2n p^2 + B p + C = 0; written so that neither sign
        // of B cancels digits.
        double bQuadratic = -b - c + (2 * n - b + c) * delta;
        double cQuadratic = -c * delta * (1 - delta);
        double root = Math.sqrt(Math.max(0, bQuadratic * bQuadratic - 8 * n * cQuadratic));
        double p01 = bQuadratic > 0 ? -2 * cQuadratic / (bQuadratic + root) : (root - bQuadratic) / (4 * n);
        double variance = n * (2 * p01 + delta * (1 - delta));
        double departure = b - c - n * delta;
        double corrected = Math.signum(departure) * Math.max(0, Math.abs(departure) - CONTINUITY);
        if (variance <= 0) {
            return corrected == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, corrected);
        }
        return corrected / Math.sqrt(variance);
    }
}
