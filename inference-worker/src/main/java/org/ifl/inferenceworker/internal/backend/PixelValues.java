package org.ifl.inferenceworker.internal.backend;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import org.ifl.referencevlm.SceneRenderer;

/**
 * An image as one row of a VLM's {@code pixel_values}: scaled (bilinear) to the model's square input side, RGB,
 * channel-major ({@code [3·size·size]}), in [0, 1]. The in-process backends all feed images this way.
 */
public final class PixelValues {

    private PixelValues() {
    }

    /** {@code image} scaled to {@code size × size} unless it already is that size and plain RGB. */
    public static float[] of(BufferedImage image, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("image size must be positive, not " + size);
        }
        BufferedImage scaled = image;
        if (image.getWidth() != size || image.getHeight() != size || image.getType() != BufferedImage.TYPE_INT_RGB) {
            scaled = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = scaled.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.drawImage(image, 0, 0, size, size, null);
            } finally {
                g.dispose();
            }
        }
        return SceneRenderer.channelsFirst(scaled);
    }
}
