package org.ifl.referencevlm;

import java.util.Objects;

/** Something an artwork depicts, drawn as a shape of a colour of the scene vocabulary (a sun: a yellow circle). */
public record Motif(String id, Shape shape, Colour colour) {
    public Motif {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(colour, "colour");
    }
}
