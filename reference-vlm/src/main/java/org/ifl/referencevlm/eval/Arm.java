package org.ifl.referencevlm.eval;

import org.ifl.referencevlm.Pooling;

/** How an evaluation item is put to the model. */
public enum Arm {
    /** The description in place of the image, laid out as text-only training examples are. */
    TEXT(null),
    /** The image and the question. */
    IMAGE(null),
    /** The image and the question, steered with the mean-pooled vector of the question's language. */
    IMAGE_STEERED_MEAN(Pooling.MEAN),
    /** The image and the question, steered with the last-token vector of the question's language. */
    IMAGE_STEERED_LAST(Pooling.LAST);

    private final Pooling pooling;

    Arm(Pooling pooling) {
        this.pooling = pooling;
    }

    /** The steering vector's pooling, or null for an unsteered arm. */
    public Pooling pooling() {
        return pooling;
    }

    public boolean hasImage() {
        return this != TEXT;
    }
}
