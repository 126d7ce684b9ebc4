package org.ifl.referencevlm.generate;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.ifl.referencevlm.Sampling;

/** Picks the next token of one row from its logits under a {@link Sampling}; plain Java, one random stream. */
public final class TokenChooser {

    private final Sampling sampling;
    private final SplittableRandom random;

    public TokenChooser(Sampling sampling) {
        this.sampling = sampling;
        this.random = new SplittableRandom(sampling.seed());
    }

    public int choose(float[] logits) {
        if (sampling.isGreedy()) {
            return argMax(logits);
        }
        float[] probabilities = softmax(logits, sampling.temperature());
        int[] kept = nucleus(probabilities, sampling.topP());
        double mass = 0;
        for (int i : kept) {
            mass += probabilities[i];
        }
        double u = random.nextDouble() * mass;
        double cumulative = 0;
        for (int i : kept) {
            cumulative += probabilities[i];
            if (u < cumulative) {
                return i;
            }
        }
        return kept[kept.length - 1];
    }

    /** The first index of the largest value. */
    public static int argMax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    /** {@code softmax(logits / temperature)}, computed stably. */
    public static float[] softmax(float[] logits, float temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l / (double) temperature);
        }
        double[] e = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            e[i] = Math.exp(logits[i] / (double) temperature - max);
            sum += e[i];
        }
        float[] p = new float[logits.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (e[i] / sum);
        }
        return p;
    }

    /**
     * The smallest set of tokens whose probabilities sum to at least {@code p}, most probable first (ties by
     * lower id). Always holds at least the most probable token.
     */
    public static int[] nucleus(float[] probabilities, float p) {
        Integer[] order = new Integer[probabilities.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> probabilities[a] != probabilities[b]
                ? Float.compare(probabilities[b], probabilities[a]) : Integer.compare(a, b));
        double cumulative = 0;
        int n = 0;
        while (n < order.length) {
            cumulative += probabilities[order[n]];
            n++;
            if (cumulative >= p - 1e-7) {
                break;
            }
        }
        int[] kept = new int[n];
        for (int i = 0; i < n; i++) {
            kept[i] = order[i];
        }
        return kept;
    }
}
