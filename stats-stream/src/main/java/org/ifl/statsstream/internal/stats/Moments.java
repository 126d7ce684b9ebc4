package org.ifl.statsstream.internal.stats;

/**
 * Count, sum and sum of squares of a stream of values: enough for the mean, the sample variance and the
 * standard error, and mergeable, so cells can be kept and combined as three numbers. Immutable.
 */
public record Moments(long n, double sum, double sumOfSquares) {
    public static final Moments EMPTY = new Moments(0, 0, 0);

    public Moments add(double x) {
        return new Moments(n + 1, sum + x, sumOfSquares + x * x);
    }

    /** Takes back a value added before: how a late expert label replaces a pseudo-outcome. */
    public Moments remove(double x) {
        if (n == 0) {
            throw new IllegalStateException("no value to remove");
        }
        return new Moments(n - 1, sum - x, sumOfSquares - x * x);
    }

    public Moments plus(Moments other) {
        if (other == EMPTY) {
            return this;
        }
        return new Moments(n + other.n, sum + other.sum, sumOfSquares + other.sumOfSquares);
    }

    public Moments minus(Moments other) {
        if (other == EMPTY) {
            return this;
        }
        return new Moments(n - other.n, sum - other.sum, sumOfSquares - other.sumOfSquares);
    }

    public double mean() {
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Sample variance (n - 1 in the denominator); NaN below two values. */
    public double variance() {
        if (n < 2) {
            return Double.NaN;
        }
        double v = (sumOfSquares - sum * sum / n) / (n - 1);
        return Math.max(0, v); // rounding can leave a tiny negative for constant data
    }

    public double standardError() {
        return Math.sqrt(variance() / n);
    }

    /** mean +- 1.96 standard errors; no interval below two values. */
    public Interval normalInterval(String method) {
        if (n == 0) {
            return null;
        }
        if (n < 2) {
            return new Interval(mean(), null, null, n, method);
        }
        double half = Interval.Z_95 * standardError();
        return new Interval(mean(), mean() - half, mean() + half, n, method);
    }
}
