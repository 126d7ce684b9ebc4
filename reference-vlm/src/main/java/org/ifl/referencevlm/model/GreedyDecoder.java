package org.ifl.referencevlm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import java.util.Arrays;

/**
 * Greedy generation with the KV cache: one prefill over the (left-padded) prompts, then one step per token.
 * Rows that have produced EOS keep being fed EOS until every row is done; their outputs are ignored.
 * Every intermediate array lives in a manager that is closed before returning.
 */
public final class GreedyDecoder {

    private final ReferenceVlm model;
    private final ParameterStore parameters;

    public GreedyDecoder(ReferenceVlm model, ParameterStore parameters) {
        this.model = model;
        this.parameters = parameters;
    }

    /**
     * Generates up to {@code maxNewTokens} tokens per row.
     *
     * @param prompt left-padded prompts (the last column of every row is a real token)
     * @param options hooks applied to the prefill and to every step (steering acts on every position)
     * @param eosId the token that ends a row
     */
    public Generation generate(VlmInput prompt, ForwardOptions options, int maxNewTokens, int eosId) {
        return generate(prompt, options, maxNewTokens, eosId, (lastLogits, stopped) -> argMax(lastLogits));
    }

    /** How the next token of every row is chosen from the last position's logits [B, V]. */
    @FunctionalInterface
    public interface NextTokens {
        /** @param stopped the rows that have ended: their choice is ignored (they are fed EOS) */
        long[] choose(NDArray lastLogits, boolean[] stopped);
    }

    /** The same loop with another choice of token than the most likely one (sampling). */
    public Generation generate(VlmInput prompt, ForwardOptions options, int maxNewTokens, int eosId,
            NextTokens nextTokens) {
        int batch = (int) prompt.batchSize();
        int[][] tokens = new int[batch][maxNewTokens];
        int[] lengths = new int[batch];
        boolean[] stopped = new boolean[batch];
        NDManager base = prompt.tokenIds().getManager();
        try (NDManager generation = base.newSubManager()) {
            // Operations attach their results to their first operand's manager: moving the inputs here for the
            // duration keeps every activation and cache out of the caller's manager.
            prompt.tokenIds().tempAttach(generation);
            if (prompt.attentionMask() != null) {
                prompt.attentionMask().tempAttach(generation);
            }
            if (prompt.images() != null) {
                prompt.images().tempAttach(generation);
            }
            VlmOutput out = model.forward(parameters, prompt, options, false);
            KvCache cache = out.cache();
            long[] next = nextTokens.choose(out.lastLogits(), stopped);
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
                KvCache grown;
                try (NDManager step = generation.newSubManager()) {
                    // Lent to the step, the cache's derived arrays are freed with it: kept in the generation's
                    // manager, a 220-token batch of 32 held about 10 GB of them until it ended.
                    cache.tempAttach(step);
                    NDArray input = step.create(next).toType(DataType.INT64, false);
                    VlmOutput stepOut = model.step(parameters, cache, input, options);
                    next = nextTokens.choose(stepOut.lastLogits(), stopped);
                    grown = stepOut.cache();
                    grown.attach(generation);
                }
                cache.close();
                cache = grown;
            }
        }
        int[][] result = new int[batch][];
        for (int b = 0; b < batch; b++) {
            result[b] = Arrays.copyOf(tokens[b], lengths[b]);
        }
        return new Generation(result, stopped);
    }

    private static long[] argMax(NDArray logits) {
        return logits.argMax(-1).toType(DataType.INT64, false).toLongArray();
    }

    /** Generated ids per row (EOS excluded) and whether the row ended with EOS rather than the length limit. */
    public record Generation(int[][] tokens, boolean[] stoppedAtEos) {
    }
}
