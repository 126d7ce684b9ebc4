package org.ifl.statsstream.internal.stats;

/** The Wilson score interval of a proportion: well-behaved at 0, at 1 and for small n, unlike the Wald interval. */
public final class WilsonInterval {
    public static final String METHOD = "wilson";

    private WilsonInterval() {
    }

    /** The share of {@code successes} in {@code n} with its 95% Wilson interval; null when n = 0. */
    public static Interval of(long successes, long n) {
        if (n <= 0) {
            return null;
        }
        if (successes < 0 || successes > n) {
            throw new IllegalArgumentException(successes + " successes out of " + n);
        }
        double p = (double) successes / n;
        double z2 = Interval.Z_95 * Interval.Z_95;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double half = Interval.Z_95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
        return new Interval(p, Math.max(0, centre - half), Math.min(1, centre + half), n, METHOD);
    }
}
