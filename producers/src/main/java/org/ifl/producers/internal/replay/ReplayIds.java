package org.ifl.producers.internal.replay;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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

    /** {@code replay-} and the first 16 hex digits of the SHA-256 of the file's bytes. */
    static String runIdOf(byte[] content) {
        return "replay-" + sha256Hex(content).substring(0, 16);
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }
}
