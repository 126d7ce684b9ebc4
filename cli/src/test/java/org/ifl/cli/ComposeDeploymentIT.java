package org.ifl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.ifl.cli.IflCommandTest.Run;
import org.ifl.cli.deploy.ManifestSettings;
import org.ifl.platform.EmbeddedPlatform;
import org.ifl.platform.testkit.Await;
import org.ifl.schemas.topic.Topics;
import org.ifl.statsstream.FiguresView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/compose/compose.yaml without Docker: its topics job, then its worker, lid and two stats services as child
 * JVMs, each with its command and the environment compose.yaml gives it, only the addresses (cluster, registry,
 * advertised host, HTTP port), paths and memory limit made this host's, against the embedded broker and registry.
 * A small suite published with images inline (as from outside the deployment) is answered, labeled and counted,
 * and both stats instances answer /cells for every cell, those the other holds included. Each service's /health
 * passes the probe the compose health checks run.
 */
class ComposeDeploymentIT {
    private static final List<String> STAGES = List.of("worker", "lid", "stats-1", "stats-2");
    private static final List<String> LANGUAGES = List.of("en", "fr", "de", "es");
    /** A value that still names a compose host: host:port or a URL to one. */
    private static final Pattern COMPOSE_ADDRESS = Pattern.compile("(^|//|,)(kafka-\\d|registry|worker|lid|stats-\\d)"
            + "(:\\d+)?([/,]|$)");

    @TempDir
    Path dir;

    @Test
    void theComposeServicesRunOnTheirEnvironmentAndBothStatsInstancesAnswerForEveryCell() throws Exception {
        Path compose = ManifestSettings.deployDir().resolve("compose");
        Map<String, Object> services = ManifestSettings.map(ManifestSettings.document(compose.resolve("compose.yaml"))
                .get("services"), "services");
        try (EmbeddedPlatform platform = EmbeddedPlatform.start(EmbeddedPlatform.Settings.ephemeral(
                dir.resolve("platform")))) {
            List<String> topicsJob = new ArrayList<>(command(services, "topics"));
            replaceOption(topicsJob, "--bootstrap-servers", platform.bootstrapServers());
            replaceOption(topicsJob, "--replication-factor", "1"); // one embedded broker
            replaceOption(topicsJob, "--kafka-config", mounted(topicsJob.get(topicsJob.indexOf("--kafka-config") + 1),
                    ManifestSettings.map(services.get("topics"), "topics"), compose).toString());
            Run topics = Run.of(topicsJob.toArray(String[]::new));
            assertEquals(0, topics.exitCode(), topics.err());
            assertTrue(topics.out().contains(": 0 of " + Topics.ALL.size() + " registry topics created"),
                    "the platform made them already: " + topics.out());

            List<ChildIfl> children = new ArrayList<>();
            try {
                Map<String, String> healthUrls = new LinkedHashMap<>();
                for (String stage : STAGES) {
                    Map<String, String> environment = thisHost(stage, ManifestSettings.environment(
                            ManifestSettings.map(services.get(stage), stage).get("environment"), stage),
                            ManifestSettings.map(services.get(stage), stage), compose, platform);
                    ChildIfl child = ChildIfl.start(Files.createDirectories(dir.resolve(stage)), stage, environment,
                            command(services, stage).toArray(String[]::new));
                    children.add(child);
                }
                for (int i = 0; i < STAGES.size(); i++) {
                    healthUrls.put(STAGES.get(i), children.get(i).awaitHealthUrl());
                }
                for (Map.Entry<String, String> health : healthUrls.entrySet()) {
                    Await.until(health.getKey() + "'s /health to pass the compose health check",
                            () -> isUp(health.getValue()));
                }

                Run publish = Run.of("publish", "--bootstrap-servers", platform.bootstrapServers(), "--registry-url",
                        platform.registryUrl(), "--data-dir", dir.resolve("publisher").toString(), "--model", "vlm",
                        "--checkpoint", "c1", "--suite", SmallMaxmSuite.write(dir, LANGUAGES),
                        "--max-new-tokens", "6", "--inline-images-under", "1048576");
                assertEquals(0, publish.exitCode(), publish.err() + publish.out());

                List<String> apis = healthUrls.entrySet().stream().filter(e -> e.getKey().startsWith("stats-"))
                        .map(e -> e.getValue().replaceFirst("/health$", "")).toList();
                for (String api : apis) {
                    Await.until("stats at " + api + " to answer for every cell, all three arms counted",
                            () -> complete(api));
                }
                for (ChildIfl child : children) {
                    assertTrue(child.isAlive(), child.out() + child.err());
                    assertEquals(0, child.stop(), () -> child.out() + child.err());
                    assertEquals(List.of(), errors(child.out() + "\n" + child.err()), () -> child.out() + child.err());
                }
            } finally {
                for (ChildIfl child : children) {
                    child.close();
                }
            }
        }
    }

    /**
     * The ERROR lines of a service's output, but one: Kafka Streams' task manager logs at ERROR the tasks it found
     * corrupted (a task that moved back to an instance whose state under exactly-once has no checkpoint, as happens
     * while two stats instances starting together share out the tasks). It wipes and restores them itself and says
     * so at WARN; a task that fails otherwise is still an ERROR here.
     */
    private static List<String> errors(String output) {
        return output.lines().filter(line -> line.contains(" ERROR "))
                .filter(line -> !(line.contains(" o.a.k.s.p.internals.TaskManager - ")
                        && line.contains("Get exceptions for the following tasks")
                        && !line.replaceAll("errors\\.TaskCorruptedException", "").contains("Exception")))
                .toList();
    }

    private static List<String> command(Map<String, Object> services, String service) {
        return ((List<?>) ManifestSettings.map(services.get(service), service).get("command")).stream()
                .map(String::valueOf).toList();
    }

    private static void replaceOption(List<String> args, String option, String value) {
        int at = args.indexOf(option);
        assertTrue(at >= 0 && at + 1 < args.size(), "the topics job gives " + option + ": " + args);
        args.set(at + 1, value);
    }

    /**
     * The service's environment as compose.yaml sets it, with the addresses and paths of this host: the embedded
     * cluster and registry, 127.0.0.1 and a free port for HTTP (on one host the two stats need two ports), the client
     * properties file that compose.yaml mounts, directories under this test's.
     */
    private Map<String, String> thisHost(String stage, Map<String, String> compose, Map<String, Object> service,
            Path composeDir, EmbeddedPlatform platform) throws Exception {
        Map<String, String> environment = new LinkedHashMap<>(compose);
        environment.replace("IFL_KAFKA_BOOTSTRAP_SERVERS", platform.bootstrapServers());
        environment.replace("IFL_SCHEMA_REGISTRY_URL", platform.registryUrl());
        environment.replace("MICRONAUT_SERVER_HOST", "127.0.0.1");
        environment.replace("IFL_STATS_ADVERTISED_HOST", "127.0.0.1");
        environment.put("MICRONAUT_SERVER_PORT", Integer.toString(freePort()));
        if (service.get("mem_limit") != null) { // what a JVM in the container takes for the machine's memory
            environment.merge("JAVA_TOOL_OPTIONS", "-XX:MaxRAM=" + service.get("mem_limit"), (a, b) -> a + " " + b);
        }
        if (environment.containsKey("IFL_KAFKA_CONFIG_FILE")) {
            environment.put("IFL_KAFKA_CONFIG_FILE", mounted(environment.get("IFL_KAFKA_CONFIG_FILE"), service,
                    composeDir).toString());
        }
        environment.replaceAll((name, value) -> name.endsWith("_DIR")
                ? dir.resolve(stage).resolve(value.replaceFirst("^/", "")).toString() : value);
        environment.forEach((name, value) -> assertFalse(COMPOSE_ADDRESS.matcher(value).find(),
                "compose.yaml: " + stage + ": " + name + "=" + value + " names a compose host this test does not map"));
        return environment;
    }

    /** The file on this host that compose.yaml mounts at {@code target} in the service's container. */
    private static Path mounted(String target, Map<String, Object> service, Path composeDir) {
        for (Object volume : (List<?>) service.get("volumes")) {
            String[] parts = String.valueOf(volume).split(":");
            if (parts.length >= 2 && parts[1].equals(target)) {
                return composeDir.resolve(parts[0]).normalize();
            }
        }
        throw new AssertionError("compose.yaml mounts nothing at " + target + ": " + service.get("volumes"));
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean isUp(String url) {
        try {
            return HealthProbe.isUp(URI.create(url));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The stats API at {@code api} answers for every language's cell, each with one pair and three arms counted. */
    private static boolean complete(String api) {
        List<FiguresView> cells;
        try {
            cells = new StatsApi(api).cells("vlm", "c1");
        } catch (CommandFailure notYet) { // e.g. 503 while the instances share out the cells
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        Set<String> done = new TreeSet<>();
        for (FiguresView cell : cells) {
            if (cell.pairs() == 1 && cell.counted() == 3) {
                done.add(cell.language());
            }
        }
        return done.equals(new TreeSet<>(LANGUAGES));
    }
}
