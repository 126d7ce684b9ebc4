package org.ifl.platform.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.errors.StreamsException;
import org.ifl.platform.deadletter.RecordRejectedException;
import org.ifl.schemas.registry.SchemaRegistryException;
import org.ifl.schemas.serde.WireFormatException;
import org.ifl.schemas.serde.WireFormatException.Problem;
import org.junit.jupiter.api.Test;

/** A record is dead-lettered only for its own faults: which failures are the moment's instead. */
class TransientFailureTest {

    @Test
    void anUnavailableRegistryOrBrokerIsTransientWhereverItIsInTheCauses() {
        assertTrue(TransientFailure.isTransient(new WireFormatException(Problem.REGISTRY_UNAVAILABLE, "down", null)));
        assertTrue(TransientFailure.isTransient(new StreamsException("deserializing",
                new WireFormatException(Problem.REGISTRY_UNAVAILABLE, "down", null))));
        assertTrue(TransientFailure.isTransient(new StreamsException("task timed out", new TimeoutException("t"))));
        assertTrue(TransientFailure.isTransient(new NotLeaderOrFollowerException("moving")));
        assertTrue(TransientFailure.isTransient(new IllegalStateException("lookup",
                new SchemaRegistryException(SchemaRegistryException.STORE_ERROR, "not reachable"))));
    }

    @Test
    void theBackOffDoublesFromOneSecondUpToThirtySeconds() {
        assertEquals(Duration.ofSeconds(1), TransientFailure.backOff(1));
        assertEquals(Duration.ofSeconds(2), TransientFailure.backOff(2));
        assertEquals(Duration.ofSeconds(4), TransientFailure.backOff(3));
        assertEquals(Duration.ofSeconds(16), TransientFailure.backOff(5));
        assertEquals(Duration.ofSeconds(30), TransientFailure.backOff(6));
        assertEquals(Duration.ofSeconds(30), TransientFailure.backOff(1_000));
    }

    @Test
    void whatIsWrongWithTheRecordIsNot() {
        for (Problem problem : new Problem[] {Problem.TRUNCATED, Problem.WRONG_MAGIC_BYTE, Problem.UNKNOWN_SCHEMA_ID,
                Problem.CORRUPT_BODY, Problem.REGISTRY_FAILURE}) {
            assertFalse(TransientFailure.isTransient(new WireFormatException(problem, "bad", null)), problem.name());
        }
        assertFalse(TransientFailure.isTransient(new RecordRejectedException("language 'xx'")));
        assertFalse(TransientFailure.isTransient(new SerializationException("not Avro")));
        assertFalse(TransientFailure.isTransient(new NullPointerException()));
    }

    @Test
    void theDescriptionNamesWhatDidNotAnswerWithoutStreamsWrappers() {
        assertEquals("REGISTRY_UNAVAILABLE: registry at http://r:8081 not reachable", TransientFailure.describe(
                new StreamsException("Deserialization exception handler is set to fail",
                        new WireFormatException(Problem.REGISTRY_UNAVAILABLE, "registry at http://r:8081 not reachable",
                                null))));
    }

    @Test
    void aWireFormatProblemDecidesEvenWhenItWrapsARetriableCause() {
        assertFalse(TransientFailure.isTransient(new WireFormatException(Problem.CORRUPT_BODY, "bad",
                new TimeoutException("inner"))));
    }
}
