package org.ifl.referencevlm.generate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import org.ifl.referencevlm.model.ForwardOptions;
import org.ifl.referencevlm.model.KvCache;
import org.ifl.referencevlm.model.ReferenceVlm;
import org.ifl.referencevlm.model.VlmInput;
import org.ifl.referencevlm.model.VlmOutput;

/**
 * Batched generation with the KV cache and any {@link Sampling}: one prefill over left-padded prompts, then one
 * cached step per token, each row stopping at EOS (stopped rows are fed EOS, their outputs ignored). With
 * {@link Sampling#greedy()} it produces what {@code GreedyDecoder} does. Rows draw from one random stream in row
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
        int batch = (int) prompt.batchSize();
        int[][] tokens = new int[batch][maxNewTokens];
        int[] lengths = new int[batch];
        boolean[] stopped = new boolean[batch];
        NDManager base = prompt.tokenIds().getManager();
        try (NDManager generation = base.newSubManager()) {
            prompt.tokenIds().tempAttach(generation);
            if (prompt.attentionMask() != null) {
                prompt.attentionMask().tempAttach(generation);
            }
            if (prompt.images() != null) {
                prompt.images().tempAttach(generation);
            }
            VlmOutput out = model.forward(parameters, prompt, options, false);
            KvCache cache = out.cache();
            long[] next = choose(out.lastLogits(), chooser, stopped);
            for (int t = 0; t < maxNewTokens; t++) {
                boolean all = true;
                for (int b = 0; b < batch; b++) {
                    if (!stopped[b]) {
                        if (next[b] == eosId) {
                            stopped[b] = true;
                        } else {
                            tokens[b][lengths[b]++] = (int) next[b];
                        }
                    }
                    all &= stopped[b];
                    if (stopped[b]) {
                        next[b] = eosId;
                    }
                }
                if (all || t == maxNewTokens - 1) {
                    break;
                }
                try (NDManager step = generation.newSubManager()) {
                    NDArray input = step.create(next).toType(DataType.INT64, false);
                    VlmOutput stepOut = model.step(parameters, cache, input, options);
                    next = choose(stepOut.lastLogits(), chooser, stopped);
                    KvCache grown = stepOut.cache();
                    grown.attach(generation);
                    cache.close();
                    cache = grown;
                }
            }
        }
        int[][] result = new int[batch][];
        for (int b = 0; b < batch; b++) {
            result[b] = Arrays.copyOf(tokens[b], lengths[b]);
        }
        return new Generation(result, stopped);
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
