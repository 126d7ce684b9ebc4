package org.ifl.platform.kafka;

import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.apache.kafka.common.errors.RetriableException;
import org.ifl.platform.CauseChain;
import org.ifl.schemas.registry.SchemaRegistryException;
import org.ifl.schemas.serde.WireFormatException;

/**
 * Whether a failure belongs to the moment rather than to the record: the schema registry or the broker did not
 * answer, and the same record read again later may well go through. Such a record is never dead-lettered; its
 * stream thread fails without committing, and the record is read again once the registry or broker answers.
 * Everything else (bytes that are not a record, a record the stage refuses) is the record's own fault.
 */
public final class TransientFailure {
    public static final Duration FIRST_BACK_OFF = Duration.ofSeconds(1);
    public static final Duration MAX_BACK_OFF = Duration.ofSeconds(30);

    private TransientFailure() {
    }

    /** The wait before the {@code retry}-th attempt of an outage: 1 s, 2 s, 4 s, ... up to {@link #MAX_BACK_OFF}. */
    public static Duration backOff(int retry) {
        long seconds = FIRST_BACK_OFF.toSeconds() << Math.min(Math.max(retry, 1) - 1, 30);
        return seconds >= MAX_BACK_OFF.toSeconds() ? MAX_BACK_OFF : Duration.ofSeconds(seconds);
    }

    public static boolean isTransient(Throwable failure) {
        return transientCause(failure) != null;
    }

    /** What did not answer, in words, without the wrappers Kafka Streams puts around it. */
    public static String describe(Throwable failure) {
        Throwable cause = transientCause(failure);
        return CauseChain.describe(cause == null ? failure : cause);
    }

    /** The first cause that decides, if it says the failure is transient; null otherwise. */
    private static Throwable transientCause(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof WireFormatException wireFormat) {
                return wireFormat.isTransient() ? t : null;
            }
            if (t instanceof SchemaRegistryException registry) {
                return registry.isUnavailable() ? t : null;
            }
            if (t instanceof RetriableException) {
                return t;
            }
        }
        return null;
    }
}
