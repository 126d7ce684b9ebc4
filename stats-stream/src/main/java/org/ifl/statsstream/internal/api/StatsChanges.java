package org.ifl.statsstream.internal.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.ifl.schemas.topic.RecordKey;

/**
 * The cells and summaries whose eval.stats records were committed, coalesced: the first change opens a batch
 * that is {@linkplain #due due} {@code window} later, so a burst of records becomes one {@code stats} event of
 * distinct changes, at most {@code window} after the first of them. Times are {@link System#nanoTime()}
 * readings, passed in so that the rule can be checked without waiting. One thread uses it.
 */
public final class StatsChanges {
    private final long windowNanos;
    private final Set<Change> pending = new LinkedHashSet<>();
    private long openedAt;

    /**
     * A cell or summary that changed: its model, checkpoint, dataset (null for a CHECKPOINT summary) and window
     * key ({@code cumulative} or start/end); the language is left out, a page refetches a dataset at a time.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Change(String model, String checkpoint, String dataset, String window) {
        /** The change an eval.stats key (scope|model|checkpoint|dataset|language|window) names; null if none. */
        public static Change ofStatsKey(String key) {
            if (key == null) {
                return null;
            }
            List<String> parts = RecordKey.parts(key);
            if (parts.size() != 6) {
                return null;
            }
            return new Change(parts.get(1), parts.get(2), parts.get(3).isEmpty() ? null : parts.get(3), parts.get(5));
        }

        /** Whether a page that follows {@code model} and {@code checkpoint} (null: any) is concerned. */
        public boolean concerns(String model, String checkpoint) {
            return (model == null || model.equals(this.model))
                    && (checkpoint == null || checkpoint.equals(this.checkpoint));
        }
    }

    public StatsChanges(long windowNanos) {
        this.windowNanos = windowNanos;
    }

    public void add(Change change, long now) {
        if (pending.isEmpty()) {
            openedAt = now;
        }
        pending.add(change);
    }

    /** Whether the batch is to go out now. */
    public boolean due(long now) {
        return !pending.isEmpty() && now - openedAt >= windowNanos;
    }

    /** How long until the batch is due; the whole window when there is none. */
    public long nanosUntilDue(long now) {
        return pending.isEmpty() ? windowNanos : Math.max(0, openedAt + windowNanos - now);
    }

    /** The batch's distinct changes in the order they first came; the next change opens a new batch. */
    public List<Change> drain() {
        List<Change> out = List.copyOf(pending);
        pending.clear();
        return out;
    }
}
