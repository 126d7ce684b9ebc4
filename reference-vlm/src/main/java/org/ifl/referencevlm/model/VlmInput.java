package org.ifl.referencevlm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.ifl.referencevlm.tokenizer.ByteTokenizer;

/**
 * One batch for a full forward or a prefill.
 *
 * @param tokenIds {@code [B, T]} integer ids; each row holds either no image placeholder or exactly
 *     {@code numPatches} of them (their embeddings become the row's projected image patches, in order)
 * @param attentionMask {@code [B, T]}, 1 for real tokens and 0 for padding (left or right); null means no padding
 * @param images {@code [B, C, H, W]} float32 in [0, 1], row b used only if row b has image placeholders; null if
 *     no row has one
 */
public record VlmInput(NDArray tokenIds, NDArray attentionMask, NDArray images) {

    public VlmInput {
        if (tokenIds.getShape().dimension() != 2) {
            throw new IllegalArgumentException("tokenIds must be [B, T], got " + tokenIds.getShape());
        }
        if (attentionMask != null && !attentionMask.getShape().equals(tokenIds.getShape())) {
            throw new IllegalArgumentException("attentionMask " + attentionMask.getShape()
                    + " does not match tokenIds " + tokenIds.getShape());
        }
    }

    /** Wraps Java arrays; {@code mask} may be null (no padding). */
    public static VlmInput of(NDManager manager, int[][] ids, int[][] mask, NDArray images) {
        NDArray tokens = manager.create(ids).toType(DataType.INT64, false);
        NDArray m = mask == null ? null : manager.create(mask).toType(DataType.FLOAT32, false);
        return new VlmInput(tokens, m, images);
    }

    /** Wraps a padded batch from the tokenizer. */
    public static VlmInput of(NDManager manager, ByteTokenizer.PaddedBatch batch, NDArray images) {
        return of(manager, batch.ids(), batch.mask(), images);
    }

    public long batchSize() {
        return tokenIds.getShape().get(0);
    }

    public long length() {
        return tokenIds.getShape().get(1);
    }
}
