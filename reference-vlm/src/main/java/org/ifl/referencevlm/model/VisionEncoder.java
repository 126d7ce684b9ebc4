package org.ifl.referencevlm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * A small ViT: the image is cut into square patches, each flattened and projected linearly, a learned position
 * embedding is added, and transformer blocks with full (non-causal) attention mix the patches.
 *
 * <p>Input: images {@code [B, C, H, W]}, float32 in [0, 1] (mapped to [-1, 1] here). Output: one feature per
 * patch {@code [B, numPatches, D]}, patches in row-major order.
 */
public final class VisionEncoder extends AbstractBlock {

    private static final byte VERSION = 1;

    private final ReferenceVlmConfig config;
    private final Linear patchEmbedding;
    private final Parameter positionEmbedding;
    private final List<TransformerBlock> blocks = new ArrayList<>();
    private final LastAxisLayerNorm finalNorm;

    VisionEncoder(ReferenceVlmConfig config) {
        super(VERSION);
        this.config = config;
        patchEmbedding = addChildBlock("patch_embedding", Linear.builder().setUnits(config.dModel()).build());
        positionEmbedding = addParameter(Parameter.builder()
                .setName("position_embedding")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(config.numPatches(), config.dModel()))
                .build());
        for (int i = 0; i < config.visionLayers(); i++) {
            blocks.add(addChildBlock(String.format("block%02d", i + 1),
                    new TransformerBlock(config.dModel(), config.heads(), config.ffnSize())));
        }
        finalNorm = addChildBlock("ln_final", new LastAxisLayerNorm(config.dModel()));
    }

    /** Encodes {@code images [B, C, H, W]} into patch features {@code [B, numPatches, D]}. */
    NDArray encode(ParameterStore ps, NDArray images, boolean training) {
        Shape shape = images.getShape();
        int c = config.channels();
        int size = config.imageSize();
        if (shape.dimension() != 4 || shape.get(1) != c || shape.get(2) != size || shape.get(3) != size) {
            throw new IllegalArgumentException(
                    "images must be [B, " + c + ", " + size + ", " + size + "], got " + shape);
        }
        long b = shape.get(0);
        int p = config.patchSize();
        int side = size / p;
        NDArray patches = images.mul(2f).sub(1f)
                .reshape(b, c, side, p, side, p)
                .transpose(0, 2, 4, 1, 3, 5)
                .reshape(b, (long) side * side, config.patchDim());
        NDArray x = patchEmbedding.forward(ps, new NDList(patches), training).singletonOrThrow();
        x = x.add(ps.getValue(positionEmbedding, x.getDevice(), training));
        for (TransformerBlock block : blocks) {
            x = block.apply(ps, x, null, null, null, training).output();
        }
        return finalNorm.apply(ps, x, training);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(encode(ps, inputs.head(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), config.numPatches(), config.dModel())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape width = new Shape(1, config.dModel());
        patchEmbedding.initialize(manager, dataType, new Shape(1, config.patchDim()));
        for (TransformerBlock block : blocks) {
            block.initialize(manager, dataType, width);
        }
        finalNorm.initialize(manager, dataType, width);
    }
}
