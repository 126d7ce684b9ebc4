package org.ifl.statsstream.internal.stats;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ordinary least squares with standard errors clustered by item: the linear probability model behind design-factor
 * effects (the IFL paper's Table 4 reads the effect of changing the LLM, the vision encoder or the training data's
 * language off {@code fidelity ~ image + image x attribute + ...}). Answers to the same item are not independent
 * (the same question, asked of every arm and checkpoint), so the covariance is the cluster-robust sandwich
 * {@code c (X'X)^-1 (sum over items of X_g' u_g u_g' X_g) (X'X)^-1} with the usual small-sample factor
 * {@code c = G/(G-1) (N-1)/(N-K)} (G items, N answers, K terms), as statsmodels computes it by default; 95% intervals
 * are the coefficient +- 1.96 standard errors. {@code ClusteredLeastSquaresTest} checks it against statsmodels.
 */
public final class ClusteredLeastSquares {
    public static final String METHOD = "ols-cluster-robust";

    private ClusteredLeastSquares() {
    }

    /**
     * A fitted model.
     *
     * @param terms          the design's columns, in order
     * @param coefficients   one per term
     * @param standardErrors one per term, cluster-robust
     * @param n              answers (rows)
     * @param clusters       items (clusters)
     */
    public record Fit(List<String> terms, double[] coefficients, double[] standardErrors, long n, int clusters) {
        public Fit {
            terms = List.copyOf(terms);
            coefficients = coefficients.clone();
            standardErrors = standardErrors.clone();
        }

        /** The term's coefficient with its 95% interval. */
        public Interval interval(String term) {
            int j = terms.indexOf(term);
            if (j < 0) {
                throw new IllegalArgumentException("no term '" + term + "' in " + terms);
            }
            double half = Interval.Z_95 * standardErrors[j];
            return new Interval(coefficients[j], coefficients[j] - half, coefficients[j] + half, n, METHOD);
        }
    }

    /**
     * Fits {@code y ~ x} (x holds every column, the intercept's included) with errors clustered by
     * {@code clusterOfRow}.
     *
     * @throws IllegalArgumentException when the sizes disagree, there are no more rows than terms or fewer than two
     *     clusters, or a term is a combination of the others (it names it)
     */
    public static Fit fit(List<String> terms, double[][] x, double[] y, List<String> clusterOfRow) {
        int n = y.length;
        int k = terms.size();
        if (x.length != n || clusterOfRow.size() != n) {
            throw new IllegalArgumentException("the design has " + x.length + " rows, the outcome " + n
                    + " and the clusters " + clusterOfRow.size() + "; they must be equal");
        }
        if (n <= k) {
            throw new IllegalArgumentException(n + " answers cannot fit " + k + " terms " + terms);
        }
        double[][] xtx = new double[k][k];
        double[] xty = new double[k];
        for (int i = 0; i < n; i++) {
            if (x[i].length != k) {
                throw new IllegalArgumentException("row " + i + " has " + x[i].length + " values, not one per term "
                        + terms);
            }
            for (int a = 0; a < k; a++) {
                xty[a] += x[i][a] * y[i];
                for (int b = 0; b < k; b++) {
                    xtx[a][b] += x[i][a] * x[i][b];
                }
            }
        }
        double[][] bread = invert(xtx, terms);
        double[] beta = times(bread, xty);

        Map<String, double[]> scoreOfCluster = new HashMap<>();
        for (int i = 0; i < n; i++) {
            double residual = y[i];
            for (int a = 0; a < k; a++) {
                residual -= x[i][a] * beta[a];
            }
            double[] score = scoreOfCluster.computeIfAbsent(clusterOfRow.get(i), c -> new double[k]);
            for (int a = 0; a < k; a++) {
                score[a] += x[i][a] * residual;
            }
        }
        int g = scoreOfCluster.size();
        if (g < 2) {
            throw new IllegalArgumentException("clustered errors need at least two clusters (items), not " + g);
        }
        double[][] meat = new double[k][k];
        for (double[] score : scoreOfCluster.values()) {
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    meat[a][b] += score[a] * score[b];
                }
            }
        }
        double correction = (double) g / (g - 1) * (n - 1) / (n - k);
        double[][] covariance = times(times(bread, meat), bread);
        double[] se = new double[k];
        for (int a = 0; a < k; a++) {
            se[a] = Math.sqrt(Math.max(0, correction * covariance[a][a]));
        }
        return new Fit(terms, beta, se, n, g);
    }

    /** The inverse of a symmetric positive definite matrix, by Gauss-Jordan elimination with partial pivoting. */
    private static double[][] invert(double[][] m, List<String> terms) {
        int k = m.length;
        double[][] a = new double[k][2 * k];
        double scale = 0;
        for (int i = 0; i < k; i++) {
            System.arraycopy(m[i], 0, a[i], 0, k);
            a[i][k + i] = 1;
            scale = Math.max(scale, Math.abs(m[i][i]));
        }
        for (int col = 0; col < k; col++) {
            int pivot = col;
            for (int r = col + 1; r < k; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            if (Math.abs(a[pivot][col]) <= 1e-12 * scale) {
                throw new IllegalArgumentException("term '" + terms.get(col) + "' is a combination of the others "
                        + "(or constant where the intercept is): its effect cannot be told apart");
            }
            double[] swap = a[col];
            a[col] = a[pivot];
            a[pivot] = swap;
            double p = a[col][col];
            for (int c = 0; c < 2 * k; c++) {
                a[col][c] /= p;
            }
            for (int r = 0; r < k; r++) {
                if (r != col && a[r][col] != 0) {
                    double f = a[r][col];
                    for (int c = 0; c < 2 * k; c++) {
                        a[r][c] -= f * a[col][c];
                    }
                }
            }
        }
        double[][] inverse = new double[k][k];
        for (int i = 0; i < k; i++) {
            System.arraycopy(a[i], k, inverse[i], 0, k);
        }
        return inverse;
    }

    private static double[] times(double[][] m, double[] v) {
        double[] out = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < v.length; j++) {
                out[i] += m[i][j] * v[j];
            }
        }
        return out;
    }

    private static double[][] times(double[][] a, double[][] b) {
        int k = a.length;
        double[][] out = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                for (int l = 0; l < k; l++) {
                    out[i][j] += a[i][l] * b[l][j];
                }
            }
        }
        return out;
    }
}
