package org.ifl.referencevlm.model;

import org.ifl.referencevlm.tokenizer.ByteTokenizer;

/**
 * Sizes of the reference VLM. The vision encoder, the projector and the language model share one width
 * ({@code dModel}), as in the probe the notes describe.
 *
 * @param imageSize side of the square input image in pixels
 * @param patchSize side of a square patch; {@code (imageSize / patchSize)²} patches become image tokens
 * @param channels colour channels of the image (3 for RGB)
 * @param visionLayers transformer blocks in the vision encoder
 * @param dModel hidden width of every part
 * @param heads attention heads (must divide {@code dModel})
 * @param lmLayers decoder blocks in the language model
 * @param ffnSize inner width of every MLP
 * @param maxSequenceLength learned positions of the language model (image tokens included)
 * @param vocabSize token ids (embedding rows, output logits)
 * @param imageTokenId the placeholder id whose embeddings are replaced by projected image patches
 */
public record ReferenceVlmConfig(
        int imageSize,
        int patchSize,
        int channels,
        int visionLayers,
        int dModel,
        int heads,
        int lmLayers,
        int ffnSize,
        int maxSequenceLength,
        int vocabSize,
        int imageTokenId) {

    public ReferenceVlmConfig {
        positive("imageSize", imageSize);
        positive("patchSize", patchSize);
        positive("channels", channels);
        positive("visionLayers", visionLayers);
        positive("dModel", dModel);
        positive("heads", heads);
        positive("lmLayers", lmLayers);
        positive("ffnSize", ffnSize);
        positive("maxSequenceLength", maxSequenceLength);
        positive("vocabSize", vocabSize);
        if (imageSize % patchSize != 0) {
            throw new IllegalArgumentException("patchSize " + patchSize + " does not divide imageSize " + imageSize);
        }
        if (dModel % heads != 0) {
            throw new IllegalArgumentException("heads " + heads + " do not divide dModel " + dModel);
        }
        if (imageTokenId < 0 || imageTokenId >= vocabSize) {
            throw new IllegalArgumentException("imageTokenId " + imageTokenId + " outside vocabulary " + vocabSize);
        }
        if (maxSequenceLength <= (imageSize / patchSize) * (imageSize / patchSize)) {
            throw new IllegalArgumentException("maxSequenceLength leaves no room for text after the image tokens");
        }
    }

    /**
     * The size the project trains: 16×16 RGB images in 16 patches of 4×4, one vision block, six decoder blocks of
     * width 128 with 4 heads, 384 positions (16 image tokens plus byte-level Thai or Hindi prompts and answers).
     * 1,512,320 parameters.
     */
    public static ReferenceVlmConfig small() {
        return new ReferenceVlmConfig(16, 4, 3, 1, 128, 4, 6, 512, 384,
                ByteTokenizer.VOCAB_SIZE, ByteTokenizer.IMAGE);
    }

    /** A tiny configuration for tests: 8×8 images (4 patches), width 32, two decoder blocks. */
    public static ReferenceVlmConfig tiny() {
        return new ReferenceVlmConfig(8, 4, 3, 1, 32, 2, 2, 64, 64,
                ByteTokenizer.VOCAB_SIZE, ByteTokenizer.IMAGE);
    }

    /** Number of image tokens one image becomes. */
    public int numPatches() {
        int side = imageSize / patchSize;
        return side * side;
    }

    /** Values in one flattened patch. */
    public int patchDim() {
        return patchSize * patchSize * channels;
    }

    /** Width of one attention head. */
    public int headDim() {
        return dModel / heads;
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
