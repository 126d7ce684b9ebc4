package org.ifl.referencevlm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** A pre-LN transformer block: {@code x + attn(LN(x))}, then {@code h + MLP(LN(h))} with a GELU MLP. */
public final class TransformerBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int dModel;
    private final int ffnSize;
    private final LastAxisLayerNorm attentionNorm;
    private final SelfAttention attention;
    private final LastAxisLayerNorm mlpNorm;
    private final Linear mlpIn;
    private final Linear mlpOut;

    TransformerBlock(int dModel, int heads, int ffnSize) {
        super(VERSION);
        this.dModel = dModel;
        this.ffnSize = ffnSize;
        attentionNorm = addChildBlock("ln_attention", new LastAxisLayerNorm(dModel));
        attention = addChildBlock("attention", new SelfAttention(dModel, heads));
        mlpNorm = addChildBlock("ln_mlp", new LastAxisLayerNorm(dModel));
        mlpIn = addChildBlock("mlp_in", Linear.builder().setUnits(ffnSize).build());
        mlpOut = addChildBlock("mlp_out", Linear.builder().setUnits(dModel).build());
    }

    /** Applies the block to {@code x [B, T, D]}; see {@link SelfAttention#attend} for bias and cache. */
    SelfAttention.Result apply(ParameterStore ps, NDArray x, NDArray bias, NDArray pastKeys, NDArray pastValues,
            boolean training) {
        NDArray normed = attentionNorm.apply(ps, x, training);
        SelfAttention.Result attended = attention.attend(ps, normed, bias, pastKeys, pastValues, training);
        NDArray h = x.add(attended.output());
        NDArray m = mlpNorm.apply(ps, h, training);
        m = Activation.gelu(mlpIn.forward(ps, new NDList(m), training).singletonOrThrow());
        m = mlpOut.forward(ps, new NDList(m), training).singletonOrThrow();
        return new SelfAttention.Result(h.add(m), attended.keys(), attended.values());
    }

    /** Inputs: {@code x [B, T, D]} and optionally an additive attention bias. Output: {@code [B, T, D]}. */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray bias = inputs.size() > 1 ? inputs.get(1) : null;
        return new NDList(apply(ps, inputs.head(), bias, null, null, training).output());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape width = new Shape(1, dModel);
        attentionNorm.initialize(manager, dataType, width);
        attention.initialize(manager, dataType, width);
        mlpNorm.initialize(manager, dataType, width);
        mlpIn.initialize(manager, dataType, width);
        mlpOut.initialize(manager, dataType, new Shape(1, ffnSize));
    }
}
