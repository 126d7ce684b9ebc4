package org.ifl.referencevlm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Layer norm over the last axis only, whatever the input's rank. DJL's {@link LayerNorm} block normalises every
 * non-batch axis by default and fixes its axes from the shape it was initialised with; a transformer needs
 * each position normalised on its own, for sequences of any length.
 */
public final class LastAxisLayerNorm extends AbstractBlock {

    private static final byte VERSION = 1;
    private static final float EPSILON = 1e-5f;

    private final Shape normalizedShape;
    private final Parameter gamma;
    private final Parameter beta;

    LastAxisLayerNorm(int width) {
        super(VERSION);
        normalizedShape = new Shape(width);
        gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA)
                .optShape(normalizedShape).build());
        beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA)
                .optShape(normalizedShape).build());
    }

    NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        NDArray g = ps.getValue(gamma, x.getDevice(), training);
        NDArray b = ps.getValue(beta, x.getDevice(), training);
        return LayerNorm.layerNorm(x, normalizedShape, g, b, EPSILON).singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.singletonOrThrow(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
