package org.ifl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ifl.cli.IflCommandTest.Run;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DeployCommandTest {

    @Test
    void k8sTopicsPrintsTheCommittedTopicsFile() throws Exception {
        Run run = Run.of("deploy", "k8s-topics");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(Files.readString(Path.of("..", "deploy", "k8s", "base", "kafka-topics.yaml")), run.out());
        assertEquals("", run.err());
    }

    @Test
    void k8sTopicsTakesTheClusterAndReplicas() {
        Run run = Run.of("deploy", "k8s-topics", "--cluster", "kafka-a", "--replicas", "1");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(9, run.out().lines().filter(l -> l.equals("kind: KafkaTopic")).count(), run.out());
        assertEquals(9, run.out().lines().filter(l -> l.equals("  replicas: 1")).count(), run.out());
        assertEquals(9, run.out().lines().filter(l -> l.equals("    strimzi.io/cluster: kafka-a")).count(), run.out());
    }

    @Test
    void noReplicasIsAUsageError() {
        Run run = Run.of("deploy", "k8s-topics", "--replicas", "0");
        assertEquals(CommandLine.ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().startsWith("ifl deploy k8s-topics: a topic needs at least one replica, not 0"), run.err());
    }

    @Test
    void deployAloneListsWhatItWrites() {
        Run run = Run.of("deploy");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("k8s-topics"), run.out());
    }
}
