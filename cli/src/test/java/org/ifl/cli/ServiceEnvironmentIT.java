package org.ifl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.ifl.platform.EmbeddedPlatform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service configured by its process environment alone, as in a container: {@code ifl stats} in a child JVM whose
 * environment names the cluster, the data and state directories, the HTTP port and an application id, with the
 * application id also given on the command line, which wins. Its {@code /health} reports the stream, the broker and
 * the registry; SIGTERM stops it cleanly, without an ERROR in its log.
 */
class ServiceEnvironmentIT {
    @TempDir
    Path dir;

    @Test
    void statsRunsOnItsEnvironmentAloneAndAnOptionGivenWins() throws Exception {
        try (EmbeddedPlatform platform = EmbeddedPlatform.start(EmbeddedPlatform.Settings.ephemeral(
                dir.resolve("platform")))) {
            Path state = dir.resolve("state-from-env");
            try (ChildIfl child = ChildIfl.start(dir, "stats", Map.of(
                    "IFL_KAFKA_BOOTSTRAP_SERVERS", platform.bootstrapServers(),
                    "IFL_SCHEMA_REGISTRY_URL", platform.registryUrl(),
                    "IFL_DATA_DIR", dir.resolve("data").toString(),
                    "IFL_STATS_STATE_DIR", state.toString(),
                    "IFL_STATS_APPLICATION_ID", "ifl-stats-from-env",
                    "MICRONAUT_SERVER_PORT", "-1"), "stats", "--application-id", "ifl-stats-from-option")) {
                JsonNode details = ChildIfl.awaitRunning(child.awaitHealthUrl(), "stats-stream").path("details");
                assertEquals(platform.bootstrapServers(), details.path("broker").path("bootstrapServers").asText());
                assertEquals(platform.registryUrl(), details.path("registry").path("url").asText());

                assertTrue(Files.isDirectory(state.resolve("ifl-stats-from-option")),
                        "the state directory from the environment, the application id from the command line");
                assertFalse(Files.exists(state.resolve("ifl-stats-from-env")));
                assertFalse(Files.exists(dir.resolve("data").resolve("stats-stream")), "the yml's default is unused");
                assertFalse(child.out().contains("starting one in this process"), child.out());
                assertEquals(Set.of("ifl-stats-from-option"), groups(platform).stream()
                        .filter(g -> g.startsWith("ifl-stats")).collect(Collectors.toSet()));

                assertEquals(0, child.stop(), () -> child.out() + child.err());
                assertTrue(child.out().contains("stopped"), child.out());
                for (String log : List.of(child.out(), child.err())) {
                    assertFalse(log.contains(" ERROR "), log);
                }
            }
        }
    }

    private static List<String> groups(EmbeddedPlatform platform) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                platform.bootstrapServers()))) {
            return admin.listGroups().all().get().stream().map(GroupListing::groupId).toList();
        }
    }
}
