package org.ifl.referencevlm.data;

import java.util.Objects;
import org.ifl.referencevlm.Colour;
import org.ifl.referencevlm.Shape;

/** A colour and a shape, whatever the count: the unit that is held out of training. */
public record Combination(Colour colour, Shape shape) {
    public Combination {
        Objects.requireNonNull(colour, "colour");
        Objects.requireNonNull(shape, "shape");
    }

    @Override
    public String toString() {
        return colour.id() + " " + shape.id();
    }
}
