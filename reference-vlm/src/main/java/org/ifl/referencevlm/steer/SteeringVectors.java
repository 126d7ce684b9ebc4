package org.ifl.referencevlm.steer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ifl.referencevlm.Pooling;
import org.ifl.referencevlm.ReferenceModel;
import org.ifl.referencevlm.data.Phrasebook;
import org.ifl.referencevlm.model.ForwardOptions;
import org.ifl.referencevlm.model.VlmInput;
import org.ifl.referencevlm.model.VlmOutput;
import org.ifl.referencevlm.tokenizer.ByteTokenizer;

/**
 * Steering vectors of one model, computed once per (language, layer, pooling) and cached. The sentences are the
 * phrasebook's steering pair ("Describe this image in detail." and its translation), each read as
 * {@code [BOS] sentence} with no image; the hidden state is pooled over the sentence's tokens (BOS excluded).
 */
public final class SteeringVectors {

    private final ReferenceModel model;
    private final Phrasebook phrasebook;
    private final Map<Key, SteeringVector> cache = new ConcurrentHashMap<>();

    public SteeringVectors(ReferenceModel model, Phrasebook phrasebook) {
        this.model = model;
        this.phrasebook = phrasebook;
    }

    /** The paper's layer: a third of the depth (2 of 6 for {@code small()}), at least 1. */
    public static int defaultLayer(int lmLayers) {
        return Math.max(1, lmLayers / 3);
    }

    /** At the default layer, mean-pooled. */
    public SteeringVector forLanguage(String language) {
        return forLanguage(language, defaultLayer(model.config().lmLayers()), Pooling.MEAN);
    }

    public SteeringVector forLanguage(String language, int layer, Pooling pooling) {
        return cache.computeIfAbsent(new Key(language, layer, pooling), k -> {
            float[] target = pooledHiddenState(model, phrasebook.language(language).steeringSentence(), layer,
                    pooling);
            float[] english = pooledHiddenState(model,
                    phrasebook.language(Phrasebook.ENGLISH).steeringSentence(), layer, pooling);
            float[] difference = new float[target.length];
            for (int i = 0; i < difference.length; i++) {
                difference[i] = target[i] - english[i];
            }
            return new SteeringVector(language, layer, pooling, difference);
        });
    }

    /** {@code h_layer} of {@code [BOS] sentence}, pooled over the sentence's tokens. */
    public static float[] pooledHiddenState(ReferenceModel model, String sentence, int layer, Pooling pooling) {
        int[] bytes = model.tokenizer().encode(sentence);
        if (bytes.length == 0) {
            throw new IllegalArgumentException("empty steering sentence");
        }
        int[] ids = new int[bytes.length + 1];
        ids[0] = ByteTokenizer.BOS;
        System.arraycopy(bytes, 0, ids, 1, bytes.length);
        try (NDManager work = model.manager().newSubManager()) {
            VlmInput input = VlmInput.of(work, new int[][] {ids}, null, null);
            VlmOutput out = model.model().forward(model.parameters(), input,
                    ForwardOptions.builder().capture(layer).build(), false);
            NDArray sentenceStates = out.hiddenState(layer).get(new NDIndex("0, 1:, :")); // [T, D]
            NDArray pooled = switch (pooling) {
                case MEAN -> sentenceStates.mean(new int[] {0});
                case LAST -> sentenceStates.get(new NDIndex("-1, :"));
            };
            return pooled.toFloatArray();
        }
    }

    private record Key(String language, int layer, Pooling pooling) {
    }
}
