package org.ifl.platform.deadletter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.ifl.platform.service.StageMeters;
import org.junit.jupiter.api.Test;

class DeadLetterCountsTest {

    @Test
    void aStagesDeadLettersAreCountedByReasonEachFromZero() {
        MeterRegistry registry = new SimpleMeterRegistry();
        StageMeters.bindDeadLetters(registry, "count-test");
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            assertEquals(0.0, deadLetters(registry, "count-test", reason), reason.tag());
        }
        DeadLetterCounts.increment("count-test", DeadLetterReason.REJECTED);
        DeadLetterCounts.increment("count-test", DeadLetterReason.REJECTED);
        DeadLetterCounts.increment("count-test", DeadLetterReason.PROCESSING);
        DeadLetterCounts.increment("another-stage", DeadLetterReason.DESERIALIZATION);

        assertEquals(2.0, deadLetters(registry, "count-test", DeadLetterReason.REJECTED));
        assertEquals(1.0, deadLetters(registry, "count-test", DeadLetterReason.PROCESSING));
        assertEquals(0.0, deadLetters(registry, "count-test", DeadLetterReason.DESERIALIZATION),
                "another stage's dead letter is its own");
        assertEquals(3, DeadLetterCounts.count("count-test"));
        assertEquals(3, registry.find(StageMeters.DEAD_LETTERS).functionCounters().size());
    }

    private static double deadLetters(MeterRegistry registry, String stage, DeadLetterReason reason) {
        return registry.get(StageMeters.DEAD_LETTERS).tag(StageMeters.STAGE_TAG, stage)
                .tag(StageMeters.REASON_TAG, reason.tag()).functionCounter().count();
    }
}
