package org.ifl.referencevlm.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.ifl.referencevlm.SceneRenderer;
import org.ifl.referencevlm.data.TrainingExample;
import org.ifl.referencevlm.model.ReferenceVlmConfig;
import org.ifl.referencevlm.model.VlmInput;
import org.ifl.referencevlm.tokenizer.ByteTokenizer;

/**
 * Examples laid out as the model trains on them: right-padded ids, the rendered images (zeros for text-only rows)
 * and the loss weights, 1 where position {@code t} predicts an answer token or the EOS ({@code t + 1 >=
 * answerStart}).
 */
public record TrainingBatch(int[][] ids, int[][] mask, float[][] images, float[][] lossWeights) {

    public static TrainingBatch of(List<TrainingExample> examples, ByteTokenizer tokenizer, SceneRenderer renderer,
            ReferenceVlmConfig config) {
        if (renderer.size() != config.imageSize()) {
            throw new IllegalArgumentException("renderer draws " + renderer.size() + " px, the model takes "
                    + config.imageSize());
        }
        List<ByteTokenizer.TokenSequence> sequences = new ArrayList<>();
        for (TrainingExample e : examples) {
            sequences.add(encode(e, tokenizer, config));
        }
        ByteTokenizer.PaddedBatch padded = ByteTokenizer.rightPad(sequences.stream().map(s -> s.ids()).toList());
        int length = padded.length();
        float[][] images = new float[examples.size()][];
        float[][] weights = new float[examples.size()][length - 1];
        int pixels = config.channels() * config.imageSize() * config.imageSize();
        for (int b = 0; b < examples.size(); b++) {
            images[b] = examples.get(b).hasImage() ? renderer.pixels(examples.get(b).picture()) : new float[pixels];
            ByteTokenizer.TokenSequence s = sequences.get(b);
            for (int t = s.answerStart(); t < s.ids().length; t++) {
                weights[b][t - 1] = 1f;
            }
        }
        return new TrainingBatch(padded.ids(), padded.mask(), images, weights);
    }

    /** The training layout of one example: image or text prompt, then the answer and EOS. */
    public static ByteTokenizer.TokenSequence encode(TrainingExample e, ByteTokenizer tokenizer,
            ReferenceVlmConfig config) {
        int[] prompt = e.hasImage() ? tokenizer.imagePrompt(e.question(), config.numPatches())
                : tokenizer.textPrompt(e.textPrompt());
        return tokenizer.withAnswer(prompt, e.answer());
    }

    public int size() {
        return ids.length;
    }

    public int length() {
        return ids.length == 0 ? 0 : ids[0].length;
    }

    /** Answer tokens (EOS included) the loss covers. */
    public int targetCount() {
        int n = 0;
        for (float[] row : lossWeights) {
            for (float w : row) {
                n += w > 0 ? 1 : 0;
            }
        }
        return n;
    }

    public VlmInput input(NDManager manager, ReferenceVlmConfig config) {
        float[] flat = new float[images.length * images[0].length];
        for (int b = 0; b < images.length; b++) {
            System.arraycopy(images[b], 0, flat, b * images[b].length, images[b].length);
        }
        NDArray pixels = manager.create(flat,
                new Shape(images.length, config.channels(), config.imageSize(), config.imageSize()));
        return VlmInput.of(manager, ids, mask, pixels);
    }
}
