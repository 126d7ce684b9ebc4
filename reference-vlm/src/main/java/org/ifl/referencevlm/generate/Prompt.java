package org.ifl.referencevlm.generate;

/**
 * One prompt for {@link TextGenerator}: token ids as the tokenizer lays them out, and the image in
 * {@code SceneRenderer.pixels} layout ({@code [C·H·W]}, channel-major, in [0, 1]) or null for a text prompt.
 */
public record Prompt(int[] ids, float[] image) {

    public Prompt {
        ids = ids.clone();
        image = image == null ? null : image.clone();
    }

    public static Prompt text(int[] ids) {
        return new Prompt(ids, null);
    }

    public static Prompt withImage(int[] ids, float[] image) {
        if (image == null) {
            throw new IllegalArgumentException("an image prompt needs its image");
        }
        return new Prompt(ids, image);
    }
}
