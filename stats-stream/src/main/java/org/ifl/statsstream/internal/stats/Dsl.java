package org.ifl.statsstream.internal.stats;

/**
 * Design-based supervised learning (Egami et al., 2023) for fidelity. With the language identifier's verdict
 * s_i as surrogate and an expert's Y_i on a random subset drawn with probability pi_i (R_i = 1 when drawn), the
 * pseudo-outcome Y~_i = s_i + (R_i / pi_i) (Y_i - s_i) is unbiased for Y_i whatever the identifier's errors; an
 * arm's DSL fidelity is mean(Y~) with standard error sd(Y~)/sqrt(n), and DSL IFL uses the paired differences
 * of Y~. Everything is kept as {@link Moments}, so a late label replaces one value.
 */
public final class Dsl {
    public static final String METHOD = "dsl";

    private Dsl() {
    }

    /** Y~ of an unlabelled item: its surrogate. */
    public static double pseudoOutcome(int surrogate) {
        return surrogate;
    }

    /** Y~ of a labelled item. */
    public static double pseudoOutcome(int surrogate, int expert, double samplingProbability) {
        if (!(samplingProbability > 0 && samplingProbability <= 1)) {
            throw new IllegalArgumentException("sampling probability must be in (0, 1], not " + samplingProbability);
        }
        return surrogate + (expert - surrogate) / samplingProbability;
    }

    /**
     * A share (fidelity, accuracy) from its pseudo-outcomes: their mean with the normal 95% interval, the interval cut
     * to [0, 1]. A pseudo-outcome may lie far outside [0, 1] (a labelled answer weighs 1/pi), so the interval may too;
     * the share cannot, so cutting it there never loses the truth.
     */
    public static Interval share(Moments pseudoOutcomes) {
        return within(pseudoOutcomes.normalInterval(METHOD), 0, 1);
    }

    /** A difference of two shares (IFL) from the paired differences of pseudo-outcomes: cut to [-1, 1] likewise. */
    public static Interval difference(Moments pairedDifferences) {
        return within(pairedDifferences.normalInterval(METHOD), -1, 1);
    }

    private static Interval within(Interval interval, double min, double max) {
        if (interval == null || interval.low() == null) {
            return interval;
        }
        return new Interval(interval.value(), Math.max(min, interval.low()), Math.min(max, interval.high()),
                interval.n(), interval.method());
    }
}
