package org.ifl.inferenceworker.internal.backend.torchscript;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the {@code djl-torchscript} backend gets the steering vector of a language for the IMAGE_REMEDY arm. A
 * request whose language has no vector fails with {@code UNSUPPORTED_ARM}.
 */
public interface SteeringSource {

    /** The vector that steers answers towards {@code language} (ISO 639-1), or empty if there is none. */
    Optional<Vector> forLanguage(String language);

    /** What this source is, for messages and in the ids of the vectors it gives: e.g. a file's name. */
    String description();

    /**
     * Every reason this source cannot steer the given model, each a complete message; empty if it can. The
     * backend asks when it opens and refuses to start on any.
     */
    default List<String> problemsWith(TorchScriptModelMetadata model, String modelRevision) {
        return List.of();
    }

    /** A source with no vectors: the backend then does not support the IMAGE_REMEDY arm. */
    static SteeringSource none() {
        return NoSteeringVectors.INSTANCE;
    }

    /**
     * One language's steering vector, added after one decoder layer at every position while generating.
     *
     * @param language the language it steers towards
     * @param layer    the decoder layer (1-based) after which it is added: row {@code layer - 1} of the model's
     *                 steering input
     * @param pooling  how the steering sentence's hidden states were pooled: "mean" or "last_token"
     * @param scale    the multiplier applied to {@code values}
     * @param values   one value per hidden unit (the model's width)
     */
    record Vector(String language, int layer, String pooling, float scale, float[] values) {

        public Vector {
            Objects.requireNonNull(language, "language");
            Objects.requireNonNull(pooling, "pooling");
            if (layer < 1) {
                throw new IllegalArgumentException("steering layer must be at least 1, not " + layer);
            }
            values = values.clone();
        }

        @Override
        public float[] values() {
            return values.clone();
        }
    }
}
