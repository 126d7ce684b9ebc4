package org.ifl.producers.internal.replay;

import java.time.Instant;
import java.util.Map;
import org.ifl.producers.Origin;
import org.ifl.schemas.avro.Completion;

/**
 * One completion read from a replay file, with what the publisher needs beside the record.
 *
 * @param completion the record, {@code replayed = true}
 * @param origin     the file and line it was read from, for reports
 * @param attributes what the file says about the row that {@link Completion} has no field for (LCB task and
 *                   source, MultiQ domain, the JSONL {@code attributes}); not published
 */
public record ReplayedCompletion(Completion completion, Origin origin, Map<String, String> attributes) {

    public ReplayedCompletion {
        attributes = Map.copyOf(attributes);
    }

    /**
     * The record timestamp to publish with: when the original answer was completed, so windows and retention
     * see the historical time, not the time of the replay.
     */
    public Instant timestamp() {
        return completion.getCompletedAt();
    }
}
