package org.ifl.platform.kafka;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

/**
 * Which fatal errors replace the client (the replacement itself: lid-stream's LidStateAheadOfTopicsIT; transient
 * and fatal failures on a broker: RecoveringStreamsIT; a registry outage through the stages: cli's LoseNothingIT).
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
    void otherFailuresAreNot() {
        assertFalse(RecoveringStreams.isStateAheadOfTopic(new StreamsException("serialization",
                new IllegalStateException("bad record"))));
        assertFalse(RecoveringStreams.isStateAheadOfTopic(new IllegalStateException("no cause")));
    }
}
