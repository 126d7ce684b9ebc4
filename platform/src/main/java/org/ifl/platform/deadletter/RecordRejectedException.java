package org.ifl.platform.deadletter;

/**
 * Thrown by a stage's processor for a record it refuses on purpose (too large, missing a field it needs):
 * the record goes to the dead-letter topic with this message as its reason, and the stream goes on.
 */
public final class RecordRejectedException extends RuntimeException {
    public RecordRejectedException(String reason) {
        super(reason);
    }
}
