package org.ifl.referencevlm.steer;

import org.ifl.referencevlm.Pooling;
import org.ifl.referencevlm.model.ForwardOptions;

/**
 * The paper's remedy for one language: {@code a = h_l(x_lang) − h_l(x_en)}, the pooled hidden state after layer
 * {@code l} of the steering sentence in the language minus that of the English one, added at layer {@code l} at
 * every position while generating.
 */
public record SteeringVector(String language, int layer, Pooling pooling, float[] vector) {

    public SteeringVector {
        vector = vector.clone();
    }

    @Override
    public float[] vector() {
        return vector.clone();
    }

    /** Hooks that add the vector ({@code scale} times) at its layer in the prefill and every generated step. */
    public ForwardOptions options(float scale) {
        return ForwardOptions.builder().steer(layer, vector, scale).build();
    }

    public ForwardOptions options() {
        return options(1f);
    }

    public double norm() {
        double s = 0;
        for (float v : vector) {
            s += (double) v * v;
        }
        return Math.sqrt(s);
    }
}
