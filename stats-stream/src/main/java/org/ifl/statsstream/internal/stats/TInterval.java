package org.ifl.statsstream.internal.stats;

/**
 * The mean of a sample with its 95% Student t interval, mean +- t(0.975, n - 1) sd / sqrt(n): for entity
 * metrics, continuous scores in [0, 1] whose cells are small (tens of items per language and pattern), where
 * 1.96 would be too narrow. The quantile comes from a table for n - 1 <= 30; beyond it the normal 1.96 is used
 * (t(0.975, 30) = 2.042, so the interval narrows by 4% from 31 to 32 values; the table is exact where it
 * matters most).
 */
public final class TInterval {
    public static final String METHOD = "t";

    /** t(0.975, df) for df = 1..30, to six decimals. */
    private static final double[] QUANTILES = {
        12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912, 2.364624, 2.306004, 2.262157, 2.228139,
        2.200985, 2.178813, 2.160369, 2.144787, 2.131450, 2.119905, 2.109816, 2.100922, 2.093024, 2.085963,
        2.079614, 2.073873, 2.068658, 2.063899, 2.059539, 2.055529, 2.051831, 2.048407, 2.045230, 2.042272};

    private TInterval() {
    }

    /** t(0.975, df): the table up to 30 degrees of freedom, 1.96 beyond. */
    public static double quantile(long degreesOfFreedom) {
        if (degreesOfFreedom < 1) {
            throw new IllegalArgumentException("a t quantile needs at least 1 degree of freedom, not "
                    + degreesOfFreedom);
        }
        return degreesOfFreedom <= QUANTILES.length ? QUANTILES[(int) degreesOfFreedom - 1] : Interval.Z_95;
    }

    /** The mean of {@code values} with its t interval; null without values, no interval for one value. */
    public static Interval of(Moments values) {
        if (values.n() <= 0) {
            return null;
        }
        if (values.n() < 2) {
            return new Interval(values.mean(), null, null, values.n(), METHOD);
        }
        double half = quantile(values.n() - 1) * values.standardError();
        return new Interval(values.mean(), values.mean() - half, values.mean() + half, values.n(), METHOD);
    }

    /**
     * The same with the interval cut to [lowest, highest], the range every value lies in: the mean lies there
     * too, so cutting loses no coverage, and a share's interval never reads below 0 or above 1 (with 2 values
     * t(0.975, 1) = 12.7 makes it wider than the range).
     */
    public static Interval of(Moments values, double lowest, double highest) {
        Interval i = of(values);
        if (i == null || i.low() == null) {
            return i;
        }
        return new Interval(i.value(), Math.max(lowest, i.low()), Math.min(highest, i.high()), i.n(), METHOD);
    }
}
