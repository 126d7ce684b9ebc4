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

/** LLaVA-1.5's projector: two linear layers with a GELU between, mapping patch features to LM embeddings. */
public final class MlpProjector extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int dModel;
    private final Linear first;
    private final Linear second;

    MlpProjector(int dModel) {
        super(VERSION);
        this.dModel = dModel;
        first = addChildBlock("linear1", Linear.builder().setUnits(dModel).build());
        second = addChildBlock("linear2", Linear.builder().setUnits(dModel).build());
    }

    /** Projects {@code [B, P, D]} vision features to {@code [B, P, D]} image tokens. */
    NDArray project(ParameterStore ps, NDArray features, boolean training) {
        NDArray h = Activation.gelu(first.forward(ps, new NDList(features), training).singletonOrThrow());
        return second.forward(ps, new NDList(h), training).singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(project(ps, inputs.head(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        first.initialize(manager, dataType, new Shape(1, dModel));
        second.initialize(manager, dataType, new Shape(1, dModel));
    }
}
