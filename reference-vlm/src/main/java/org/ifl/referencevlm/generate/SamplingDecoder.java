package org.ifl.referencevlm.generate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import org.ifl.referencevlm.Sampling;
import org.ifl.referencevlm.model.ForwardOptions;
import org.ifl.referencevlm.model.GreedyDecoder;
import org.ifl.referencevlm.model.ReferenceVlm;
import org.ifl.referencevlm.model.VlmInput;

/**
 * Batched generation with the KV cache and any {@link Sampling}: one prefill over left-padded prompts, then one
 * cached step per token, each row stopping at EOS (stopped rows are fed EOS, their outputs ignored). With
 * {@link Sampling#greedy()} it produces what {@code GreedyDecoder} does: it is that decoder's loop with another
 * choice of token. Rows draw from one random stream in row
 * order, so a seed fixes the whole batch's text. Intermediates live in a manager closed before returning.
 */
public final class SamplingDecoder {

    private final ReferenceVlm model;
    private final ParameterStore parameters;

    public SamplingDecoder(ReferenceVlm model, ParameterStore parameters) {
        this.model = model;
        this.parameters = parameters;
    }

    public Generation generate(VlmInput prompt, ForwardOptions options, Sampling sampling, int maxNewTokens,
            int eosId) {
        TokenChooser chooser = new TokenChooser(sampling);
        GreedyDecoder.Generation generated = new GreedyDecoder(model, parameters).generate(prompt, options,
                maxNewTokens, eosId, (lastLogits, stopped) -> choose(lastLogits, chooser, stopped));
        return new Generation(generated.tokens(), generated.stoppedAtEos());
    }

    /** Stopped rows draw nothing, so a row's text does not depend on how long its neighbours run. */
    private static long[] choose(NDArray lastLogits, TokenChooser chooser, boolean[] stopped) {
        float[][] rows = toRows(lastLogits);
        long[] next = new long[rows.length];
        for (int b = 0; b < rows.length; b++) {
            next[b] = stopped[b] ? 0 : chooser.choose(rows[b]);
        }
        return next;
    }

    private static float[][] toRows(NDArray logits) {
        int batch = (int) logits.getShape().get(0);
        int vocab = (int) logits.getShape().get(1);
        float[] flat = logits.toType(DataType.FLOAT32, false).toFloatArray();
        float[][] rows = new float[batch][vocab];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(flat, b * vocab, rows[b], 0, vocab);
        }
        return rows;
    }

    /** Generated ids per row (EOS excluded) and whether the row ended with EOS rather than the length limit. */
    public record Generation(int[][] tokens, boolean[] stoppedAtEos) {
    }
}
