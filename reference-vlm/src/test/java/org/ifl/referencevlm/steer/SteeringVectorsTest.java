package org.ifl.referencevlm.steer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import org.ifl.referencevlm.Pooling;
import org.ifl.referencevlm.ReferenceModel;
import org.ifl.referencevlm.data.Phrasebook;
import org.ifl.referencevlm.model.ForwardOptions;
import org.ifl.referencevlm.model.ReferenceVlm;
import org.ifl.referencevlm.model.ReferenceVlmConfig;
import org.ifl.referencevlm.model.VlmInput;
import org.ifl.referencevlm.tokenizer.ByteTokenizer;
import org.junit.jupiter.api.Test;

/** The vector is the difference of the pooled hidden states of the steering pair, worked out here by hand. */
class SteeringVectorsTest {

    private static final Phrasebook PHRASEBOOK = Phrasebook.standard();

    @Test
    void meanAndLastTokenVectorsAreTheDifferencesOfThePooledStates() {
        NDManager manager = NDManager.newBaseManager("PyTorch");
        try (ReferenceModel model = ReferenceModel.of(manager, scaledTiny(manager))) {
            SteeringVectors vectors = new SteeringVectors(model, PHRASEBOOK);
            int layer = 1;
            String german = PHRASEBOOK.language("de").steeringSentence();
            String english = PHRASEBOOK.language("en").steeringSentence();
            float[][] de = states(model, german, layer);
            float[][] en = states(model, english, layer);

            SteeringVector mean = vectors.forLanguage("de", layer, Pooling.MEAN);
            SteeringVector last = vectors.forLanguage("de", layer, Pooling.LAST);
            int d = model.config().dModel();
            float[] expectedMean = new float[d];
            float[] expectedLast = new float[d];
            for (int i = 0; i < d; i++) {
                expectedMean[i] = meanOverSentence(de, i) - meanOverSentence(en, i);
                expectedLast[i] = de[de.length - 1][i] - en[en.length - 1][i];
            }
            assertArrayEquals(expectedMean, mean.vector(), 1e-5f);
            assertArrayEquals(expectedLast, last.vector(), 1e-5f);
            assertEquals(layer, mean.layer());
            assertSame(mean, vectors.forLanguage("de", layer, Pooling.MEAN), "computed once and cached");
            float[] zero = vectors.forLanguage("en", layer, Pooling.MEAN).vector();
            assertArrayEquals(new float[d], zero, 0f);
            assertEquals(2, SteeringVectors.defaultLayer(6));
            assertEquals(1, SteeringVectors.defaultLayer(2));
        }
    }

    /** Hidden states {@code [T, D]} of {@code [BOS] sentence}, position 0 being BOS. */
    private static float[][] states(ReferenceModel model, String sentence, int layer) {
        int[] bytes = model.tokenizer().encode(sentence);
        int[] ids = new int[bytes.length + 1];
        ids[0] = ByteTokenizer.BOS;
        System.arraycopy(bytes, 0, ids, 1, bytes.length);
        try (NDManager work = model.manager().newSubManager()) {
            float[] flat = model.model().forward(model.parameters(), VlmInput.of(work, new int[][] {ids}, null, null),
                    ForwardOptions.builder().capture(layer).build(), false).hiddenState(layer).toFloatArray();
            int d = model.config().dModel();
            float[][] h = new float[ids.length][d];
            for (int t = 0; t < ids.length; t++) {
                System.arraycopy(flat, t * d, h[t], 0, d);
            }
            return h;
        }
    }

    private static float meanOverSentence(float[][] h, int i) {
        double sum = 0;
        for (int t = 1; t < h.length; t++) { // BOS is not part of the sentence
            sum += h[t][i];
        }
        return (float) (sum / (h.length - 1));
    }

    private static ReferenceVlm scaledTiny(NDManager manager) {
        Engine.getInstance().setRandomSeed(13);
        ReferenceVlm model = new ReferenceVlm(ReferenceVlmConfig.tiny());
        model.initializeParameters(manager);
        for (Parameter p : model.getParameters().values()) {
            if (p.getType() == Parameter.Type.WEIGHT) {
                p.getArray().muli(10f);
            }
        }
        return model;
    }
}
