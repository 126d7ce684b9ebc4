package org.ifl.referencevlm;

import java.util.Locale;

/** The colours a scene's shapes are filled with, each one sRGB value, far apart from each other and from white. */
public enum Colour {
    RED(0xD72828), BLUE(0x2850D7), GREEN(0x28A03C), YELLOW(0xF5CD1E), BLACK(0x191919);

    private final int rgb;

    Colour(int rgb) {
        this.rgb = rgb;
    }

    /** The key the lexicon files this colour under: {@code red}, {@code blue}, ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** 0xRRGGBB. */
    public int rgb() {
        return rgb;
    }
}
