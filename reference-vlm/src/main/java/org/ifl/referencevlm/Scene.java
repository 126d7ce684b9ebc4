package org.ifl.referencevlm;

import java.util.Objects;
import org.ifl.referencevlm.data.Combination;

/**
 * What one image shows: {@code count} shapes of one kind and one colour on a white background, placed by
 * {@code layout} (which cells of the 2x2 grid they take and how far each is nudged inside its cell).
 */
public record Scene(Shape shape, Colour colour, int count, int layout) implements Picture {
    public static final int MIN_COUNT = 1;
    public static final int MAX_COUNT = 4;
    /** Layouts are {@code 0 .. LAYOUTS-1}: 24 orders of the four cells times distinct nudges. */
    public static final int LAYOUTS = 96;

    public Scene {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(colour, "colour");
        if (count < MIN_COUNT || count > MAX_COUNT) {
            throw new IllegalArgumentException("count must be " + MIN_COUNT + ".." + MAX_COUNT + ", was " + count);
        }
        if (layout < 0 || layout >= LAYOUTS) {
            throw new IllegalArgumentException("layout must be 0.." + (LAYOUTS - 1) + ", was " + layout);
        }
    }

    /** In the first layout. */
    public static Scene of(Shape shape, Colour colour, int count) {
        return new Scene(shape, colour, count, 0);
    }

    public Combination combination() {
        return new Combination(colour, shape);
    }

    @Override
    public String toString() {
        return count + " " + colour.id() + " " + shape.id() + " (layout " + layout + ")";
    }
}
