package org.ifl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.ifl.platform.EmbeddedPlatform;
import org.ifl.platform.testkit.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service configured by its process environment alone, as in a container: {@code ifl stats} in a child JVM whose
 * environment names the cluster, the data and state directories, the HTTP port and an application id, with the
 * application id also given on the command line, which wins. Its {@code /health} reports the stream, the broker and
 * the registry; SIGTERM stops it cleanly, without an ERROR in its log.
 */
class ServiceEnvironmentIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void statsRunsOnItsEnvironmentAloneAndAnOptionGivenWins() throws Exception {
        try (EmbeddedPlatform platform = EmbeddedPlatform.start(EmbeddedPlatform.Settings.ephemeral(
                dir.resolve("platform")))) {
            Path state = dir.resolve("state-from-env");
            Path out = dir.resolve("out.txt");
            Path err = dir.resolve("err.txt");
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-cp", System.getProperty("java.class.path"), IflCommand.class.getName(), "stats",
                    "--application-id", "ifl-stats-from-option")
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(Map.of(
                    "IFL_KAFKA_BOOTSTRAP_SERVERS", platform.bootstrapServers(),
                    "IFL_SCHEMA_REGISTRY_URL", platform.registryUrl(),
                    "IFL_DATA_DIR", dir.resolve("data").toString(),
                    "IFL_STATS_STATE_DIR", state.toString(),
                    "IFL_STATS_APPLICATION_ID", "ifl-stats-from-env",
                    "MICRONAUT_SERVER_PORT", "-1"));
            Process child = builder.start();
            try {
                AtomicReference<String> health = new AtomicReference<>();
                Await.until("the service's health URL on its output", () -> {
                    health.set(read(out).lines().filter(l -> l.startsWith("  health ")).map(l -> l.substring(
                            l.indexOf("http"))).findFirst().orElse(null));
                    return health.get() != null || !child.isAlive();
                });
                assertTrue(child.isAlive(), () -> read(out) + read(err));
                AtomicReference<JsonNode> entry = new AtomicReference<>();
                Await.until("/health UP, the stream running", () -> {
                    entry.set(stageHealth(health.get()));
                    return entry.get().path("status").asText().equals("UP")
                            && entry.get().path("details").path("streams").asText().equals("RUNNING");
                });
                JsonNode details = entry.get().path("details");
                assertEquals(platform.bootstrapServers(), details.path("broker").path("bootstrapServers").asText());
                assertEquals(platform.registryUrl(), details.path("registry").path("url").asText());

                assertTrue(Files.isDirectory(state.resolve("ifl-stats-from-option")),
                        "the state directory from the environment, the application id from the command line");
                assertFalse(Files.exists(state.resolve("ifl-stats-from-env")));
                assertFalse(Files.exists(dir.resolve("data").resolve("stats-stream")), "the yml's default is unused");
                assertFalse(read(out).contains("starting one in this process"), read(out));
                assertEquals(Set.of("ifl-stats-from-option"), groups(platform).stream()
                        .filter(g -> g.startsWith("ifl-stats")).collect(Collectors.toSet()));
            } finally {
                child.destroy();
                child.waitFor(120, TimeUnit.SECONDS);
            }
            assertEquals(0, child.exitValue(), () -> read(out) + read(err));
            assertTrue(read(out).contains("stopped"), read(out));
            for (String log : List.of(read(out), read(err))) {
                assertFalse(log.contains(" ERROR "), log);
            }
        }
    }

    private static JsonNode stageHealth(String url) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body()).path("details").path("stats-stream");
        } catch (IOException e) {
            return JSON.createObjectNode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static List<String> groups(EmbeddedPlatform platform) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                platform.bootstrapServers()))) {
            return admin.listGroups().all().get().stream().map(GroupListing::groupId).toList();
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
