package org.ifl.platform.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.ifl.platform.deadletter.DeadLetterCounts;
import org.ifl.platform.deadletter.DeadLetterReason;

/**
 * The meters every stage has, under one name each whatever the stage, so that one alert rule or dashboard
 * covers them all (docs/metrics.md): its dead letters by reason and the records it finished.
 */
public final class StageMeters {
    /** Records the stage sent to the dead-letter topic; tags {@code stage}, {@code reason}. */
    public static final String DEAD_LETTERS = "ifl.deadletters";
    /** Records the stage finished; tag {@code stage}. */
    public static final String RECORDS = "ifl.stage.records";
    public static final String STAGE_TAG = "stage";
    public static final String REASON_TAG = "reason";

    private StageMeters() {
    }

    /**
     * The stage's dead-letter counter, one series per {@link DeadLetterReason}, each there (at 0) from the start
     * so that a rate over it is defined before the first dead letter.
     */
    public static void bindDeadLetters(MeterRegistry meters, String stage) {
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            FunctionCounter.builder(DEAD_LETTERS, reason, r -> DeadLetterCounts.count(stage, r))
                    .description("records this stage sent to the dead-letter topic")
                    .tag(STAGE_TAG, stage)
                    .tag(REASON_TAG, reason.tag())
                    .register(meters);
        }
    }

    /** The counter of records the stage finished; {@code what} says which, for its description. */
    public static Counter records(MeterRegistry meters, String stage, String what) {
        return Counter.builder(RECORDS).description("records this stage finished: " + what)
                .tag(STAGE_TAG, stage).register(meters);
    }
}
