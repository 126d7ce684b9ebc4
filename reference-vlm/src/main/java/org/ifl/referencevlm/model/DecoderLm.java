package org.ifl.referencevlm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The decoder-only language model: token embedding, learned positions, pre-LN blocks with causal
 * self-attention, a final layer norm and an output head tied to the token embedding.
 */
public final class DecoderLm extends AbstractBlock {

    private static final byte VERSION = 1;

    private final ReferenceVlmConfig config;
    private final Parameter tokenEmbedding;
    private final Parameter positionEmbedding;
    private final List<TransformerBlock> blocks = new ArrayList<>();
    private final LastAxisLayerNorm finalNorm;

    DecoderLm(ReferenceVlmConfig config) {
        super(VERSION);
        this.config = config;
        tokenEmbedding = addParameter(Parameter.builder()
                .setName("token_embedding")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(config.vocabSize(), config.dModel()))
                .build());
        positionEmbedding = addParameter(Parameter.builder()
                .setName("position_embedding")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(config.maxSequenceLength(), config.dModel()))
                .build());
        for (int i = 0; i < config.lmLayers(); i++) {
            blocks.add(addChildBlock(String.format("layer%02d", i + 1),
                    new TransformerBlock(config.dModel(), config.heads(), config.ffnSize())));
        }
        finalNorm = addChildBlock("ln_final", new LastAxisLayerNorm(config.dModel()));
    }

    /** Looks up {@code ids [B, T]} in the token embedding: {@code [B, T, D]}. */
    NDArray embed(ParameterStore ps, NDArray ids, boolean training) {
        NDArray table = ps.getValue(tokenEmbedding, ids.getDevice(), training);
        return Embedding.embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
    }

    /**
     * Runs the blocks over {@code embeddings [B, T, D]} (image tokens already in place).
     *
     * @param positions {@code [B, T]} int64 position ids
     * @param bias additive attention bias {@code [B, 1, T, Tpast + T]}
     * @param past cached keys and values of earlier positions, or null
     */
    Pass run(ParameterStore ps, NDArray embeddings, NDArray positions, NDArray bias, KvCache past,
            ForwardOptions options, boolean training) {
        NDArray positionTable = ps.getValue(positionEmbedding, embeddings.getDevice(), training);
        NDArray x = embeddings.add(Embedding.embedding(positions, positionTable, SparseFormat.DENSE)
                .singletonOrThrow());
        Map<Integer, NDArray> captured = new HashMap<>();
        x = hook(x, 0, options, captured);
        List<NDArray> keys = new ArrayList<>(blocks.size());
        List<NDArray> values = new ArrayList<>(blocks.size());
        for (int i = 0; i < blocks.size(); i++) {
            NDArray pastKeys = past == null ? null : past.keys().get(i);
            NDArray pastValues = past == null ? null : past.values().get(i);
            SelfAttention.Result r = blocks.get(i).apply(ps, x, bias, pastKeys, pastValues, training);
            keys.add(r.keys());
            values.add(r.values());
            x = hook(r.output(), i + 1, options, captured);
        }
        NDArray normed = finalNorm.apply(ps, x, training);
        NDArray table = ps.getValue(tokenEmbedding, normed.getDevice(), training);
        NDArray logits = Linear.linear(normed, table).singletonOrThrow();
        return new Pass(logits, captured, keys, values);
    }

    private static NDArray hook(NDArray x, int layer, ForwardOptions options, Map<Integer, NDArray> captured) {
        float[] steering = options.steeringAt(layer);
        if (steering != null) {
            x = x.add(x.getManager().create(steering));
        }
        if (options.captures(layer)) {
            captured.put(layer, x);
        }
        return x;
    }

    /** Logits {@code [B, T, V]}, captured hidden states and every block's keys and values. */
    record Pass(NDArray logits, Map<Integer, NDArray> hiddenStates, List<NDArray> keys, List<NDArray> values) {
    }

    /** Input: embeddings {@code [B, T, D]} at positions 0..T-1 with causal attention. Output: logits. */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.head();
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);
        NDManager m = x.getManager();
        NDArray positions = m.arange(0, (int) t).toType(DataType.INT64, false).reshape(1, t).repeat(0, b);
        NDArray bias = ReferenceVlm.attentionBias(m.ones(new Shape(b, t)), 0, t);
        return new NDList(run(ps, x, positions, bias, null, ForwardOptions.none(), training).logits());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), inputShapes[0].get(1), config.vocabSize())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape width = new Shape(1, config.dModel());
        for (TransformerBlock block : blocks) {
            block.initialize(manager, dataType, width);
        }
        finalNorm.initialize(manager, dataType, width);
    }
}
