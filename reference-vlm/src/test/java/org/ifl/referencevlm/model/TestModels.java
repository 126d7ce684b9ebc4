package org.ifl.referencevlm.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.ifl.referencevlm.tokenizer.ByteTokenizer;

/** Tiny seeded models and batches shared by the model tests. */
final class TestModels {

    static final ByteTokenizer TOKENIZER = new ByteTokenizer();

    private TestModels() {
    }

    /**
     * A tiny model whose weights are scaled up from the training initialisation (std 0.02 → 0.3) so that logits
     * are of order 1 and a tolerance of 1e-5 in the comparisons means something.
     */
    static ReferenceVlm tiny(NDManager manager, long seed) {
        Engine.getInstance().setRandomSeed((int) seed);
        ReferenceVlm model = new ReferenceVlm(ReferenceVlmConfig.tiny());
        model.initializeParameters(manager);
        for (Parameter p : model.getParameters().values()) {
            if (p.getType() == Parameter.Type.WEIGHT) {
                p.getArray().muli(15f);
            }
        }
        return model;
    }

    static ParameterStore store(NDManager manager) {
        return new ParameterStore(manager, false);
    }

    static NDArray images(NDManager manager, ReferenceVlmConfig config, int batch) {
        return manager.randomUniform(0f, 1f,
                new Shape(batch, config.channels(), config.imageSize(), config.imageSize()));
    }

    /** Two prompts of different lengths, one with an image and one text-only, left-padded. */
    static VlmInput mixedPrompts(NDManager manager, ReferenceVlmConfig config) {
        int[] image = TOKENIZER.imagePrompt("Какого цвета круг?", config.numPatches());
        int[] text = TOKENIZER.textPrompt("A red circle.", "What?");
        ByteTokenizer.PaddedBatch batch = ByteTokenizer.leftPad(List.of(image, text));
        return VlmInput.of(manager, batch, images(manager, config, 2));
    }

    static float maxAbsDiff(NDArray a, NDArray b) {
        return a.sub(b).abs().max().getFloat();
    }
}
