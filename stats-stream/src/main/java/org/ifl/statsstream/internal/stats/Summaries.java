package org.ifl.statsstream.internal.stats;

import java.util.List;
import java.util.Objects;

/**
 * Figures over several cells. The paper's tables average cell figures without weights (each language counts
 * once, however many items it has); the pooled figure, over all pairs at once, is reported beside it.
 */
public final class Summaries {
    public static final String UNWEIGHTED_MEAN = "unweighted-mean";

    private Summaries() {
    }

    /**
     * The unweighted mean of the cells' values. Its interval treats cells as independent: the standard error is
     * sqrt(sum se_i^2) / k, each se_i read off its cell's interval as half its width / 1.96 (exact for normal
     * intervals, the average of both sides for score intervals); no interval if any cell has none. The interval is
     * then cut to [mean of the cells' lows, mean of the cells' highs]: the cells' intervals lie inside their
     * metric's range (a score interval of a proportion inside [0, 1], a difference's inside [-1, 1]), so the mean's
     * does too, where the normal approximation alone would run past a boundary (all cells at F 1.0, say).
     */
    public static Interval unweightedMean(List<Interval> cells) {
        List<Interval> present = cells.stream().filter(Objects::nonNull).toList();
        if (present.isEmpty()) {
            return null;
        }
        int k = present.size();
        double mean = present.stream().mapToDouble(Interval::value).sum() / k;
        long n = present.stream().mapToLong(Interval::n).sum();
        if (present.stream().anyMatch(c -> c.low() == null || c.high() == null)) {
            return new Interval(mean, null, null, n, UNWEIGHTED_MEAN);
        }
        double sumOfSquares = 0;
        double lows = 0;
        double highs = 0;
        for (Interval cell : present) {
            double se = (cell.high() - cell.low()) / (2 * Interval.Z_95);
            sumOfSquares += se * se;
            lows += cell.low();
            highs += cell.high();
        }
        double half = Interval.Z_95 * Math.sqrt(sumOfSquares) / k;
        return new Interval(mean, Math.max(mean - half, lows / k), Math.min(mean + half, highs / k), n,
                UNWEIGHTED_MEAN);
    }

    /** diff / |IFL|: the share of the loss the remedy recovers; absent when IFL is 0 (or either is absent). */
    public static Double relative(Double diff, Double ifl) {
        if (diff == null || ifl == null || ifl == 0) {
            return null;
        }
        return diff / Math.abs(ifl);
    }
}
