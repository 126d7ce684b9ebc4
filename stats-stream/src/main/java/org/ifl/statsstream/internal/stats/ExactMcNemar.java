package org.ifl.statsstream.internal.stats;

/**
 * The exact (conditional, binomial) McNemar test of two paired proportions: given the b + c discordant pairs,
 * b is Binomial(b + c, 1/2) when both arms have the same proportion, so the two-sided p-value is
 * min(1, 2 P(X <= min(b, c))). On paired differences d_i in {-1, 0, 1} it is the sign test of the non-zero d_i.
 * {@link PairedProportions#difference()} never excludes 0 where this test does not reject.
 */
public final class ExactMcNemar {
    /** The level the paired intervals are consistent with: a 95% interval, a 5% test. */
    public static final double ALPHA = 0.05;

    private ExactMcNemar() {
    }

    /** The two-sided exact p-value of {@code b} pairs one way against {@code c} the other; 1 without any. */
    public static double exactPValue(long b, long c) {
        if (b < 0 || c < 0) {
            throw new IllegalArgumentException("discordant pairs cannot be negative: " + b + " and " + c);
        }
        long m = b + c;
        long k = Math.min(b, c);
        if (m == 0 || 2 * k == m) {
            return 1;
        }
        // P(X <= k) = P(X = k) (1 + r_k + r_k r_(k-1) + ...), r_j = P(X = j - 1) / P(X = j) = j / (m - j + 1) < 1
        // for j <= k <= m/2; P(X = k) in logs, so thousands of discordant pairs neither underflow nor lose the tail.
        double logLast;
        if (k <= DIRECT) {
            logLast = -m * Math.log(2);
            for (long j = 0; j < k; j++) {
                logLast += Math.log(m - j) - Math.log(j + 1);
            }
        } else {
            // ln C(m, k) from log factorials: a summary pooling many cells has thousands of discordant pairs
            logLast = logFactorial(m) - logFactorial(k) - logFactorial(m - k) - m * Math.log(2);
        }
        double sum = 1;
        double term = 1;
        for (long j = k; j > 0 && term > 1e-17 * sum; j--) {
            term *= (double) j / (m - j + 1);
            sum += term;
        }
        return Math.min(1, 2 * Math.exp(logLast + Math.log(sum)));
    }

    /** ln n!: summed up to {@value #TABLE}, Stirling's series beyond (error below 1e-15 relative there). */
    static double logFactorial(long n) {
        if (n < TABLE) {
            return LOG_FACTORIALS[(int) n];
        }
        double x = n + 1.0; // ln n! = ln Gamma(n + 1)
        double inverse = 1 / x;
        double inverseSquared = inverse * inverse;
        return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI)
                + inverse * (1.0 / 12 - inverseSquared * (1.0 / 360 - inverseSquared * (1.0 / 1260
                        - inverseSquared / 1680)));
    }

    private static final int TABLE = 256;
    /** Up to this many terms, ln C(m, k) is summed term by term. */
    private static final int DIRECT = 32;
    private static final double[] LOG_FACTORIALS = new double[TABLE];

    static {
        for (int i = 2; i < TABLE; i++) {
            LOG_FACTORIALS[i] = LOG_FACTORIALS[i - 1] + Math.log(i);
        }
    }

    /** Whether the exact test rejects equal proportions at {@link #ALPHA}. */
    public static boolean rejects(long b, long c) {
        return exactPValue(b, c) < ALPHA;
    }
}
