package org.ifl.inferenceworker;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Collects items into batches of compatible ones (same key) and says when a batch is due: when it holds
 * {@code maxBatch} items, or when its oldest item has waited {@code maxWait}, whichever comes first. Pure and
 * single-threaded: the caller passes the clock's reading, so tests drive time by hand.
 *
 * @param <K> what makes items compatible (the worker: model, arm kind, steering language)
 * @param <T> an item
 */
public final class DynamicBatcher<K, T> {

    /** A batch taken from the batcher; {@code reason} says which trigger released it. */
    public record Batch<K, T>(K key, List<T> items, Trigger reason) {
    }

    /** Why a batch was released. */
    public enum Trigger { SIZE, TIME, DRAIN }

    private final int maxBatch;
    private final long maxWaitNanos;
    private final Map<K, Open<T>> open = new LinkedHashMap<>();
    private final List<Batch<K, T>> full = new ArrayList<>();
    private int pending;

    public DynamicBatcher(int maxBatch, long maxWaitNanos) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1, not " + maxBatch);
        }
        if (maxWaitNanos < 0) {
            throw new IllegalArgumentException("maxWait must not be negative, not " + maxWaitNanos + " ns");
        }
        this.maxBatch = maxBatch;
        this.maxWaitNanos = maxWaitNanos;
    }

    /** Adds an item at time {@code nowNanos}; a batch that reaches {@code maxBatch} is due at once. */
    public void add(K key, T item, long nowNanos) {
        Open<T> batch = open.computeIfAbsent(key, k -> new Open<>(nowNanos));
        batch.items.add(item);
        pending++;
        if (batch.items.size() >= maxBatch) {
            open.remove(key);
            full.add(new Batch<>(key, batch.items, Trigger.SIZE));
        }
    }

    /** Removes and returns the batches due at {@code nowNanos}: full ones first, then those that waited long enough. */
    public List<Batch<K, T>> takeDue(long nowNanos) {
        return takeDue(nowNanos, Integer.MAX_VALUE);
    }

    /**
     * Removes and returns at most {@code limit} batches due at {@code nowNanos}: full ones first (oldest first),
     * then those that waited long enough (oldest first). Due batches left behind stay open and go on filling up
     * to {@code maxBatch}: a caller that takes batches only when it can run one gets fuller batches when busy.
     */
    public List<Batch<K, T>> takeDue(long nowNanos, int limit) {
        List<Batch<K, T>> due = new ArrayList<>();
        for (Iterator<Batch<K, T>> it = full.iterator(); it.hasNext() && due.size() < limit; ) {
            due.add(it.next());
            it.remove();
        }
        for (Iterator<Map.Entry<K, Open<T>>> it = open.entrySet().iterator(); it.hasNext() && due.size() < limit; ) {
            Map.Entry<K, Open<T>> e = it.next();
            if (nowNanos - e.getValue().firstNanos >= maxWaitNanos) {
                due.add(new Batch<>(e.getKey(), e.getValue().items, Trigger.TIME));
                it.remove();
            }
        }
        due.forEach(b -> pending -= b.items().size());
        return due;
    }

    /** Removes and returns every batch, due or not (the worker stopping). */
    public List<Batch<K, T>> takeAll() {
        List<Batch<K, T>> all = new ArrayList<>(full);
        full.clear();
        open.forEach((key, batch) -> all.add(new Batch<>(key, batch.items, Trigger.DRAIN)));
        open.clear();
        pending = 0;
        return all;
    }

    /** Drops the items {@code which} selects (a revoked partition's, to be redelivered elsewhere); returns how many. */
    public int removeIf(Predicate<? super T> which) {
        int removed = 0;
        for (Iterator<Open<T>> it = open.values().iterator(); it.hasNext(); ) {
            Open<T> batch = it.next();
            int before = batch.items.size();
            batch.items.removeIf(which);
            removed += before - batch.items.size();
            if (batch.items.isEmpty()) {
                it.remove();
            }
        }
        for (Iterator<Batch<K, T>> it = full.iterator(); it.hasNext(); ) {
            Batch<K, T> batch = it.next();
            int before = batch.items().size();
            batch.items().removeIf(which);
            removed += before - batch.items().size();
            if (batch.items().isEmpty()) {
                it.remove();
            }
        }
        pending -= removed;
        return removed;
    }

    /** Items held, in open and due batches. */
    public int pending() {
        return pending;
    }

    /** Nanoseconds from {@code nowNanos} until the next batch is due; 0 if one is due; Long.MAX_VALUE if empty. */
    public long nanosUntilDue(long nowNanos) {
        if (!full.isEmpty()) {
            return 0;
        }
        long next = Long.MAX_VALUE;
        for (Open<T> batch : open.values()) {
            next = Math.min(next, Math.max(0, batch.firstNanos + maxWaitNanos - nowNanos));
        }
        return next;
    }

    private static final class Open<T> {
        final long firstNanos;
        final List<T> items = new ArrayList<>();

        Open(long firstNanos) {
            this.firstNanos = firstNanos;
        }
    }
}
