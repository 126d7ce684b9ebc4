package org.ifl.referencevlm;

import java.util.Locale;

/** The shapes a scene is made of. */
public enum Shape {
    CIRCLE, SQUARE, TRIANGLE, STAR;

    /** The key the lexicon files this shape under: {@code circle}, {@code square}, ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
