package org.ifl.statsstream.internal.stats;

/**
 * How a checkpoint's IFL differs from its baseline's on the items both answered in both arms: per item,
 * d_i = (image_c,i - text_c,i) - (image_b,i - text_b,i), a value in [-2, 2]; the difference is mean(d) with a
 * 95% interval ({@link #interval}). The items are the same questions asked of both checkpoints, so the pairing
 * takes out what the items share (some are hard in every checkpoint), which comparing two independent IFL
 * estimates does not. Immutable; {@link #add} returns a new value.
 *
 * @param values  the d_i: count, sum, sum of squares
 * @param lowest  the smallest d_i (+infinity without values)
 * @param highest the largest d_i (-infinity without values)
 * @param higher  items with d_i above 0 (the checkpoint lost less to the image than its baseline)
 * @param lower   items with d_i below 0
 */
public record PairedDifferences(Moments values, double lowest, double highest, long higher, long lower) {
    public static final PairedDifferences EMPTY = new PairedDifferences(Moments.EMPTY, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, 0, 0);
    /** mean(d) +- t(0.975, n - 1) sd(d) / sqrt(n), cut to [-2, 2]. */
    public static final String T = "paired-t";
    /** Every d_i the same: the bound of {@link #interval}'s second case. */
    public static final String BOUNDED = "paired-bounded";
    /** Appended to the method of an interval widened to 0 because the exact sign test does not reject. */
    public static final String WIDENED = "-widened";
    /** |d_i| is at most 2: each checkpoint's IFL of an item is in [-1, 1]. */
    public static final double RANGE = 2;

    /** One item's difference from the fidelities of both arms of both checkpoints. */
    public static double of(double checkpointText, double checkpointImage, double baselineText,
            double baselineImage) {
        return (checkpointImage - checkpointText) - (baselineImage - baselineText);
    }

    public PairedDifferences add(double d) {
        if (!(Math.abs(d) <= RANGE)) {
            throw new IllegalArgumentException("a paired IFL difference lies in [-2, 2], not " + d);
        }
        return new PairedDifferences(values.add(d), Math.min(lowest, d), Math.max(highest, d),
                higher + (d > 0 ? 1 : 0), lower + (d < 0 ? 1 : 0));
    }

    public long n() {
        return values.n();
    }

    /**
     * mean(d) with its 95% interval; null without items, no interval with one.
     * <ul>
     * <li>When the d_i differ: the t interval mean +- t(0.975, n - 1) sd / sqrt(n) ({@link TInterval}), cut to
     *     [-2, 2].</li>
     * <li>When every d_i is the same value v, sd is 0 and the t interval has no width, which a handful of items
     *     cannot justify. Then: with 97.5% confidence the share q of all items whose difference is v is at least
     *     q_low = 0.025^(1/n) (Clopper-Pearson, n of n observed), and the others lie in [-2, 2], so the mean lies in
     *     [q_low v - 2 (1 - q_low), q_low v + 2 (1 - q_low)]. Ten items all at -1 give [-1.308, -0.075]; nine or
     *     fewer include 0.</li>
     * <li>Either interval that excludes 0 where the exact sign test of the non-zero d_i ({@link ExactMcNemar}) does
     *     not reject at 5% is widened so that its nearer end is 0, and its method says so: no alert rests on fewer
     *     items than the exact test needs.</li>
     * </ul>
     */
    public Interval interval() {
        long n = values.n();
        if (n == 0) {
            return null;
        }
        double mean = values.mean();
        if (n < 2) {
            return new Interval(mean, null, null, n, T);
        }
        double low;
        double high;
        String method;
        if (highest > lowest) {
            double half = TInterval.quantile(n - 1) * values.standardError();
            low = Math.max(-RANGE, mean - half);
            high = Math.min(RANGE, mean + half);
            method = T;
        } else {
            double share = Math.pow(0.025, 1.0 / n);
            low = share * mean - (1 - share) * RANGE;
            high = share * mean + (1 - share) * RANGE;
            method = BOUNDED;
        }
        if ((low > 0 || high < 0) && !ExactMcNemar.rejects(higher, lower)) {
            if (high < 0) {
                high = 0;
            } else {
                low = 0;
            }
            method += WIDENED;
        }
        return new Interval(mean, low, high, n, method);
    }
}
