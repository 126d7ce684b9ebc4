package org.ifl.referencevlm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import java.util.Map;

/**
 * What one forward or step returns.
 *
 * @param logits {@code [B, T, V]} for the T positions this call computed
 * @param hiddenStates the captured layers (see {@link ForwardOptions}), each {@code [B, T, D]}
 * @param cache the keys and values of every position so far, to continue with {@link ReferenceVlm#step}
 */
public record VlmOutput(NDArray logits, Map<Integer, NDArray> hiddenStates, KvCache cache) {

    public VlmOutput {
        hiddenStates = Map.copyOf(hiddenStates);
    }

    /** The hidden state captured after {@code layer}. */
    public NDArray hiddenState(int layer) {
        NDArray h = hiddenStates.get(layer);
        if (h == null) {
            throw new IllegalArgumentException("layer " + layer + " was not captured; captured: "
                    + hiddenStates.keySet());
        }
        return h;
    }

    /** Logits of the last position, {@code [B, V]}: what the next token is chosen from. */
    public NDArray lastLogits() {
        return logits.get(new NDIndex(":, -1, :"));
    }
}
