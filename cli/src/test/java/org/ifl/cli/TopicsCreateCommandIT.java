package org.ifl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.ifl.cli.IflCommandTest.Run;
import org.ifl.platform.kafka.EmbeddedKafka;
import org.ifl.platform.testkit.Await;
import org.ifl.schemas.topic.TopicContract;
import org.ifl.schemas.topic.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ifl topics create} on a bare broker, as the init job of a deployment runs it: every registry topic made with
 * its partitions, configs and min.insync.replicas; a second run creates nothing; a topic lost is made again alone;
 * a replication factor the cluster cannot give fails, naming why.
 */
class TopicsCreateCommandIT {

    @Test
    void createsTheRegistrysTopicsOnceAndOnlyWhatIsMissing(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, 0, Duration.ofSeconds(60));
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers()))) {
            Run tooMany = Run.of("topics", "create", "--bootstrap-servers", kafka.bootstrapServers());
            assertEquals(1, tooMany.exitCode(), tooMany.out());
            assertTrue(tooMany.err().contains("cannot create the registry's topics on " + kafka.bootstrapServers())
                    && tooMany.err().contains("replication factor"), tooMany.err());

            Run first = Run.of("topics", "create", "--bootstrap-servers", kafka.bootstrapServers(),
                    "--replication-factor", "1");
            assertEquals(0, first.exitCode(), first.err());
            assertTrue(first.out().contains(Topics.ALL.size() + " of " + Topics.ALL.size()
                    + " registry topics created (replication factor 1, min.insync.replicas 1)"), first.out());
            Map<String, TopicDescription> topics = admin.describeTopics(Topics.ALL.stream().map(TopicContract::name)
                    .toList()).allTopicNames().get();
            for (TopicContract<?, ?> contract : Topics.ALL) {
                assertEquals(contract.spec().partitions(), topics.get(contract.name()).partitions().size(),
                        contract.name());
                assertTrue(first.out().contains("  created " + contract.name() + " ("
                        + contract.spec().partitions() + " partitions)"), first.out());
                Config config = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC,
                        contract.name()))).all().get().values().iterator().next();
                assertEquals("1", config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value(), contract.name());
                contract.spec().configs().forEach((key, value) ->
                        assertEquals(value, config.get(key).value(), contract.name() + " " + key));
            }

            Run again = Run.of("topics", "create", "--bootstrap-servers", kafka.bootstrapServers(),
                    "--replication-factor", "1");
            assertEquals(0, again.exitCode(), again.err());
            assertTrue(again.out().contains(": 0 of " + Topics.ALL.size() + " registry topics created"), again.out());

            admin.deleteTopics(List.of(Topics.ALERTS.name())).all().get();
            Await.until(Topics.ALERTS.name() + " to be gone", () -> !topicNames(admin).contains(Topics.ALERTS.name()));
            Run lost = Run.of("topics", "create", "--bootstrap-servers", kafka.bootstrapServers(),
                    "--replication-factor", "1");
            assertEquals(0, lost.exitCode(), lost.err());
            assertEquals(Set.of("  created " + Topics.ALERTS.name() + " (" + Topics.ALERTS.spec().partitions()
                    + " partitions)"), Set.copyOf(lost.out().lines().filter(l -> l.startsWith("  created")).toList()),
                    lost.out());
        }
    }

    private static Set<String> topicNames(Admin admin) {
        try {
            return admin.listTopics().names().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
    }
}
