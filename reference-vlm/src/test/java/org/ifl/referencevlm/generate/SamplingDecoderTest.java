package org.ifl.referencevlm.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.List;
import org.ifl.referencevlm.Sampling;
import org.ifl.referencevlm.model.ForwardOptions;
import org.ifl.referencevlm.model.GreedyDecoder;
import org.ifl.referencevlm.model.ReferenceVlm;
import org.ifl.referencevlm.model.ReferenceVlmConfig;
import org.ifl.referencevlm.model.VlmInput;
import org.ifl.referencevlm.tokenizer.ByteTokenizer;
import org.junit.jupiter.api.Test;

/** Sampling is reproducible from its seed, reduces to greedy at temperature 0, and keeps the right nucleus. */
class SamplingDecoderTest {

    private static final ByteTokenizer TOKENIZER = new ByteTokenizer();

    @Test
    void topPKeepsTheSmallestSetThatReachesP() {
        float[] p = {0.05f, 0.5f, 0.15f, 0.3f};
        assertArrayEquals(new int[] {1}, TokenChooser.nucleus(p, 0.5f));
        assertArrayEquals(new int[] {1, 3}, TokenChooser.nucleus(p, 0.51f));
        assertArrayEquals(new int[] {1, 3}, TokenChooser.nucleus(p, 0.8f));
        assertArrayEquals(new int[] {1, 3, 2}, TokenChooser.nucleus(p, 0.81f));
        assertArrayEquals(new int[] {1, 3, 2, 0}, TokenChooser.nucleus(p, 1f));
        assertArrayEquals(new int[] {1}, TokenChooser.nucleus(p, 0.01f));
    }

    @Test
    void aNucleusOfOneIsAlwaysChosen() {
        TokenChooser chooser = new TokenChooser(Sampling.of(1f, 0.4f, 3));
        float[] logits = {0f, 2f, 1f};
        for (int i = 0; i < 50; i++) {
            assertArrayEquals(new int[] {1}, new int[] {chooser.choose(logits)});
        }
        assertThrows(IllegalArgumentException.class, () -> Sampling.of(1f, 0f, 1));
        assertThrows(IllegalArgumentException.class, () -> Sampling.of(-1f, 1f, 1));
    }

    @Test
    void sameSeedSameTextAndTemperatureZeroIsGreedy() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            ReferenceVlm model = scaledTiny(manager);
            ParameterStore ps = new ParameterStore(manager, false);
            SamplingDecoder decoder = new SamplingDecoder(model, ps);

            int[][] a = decoder.generate(prompts(manager, model.config()), ForwardOptions.none(),
                    Sampling.of(1f, 0.9f, 42), 12, ByteTokenizer.EOS).tokens();
            int[][] b = decoder.generate(prompts(manager, model.config()), ForwardOptions.none(),
                    Sampling.of(1f, 0.9f, 42), 12, ByteTokenizer.EOS).tokens();
            int[][] c = decoder.generate(prompts(manager, model.config()), ForwardOptions.none(),
                    Sampling.of(1f, 0.9f, 43), 12, ByteTokenizer.EOS).tokens();
            assertArrayEquals(a, b);
            assertFalse(Arrays.deepEquals(a, c), "another seed should give another text");

            int[][] greedy = new GreedyDecoder(model, ps).generate(prompts(manager, model.config()),
                    ForwardOptions.none(), 12, ByteTokenizer.EOS).tokens();
            int[][] zero = decoder.generate(prompts(manager, model.config()), ForwardOptions.none(),
                    Sampling.of(0f, 0.5f, 7), 12, ByteTokenizer.EOS).tokens();
            assertArrayEquals(greedy, zero);
        }
    }

    /** Weights scaled up from the initialisation so the distributions are far from uniform. */
    static ReferenceVlm scaledTiny(NDManager manager) {
        Engine.getInstance().setRandomSeed(11);
        ReferenceVlm model = new ReferenceVlm(ReferenceVlmConfig.tiny());
        model.initializeParameters(manager);
        for (Parameter p : model.getParameters().values()) {
            if (p.getType() == Parameter.Type.WEIGHT) {
                p.getArray().muli(10f);
            }
        }
        return model;
    }

    private static VlmInput prompts(NDManager manager, ReferenceVlmConfig config) {
        int[] image = TOKENIZER.imagePrompt("Was siehst du?", config.numPatches());
        int[] text = TOKENIZER.textPrompt("Un carré.", "Quoi ?");
        Engine.getInstance().setRandomSeed(2);
        return VlmInput.of(manager, ByteTokenizer.leftPad(List.of(image, text)), manager.randomUniform(0f, 1f,
                new Shape(2, config.channels(), config.imageSize(), config.imageSize())));
    }
}
