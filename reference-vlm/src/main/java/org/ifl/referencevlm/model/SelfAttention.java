package org.ifl.referencevlm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Multi-head self-attention whose mask is an additive bias supplied by the caller, so one block serves the
 * vision encoder (no bias: every patch sees every patch) and the decoder (causal plus padding bias), and
 * whose keys and values can be prepended from a cache.
 */
public final class SelfAttention extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int dModel;
    private final int heads;
    private final Linear qkv;
    private final Linear out;

    SelfAttention(int dModel, int heads) {
        super(VERSION);
        this.dModel = dModel;
        this.heads = heads;
        qkv = addChildBlock("qkv", Linear.builder().setUnits(3L * dModel).build());
        out = addChildBlock("out", Linear.builder().setUnits(dModel).build());
    }

    /**
     * Attends {@code x [B, T, D]} to the cached keys and values (if any) followed by its own.
     *
     * @param bias additive bias broadcastable to {@code [B, H, T, Tpast + T]} (0 = allowed, -1e9 = masked), or
     *     null for full attention
     * @param pastKeys cached keys {@code [B, H, Tpast, D/H]} or null
     * @param pastValues cached values, same shape, or null
     */
    Result attend(ParameterStore ps, NDArray x, NDArray bias, NDArray pastKeys, NDArray pastValues,
            boolean training) {
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);
        int headDim = dModel / heads;
        NDArray projected = qkv.forward(ps, new NDList(x), training).singletonOrThrow();
        NDArray split = projected.reshape(b, t, 3, heads, headDim).transpose(2, 0, 3, 1, 4);
        NDArray queries = split.get(0).mul(1.0 / Math.sqrt(headDim));
        NDArray keys = split.get(1);
        NDArray values = split.get(2);
        if (pastKeys != null) {
            keys = pastKeys.concat(keys, 2);
            values = pastValues.concat(values, 2);
        }
        NDArray scores = queries.matMul(keys.transpose(0, 1, 3, 2));
        if (bias != null) {
            scores = scores.add(bias);
        }
        NDArray context = scores.softmax(-1).matMul(values);
        NDArray merged = context.transpose(0, 2, 1, 3).reshape(b, t, dModel);
        return new Result(out.forward(ps, new NDList(merged), training).singletonOrThrow(), keys, values);
    }

    /** Output {@code [B, T, D]} and the full keys and values {@code [B, H, Tpast + T, D/H]} to cache. */
    record Result(NDArray output, NDArray keys, NDArray values) {
    }

    /** Inputs: {@code x [B, T, D]} and optionally an additive bias. Output: {@code [B, T, D]}. */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray bias = inputs.size() > 1 ? inputs.get(1) : null;
        return new NDList(attend(ps, inputs.head(), bias, null, null, training).output());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        qkv.initialize(manager, dataType, new Shape(1, dModel));
        out.initialize(manager, dataType, new Shape(1, dModel));
    }
}
