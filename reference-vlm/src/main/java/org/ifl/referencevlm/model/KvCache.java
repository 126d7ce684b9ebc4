package org.ifl.referencevlm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;

/**
 * The keys and values every decoder block has computed so far, with the padding mask of those positions.
 * Immutable: a step returns a new cache (the keys grown by the new positions) and leaves this one intact;
 * whoever drives generation closes the old one when it is no longer needed.
 *
 * @param keys per decoder block, {@code [B, H, T, D/H]}
 * @param values per decoder block, {@code [B, H, T, D/H]}
 * @param mask {@code [B, T]} float32, 1 for real tokens, 0 for padding
 */
public record KvCache(List<NDArray> keys, List<NDArray> values, NDArray mask) implements AutoCloseable {

    public KvCache {
        keys = List.copyOf(keys);
        values = List.copyOf(values);
        if (keys.size() != values.size()) {
            throw new IllegalArgumentException("keys and values per layer differ in number");
        }
    }

    /** Positions cached, padding included. */
    public long length() {
        return mask.getShape().get(1);
    }

    public long batchSize() {
        return mask.getShape().get(0);
    }

    /** Moves every array to {@code manager} (for example out of a per-step sub-manager that is about to close). */
    public void attach(NDManager manager) {
        keys.forEach(k -> k.attach(manager));
        values.forEach(v -> v.attach(manager));
        mask.attach(manager);
    }

    /**
     * Lends every array to {@code manager} until it closes: what a step derives from the cache (a transposed key,
     * say) then belongs to that step and is freed with it, instead of piling up in the generation's manager.
     */
    public void tempAttach(NDManager manager) {
        keys.forEach(k -> k.tempAttach(manager));
        values.forEach(v -> v.tempAttach(manager));
        mask.tempAttach(manager);
    }

    /** Frees the arrays now instead of when their manager closes. */
    @Override
    public void close() {
        keys.forEach(NDArray::close);
        values.forEach(NDArray::close);
        mask.close();
    }
}
