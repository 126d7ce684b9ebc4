package org.ifl.platform.deadletter;

import java.util.Locale;

/**
 * What kind of failure sent a record to the dead-letter topic: a few fixed kinds, so that they can tag a metric
 * (the dead letter itself carries the full reason).
 */
public enum DeadLetterReason {
    /** The record's bytes are not a record of the topic's schema. */
    DESERIALIZATION,
    /** The record was read but refused: a value the stage cannot use ({@link RecordRejectedException}, a null). */
    REJECTED,
    /** Processing the record threw something else. */
    PROCESSING;

    /** The metric tag value: the name in lower case. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
