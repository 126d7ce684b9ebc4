package org.ifl.platform.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

/**
 * Which fatal errors replace the client, and the back-off of transient ones (the replacement itself:
 * lid-stream's LidStateAheadOfTopicsIT; a registry outage: RegistryOutageIT).
 */
class RecoveringStreamsTest {

    @Test
    void anOffsetPastTheEndOfTheTopicAnywhereInTheCausesIsStateAheadOfTheTopic() {
        OffsetOutOfRangeException outOfRange = new OffsetOutOfRangeException("offset 5 is out of range",
                Map.of(new TopicPartition("eval.entities", 0), 5L));
        assertTrue(RecoveringStreams.isStateAheadOfTopic(outOfRange));
        assertTrue(RecoveringStreams.isStateAheadOfTopic(new StreamsException("global thread failed",
                new StreamsException("restoring", outOfRange))));
    }

    @Test
    void theBackOffDoublesFromOneSecondUpToThirtySeconds() {
        assertEquals(Duration.ofSeconds(1), RecoveringStreams.backOff(1));
        assertEquals(Duration.ofSeconds(2), RecoveringStreams.backOff(2));
        assertEquals(Duration.ofSeconds(4), RecoveringStreams.backOff(3));
        assertEquals(Duration.ofSeconds(16), RecoveringStreams.backOff(5));
        assertEquals(Duration.ofSeconds(30), RecoveringStreams.backOff(6));
        assertEquals(Duration.ofSeconds(30), RecoveringStreams.backOff(1_000));
    }

    @Test
    void otherFailuresAreNot() {
        assertFalse(RecoveringStreams.isStateAheadOfTopic(new StreamsException("serialization",
                new IllegalStateException("bad record"))));
        assertFalse(RecoveringStreams.isStateAheadOfTopic(new IllegalStateException("no cause")));
    }
}
