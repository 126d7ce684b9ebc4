package org.ifl.producers.internal.replay;

import java.util.Arrays;
import java.util.HexFormat;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.PairKey;
import org.ifl.schemas.topic.RecordKey;

/**
 * How replayed completions are named when the file does not name them. Everything here is a function of the
 * file's content, so a file replayed twice gives the same ids, and stats-stream, which ignores repeats of a
 * completion id and counts the first answer per pair and arm, counts nothing twice.
 */
final class ReplayIds {
    static final String COMPLETION_SUFFIX = "/replay";
    /**
     * The content run id while it is not known yet (the first pass has not read the last byte): as long as a
     * real one, so records weigh the same, and never one itself ('?' is no hex digit).
     */
    static final String PENDING_RUN_ID = "replay-" + "?".repeat(16);

    private ReplayIds() {
    }

    /** run|model|checkpoint|dataset|item|language|arm: the query this completion answered. */
    static String queryId(PairKey pair, Arm arm) {
        return RecordKey.of(pair.getRunId(), pair.getModel(), pair.getCheckpoint(), pair.getDataset(),
                pair.getItemId(), pair.getLanguage(), arm.name());
    }

    /** The query id with {@value #COMPLETION_SUFFIX}: one replayed answer per query. */
    static String completionId(PairKey pair, Arm arm) {
        return queryId(pair, arm) + COMPLETION_SUFFIX;
    }

    /** {@code replay-} and the first 16 hex digits of the SHA-256 of the file's bytes, given that digest. */
    static String runIdOf(byte[] sha256) {
        return "replay-" + HexFormat.of().formatHex(Arrays.copyOf(sha256, 8));
    }
}
