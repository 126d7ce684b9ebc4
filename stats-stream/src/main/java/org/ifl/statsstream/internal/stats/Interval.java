package org.ifl.statsstream.internal.stats;

/**
 * A figure with its 95% interval, the number of observations it rests on and how the interval was computed.
 * {@code low} and {@code high} are null where no interval exists (fewer than two observations).
 */
public record Interval(double value, Double low, Double high, long n, String method) {
    public static final double Z_95 = 1.959963984540054;

    public boolean excludesZero() {
        return low != null && high != null && (low > 0 || high < 0);
    }
}
