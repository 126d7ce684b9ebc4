package org.ifl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ifl.cli.IflCommandTest.Run;
import org.junit.jupiter.api.Test;

/** {@code ifl topics create} refuses a replication it cannot keep before it connects (nothing listens on port 1). */
class TopicsCreateCommandTest {

    @Test
    void aReplicationFactorBelowOneIsAUsageError() {
        Run run = Run.of("topics", "create", "--bootstrap-servers", "127.0.0.1:1", "--replication-factor", "0");
        assertEquals(2, run.exitCode(), run.out());
        assertTrue(run.err().startsWith("ifl topics create: --replication-factor must be at least 1"), run.err());
    }

    @Test
    void moreInSyncReplicasThanReplicasIsAUsageError() {
        Run run = Run.of("topics", "create", "--bootstrap-servers", "127.0.0.1:1", "--replication-factor", "2",
                "--min-insync-replicas", "3");
        assertEquals(2, run.exitCode(), run.out());
        assertTrue(run.err().startsWith("ifl topics create: --min-insync-replicas must be between 1 and "
                + "--replication-factor (2), not 3"), run.err());
    }
}
