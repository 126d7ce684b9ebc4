package org.ifl.referencevlm.model;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Per-call hooks into the language model, passed as a parameter of each forward or step so that no state is
 * shared between calls or threads.
 *
 * <p>Layers are numbered as in Hugging Face's {@code hidden_states}: layer 0 is the input embeddings (image
 * tokens and token embeddings plus positions), layer {@code l} (1 ≤ l ≤ lmLayers) is the output of decoder
 * block {@code l}, before the final layer norm. A steering vector at layer {@code l} is added to that output
 * at every position the call computes; a captured hidden state at layer {@code l} is taken after the
 * steering, i.e. it is exactly what block {@code l + 1} receives.
 */
public final class ForwardOptions {

    private static final ForwardOptions NONE = new ForwardOptions(new int[0], List.of());

    private final int[] captureLayers;
    private final List<Steering> steerings;

    private ForwardOptions(int[] captureLayers, List<Steering> steerings) {
        this.captureLayers = captureLayers;
        this.steerings = steerings;
    }

    /** No capture, no steering. */
    public static ForwardOptions none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The layers whose hidden states are returned, ascending. */
    public int[] captureLayers() {
        return captureLayers.clone();
    }

    public boolean captures(int layer) {
        return Arrays.binarySearch(captureLayers, layer) >= 0;
    }

    public List<Steering> steerings() {
        return steerings;
    }

    /** The sum of {@code scale · vector} of every steering at {@code layer}, or null if there is none. */
    float[] steeringAt(int layer) {
        float[] sum = null;
        for (Steering s : steerings) {
            if (s.layer() == layer) {
                if (sum == null) {
                    sum = new float[s.vector().length];
                }
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += s.scale() * s.vector()[i];
                }
            }
        }
        return sum;
    }

    /** Checks every layer and vector against the model's sizes, so a bad hook fails before any computing. */
    void validate(int lmLayers, int dModel) {
        for (int layer : captureLayers) {
            if (layer < 0 || layer > lmLayers) {
                throw new IllegalArgumentException("capture layer " + layer + " outside 0.." + lmLayers);
            }
        }
        for (Steering s : steerings) {
            if (s.layer() < 0 || s.layer() > lmLayers) {
                throw new IllegalArgumentException("steering layer " + s.layer() + " outside 0.." + lmLayers);
            }
            if (s.vector().length != dModel) {
                throw new IllegalArgumentException(
                        "steering vector has " + s.vector().length + " values, the model's width is " + dModel);
            }
        }
    }

    /** A vector {@code [D]} added, times {@code scale}, to the output of {@code layer} at every position. */
    public record Steering(int layer, float[] vector, float scale) {

        public Steering {
            vector = vector.clone();
        }

        @Override
        public float[] vector() {
            return vector.clone();
        }
    }

    /** Collects capture layers and steering vectors. */
    public static final class Builder {

        private final TreeSet<Integer> capture = new TreeSet<>();
        private final List<Steering> steerings = new ArrayList<>();

        private Builder() {
        }

        /** Returns the hidden states after these layers (0 = embeddings, l = block l). */
        public Builder capture(int... layers) {
            for (int layer : layers) {
                capture.add(layer);
            }
            return this;
        }

        /** Adds {@code vector} to the output of {@code layer} at every position. */
        public Builder steer(int layer, float[] vector) {
            return steer(layer, vector, 1f);
        }

        /** Adds {@code scale · vector} to the output of {@code layer} at every position. */
        public Builder steer(int layer, float[] vector, float scale) {
            steerings.add(new Steering(layer, vector, scale));
            return this;
        }

        /** As {@link #steer(int, float[], float)}, the vector given as a {@code [D]} array (copied). */
        public Builder steer(int layer, NDArray vector, float scale) {
            if (vector.getShape().dimension() != 1) {
                throw new IllegalArgumentException("steering vector must be [D], got " + vector.getShape());
            }
            return steer(layer, vector.toFloatArray(), scale);
        }

        public ForwardOptions build() {
            return new ForwardOptions(capture.stream().mapToInt(Integer::intValue).toArray(), List.copyOf(steerings));
        }
    }
}
