package org.ifl.producers.internal.annotation;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The uniform number in [0, 1) that decides whether a completion is drawn for annotation: the first 53 bits of
 * SHA-256 over the seed and the completion id. A completion is drawn under inclusion probability pi when its
 * number is below pi, independently of every other completion (Poisson sampling), so its probability of being
 * drawn is exactly pi; the same seed and id always give the same number, so drawing again gives the same sample,
 * and a larger pi gives a sample that contains the smaller one.
 */
public final class InclusionDraw {
    private static final double UNIT = 0x1.0p-53;

    private InclusionDraw() {
    }

    public static double uniform(long seed, String completionId) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        sha.update(ByteBuffer.allocate(Long.BYTES).putLong(seed).array());
        sha.update(completionId.getBytes(StandardCharsets.UTF_8));
        return (ByteBuffer.wrap(sha.digest()).getLong() >>> 11) * UNIT;
    }

    /** Whether the completion is drawn under inclusion probability {@code pi}. */
    public static boolean drawn(long seed, String completionId, double pi) {
        return uniform(seed, completionId) < pi;
    }
}
