package org.ifl.referencevlm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * The reference VLM, LLaVA style: a {@link VisionEncoder} over image patches, an {@link MlpProjector} into the
 * language model's embedding space, and a causal {@link DecoderLm} that reads the projected image tokens first
 * (they replace the embeddings of the image placeholder ids) and then the text.
 *
 * <p>Three ways to run it, all with the same weights:
 * <ul>
 *   <li>{@link #forward(ParameterStore, VlmInput, ForwardOptions, boolean)}: the whole sequence, for training
 *       and scoring; also returns the cache, so it doubles as the prefill of generation;</li>
 *   <li>{@link #step(ParameterStore, KvCache, NDArray, ForwardOptions)}: one more token per row on top of a
 *       cache;</li>
 *   <li>DJL's {@code Block.forward} with {@code NDList(tokenIds, attentionMask[, images])} returning
 *       {@code NDList(logits)}, for DJL's {@code Trainer} and {@code Predictor}.</li>
 * </ul>
 * Position ids count real tokens only ({@code cumsum(mask) - 1}), so a left-padded row computes exactly what
 * it computes unpadded.
 */
public final class ReferenceVlm extends AbstractBlock {

    private static final byte VERSION = 1;
    /** Added to the attention scores of masked keys; finite so that an all-padding query row stays NaN-free. */
    private static final float MASKED = -1e9f;

    private final ReferenceVlmConfig config;
    private final VisionEncoder vision;
    private final MlpProjector projector;
    private final DecoderLm lm;

    public ReferenceVlm(ReferenceVlmConfig config) {
        super(VERSION);
        this.config = config;
        vision = addChildBlock("vision", new VisionEncoder(config));
        projector = addChildBlock("projector", new MlpProjector(config.dModel()));
        lm = addChildBlock("lm", new DecoderLm(config));
    }

    public ReferenceVlmConfig config() {
        return config;
    }

    /**
     * Creates every parameter in {@code manager}: weights and embeddings from N(0, 0.02²) as in GPT-2, biases and
     * layer-norm shifts 0, layer-norm scales 1. Seed the engine first ({@code Engine.setRandomSeed}) for
     * reproducible weights.
     */
    public void initializeParameters(NDManager manager) {
        setInitializer(new NormalInitializer(0.02f), Parameter.Type.WEIGHT);
        setInitializer(Initializer.ZEROS, Parameter.Type.BIAS);
        setInitializer(Initializer.ONES, Parameter.Type.GAMMA);
        setInitializer(Initializer.ZEROS, Parameter.Type.BETA);
        initialize(manager, DataType.FLOAT32, new Shape(1, 1), new Shape(1, 1),
                new Shape(1, config.channels(), config.imageSize(), config.imageSize()));
    }

    /** Number of trainable values (the output head is tied to the token embedding and counted once). */
    public long parameterCount() {
        long n = 0;
        for (Parameter p : getParameters().values()) {
            n += p.getShape().size();
        }
        return n;
    }

    /** Runs the whole sequence; the returned cache lets {@link #step} continue from its end. */
    public VlmOutput forward(ParameterStore ps, VlmInput input, ForwardOptions options, boolean training) {
        NDArray mask = input.attentionMask() == null
                ? input.tokenIds().onesLike().toType(DataType.FLOAT32, false)
                : input.attentionMask().toType(DataType.FLOAT32, false);
        return run(ps, input.tokenIds(), mask, input.images(), null, options, training);
    }

    /**
     * Appends tokens to every row of a cached batch and returns their logits and the grown cache.
     *
     * @param tokens {@code [B]} (one token per row) or {@code [B, T]}; all are real tokens (mask 1) and none may
     *     be an image placeholder
     */
    public VlmOutput step(ParameterStore ps, KvCache cache, NDArray tokens, ForwardOptions options) {
        NDArray ids = tokens.getShape().dimension() == 1 ? tokens.expandDims(1) : tokens;
        if (ids.getShape().get(0) != cache.batchSize()) {
            throw new IllegalArgumentException("tokens for " + ids.getShape().get(0) + " rows, cache holds "
                    + cache.batchSize());
        }
        NDArray mask = ids.onesLike().toType(DataType.FLOAT32, false);
        return run(ps, ids, mask, null, cache, options, false);
    }

    private VlmOutput run(ParameterStore ps, NDArray tokenIds, NDArray mask, NDArray images, KvCache past,
            ForwardOptions options, boolean training) {
        options.validate(config.lmLayers(), config.dModel());
        NDArray ids = tokenIds.toType(DataType.INT64, false);
        long batch = ids.getShape().get(0);
        long length = ids.getShape().get(1);
        long pastLength = past == null ? 0 : past.length();

        NDArray embeddings = lm.embed(ps, ids, training);
        NDArray isImage = ids.eq(config.imageTokenId());
        long[] imageTokensPerRow = isImage.toType(DataType.INT64, false).sum(new int[] {1}).toLongArray();
        if (hasImageTokens(imageTokensPerRow, images, batch, past != null)) {
            embeddings = insertImageTokens(ps, embeddings, isImage, images, training);
        }

        NDArray pastValid = past == null ? null : past.mask().sum(new int[] {1}, true);
        NDArray positions = mask.cumSum(1).sub(1f);
        if (pastValid != null) {
            positions = positions.add(pastValid);
        }
        positions = positions.clip(0, Integer.MAX_VALUE).toType(DataType.INT64, false);
        long maxPosition = positions.max().getLong();
        if (maxPosition >= config.maxSequenceLength()) {
            throw new IllegalArgumentException("position " + maxPosition + " beyond the model's "
                    + config.maxSequenceLength() + " positions");
        }

        NDArray keyMask = past == null ? mask : past.mask().concat(mask, 1);
        NDArray bias = attentionBias(keyMask, pastLength, length);
        DecoderLm.Pass pass = lm.run(ps, embeddings, positions, bias, past, options, training);
        KvCache cache = new KvCache(pass.keys(), pass.values(), keyMask);
        return new VlmOutput(pass.logits(), pass.hiddenStates(), cache);
    }

    private boolean hasImageTokens(long[] perRow, NDArray images, long batch, boolean cached) {
        boolean any = false;
        for (int b = 0; b < perRow.length; b++) {
            if (perRow[b] == 0) {
                continue;
            }
            if (cached) {
                throw new IllegalArgumentException("image placeholders are only allowed in the prefill (row " + b + ")");
            }
            if (perRow[b] != config.numPatches()) {
                throw new IllegalArgumentException("row " + b + " has " + perRow[b]
                        + " image placeholders, an image makes " + config.numPatches());
            }
            any = true;
        }
        if (any && (images == null || images.getShape().get(0) != batch)) {
            throw new IllegalArgumentException("image placeholders need an image batch of " + batch + " rows, got "
                    + (images == null ? "none" : images.getShape().toString()));
        }
        return any;
    }

    /** Replaces the k-th placeholder of each row by the row's k-th projected patch. */
    private NDArray insertImageTokens(ParameterStore ps, NDArray embeddings, NDArray isImage, NDArray images,
            boolean training) {
        NDArray imageTokens = projector.project(ps, vision.encode(ps, images, training), training); // [B, P, D]
        Shape shape = embeddings.getShape();
        NDArray patchIndex = isImage.toType(DataType.INT64, false).cumSum(1).sub(1)
                .clip(0, config.numPatches() - 1)
                .expandDims(2)
                .broadcast(shape);
        NDArray placed = imageTokens.gather(patchIndex, 1); // [B, T, D]
        return NDArrays.where(isImage.expandDims(2).broadcast(shape), placed, embeddings);
    }

    /**
     * The additive attention bias {@code [B, 1, Tq, Tk]}: 0 where query {@code q} (absolute column
     * {@code pastLength + q}) may see key column {@code k} ({@code k ≤ pastLength + q} and the key is not
     * padding), {@value #MASKED} elsewhere.
     */
    static NDArray attentionBias(NDArray keyMask, long pastLength, long queries) {
        NDManager m = keyMask.getManager();
        long batch = keyMask.getShape().get(0);
        long keys = keyMask.getShape().get(1);
        NDArray queryColumn = m.arange((int) pastLength, (int) (pastLength + queries)).reshape(queries, 1);
        NDArray keyColumn = m.arange(0, (int) keys).reshape(1, keys);
        NDArray causal = keyColumn.lte(queryColumn).toType(DataType.FLOAT32, false).reshape(1, 1, queries, keys);
        NDArray allowed = causal.mul(keyMask.toType(DataType.FLOAT32, false).reshape(batch, 1, 1, keys));
        return allowed.sub(1f).mul(-MASKED);
    }

    /**
     * DJL entry point. Inputs: {@code tokenIds [B, T]}, {@code attentionMask [B, T]} and optionally
     * {@code images [B, C, H, W]}. Output: {@code logits [B, T, V]}.
     */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray images = inputs.size() > 2 ? inputs.get(2) : null;
        VlmInput input = new VlmInput(inputs.get(0), inputs.get(1), images);
        return new NDList(forward(ps, input, ForwardOptions.none(), training).logits());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), inputShapes[0].get(1), config.vocabSize())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        vision.initialize(manager, dataType, new Shape(1, config.channels(), config.imageSize(), config.imageSize()));
        projector.initialize(manager, dataType, new Shape(1, config.numPatches(), config.dModel()));
        lm.initialize(manager, dataType, new Shape(1, 1, config.dModel()));
    }
}
