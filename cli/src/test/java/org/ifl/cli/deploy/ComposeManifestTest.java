package org.ifl.cli.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.common.utils.AppInfoParser;
import org.ifl.cli.IflCommand;
import org.ifl.platform.testkit.ServiceSettings;
import org.ifl.schemas.topic.TopicContract;
import org.ifl.schemas.topic.Topics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * deploy/compose as written, against what the project builds: every YAML file parses; the images are the Jib image
 * and the Kafka that matches the clients; the topics job makes the registry's topics and nothing names another
 * topic; every variable set on an ifl service is one of its settings; ports and health checks are the services';
 * Prometheus scrapes every stage; the Grafana dashboard reads only the agreed metrics.
 */
class ComposeManifestTest {
    private static final Pattern TOPIC_NAME = Pattern.compile("\\beval\\.[a-z][a-z0-9.-]*[a-z0-9]");
    private static Path compose;
    private static Map<String, String> dotEnv;
    private static Map<String, Map<String, Object>> services;
    /** Each ifl service's settings (application*.yml keys), by its Micronaut environment; empty for a command. */
    private static final Map<String, Map<String, Object>> SETTINGS = new HashMap<>();

    @BeforeAll
    static void readComposeFile() {
        compose = ManifestSettings.deployDir().resolve("compose");
        dotEnv = ManifestSettings.envFile(compose.resolve(".env"));
        services = new LinkedHashMap<>();
        ManifestSettings.map(ManifestSettings.document(compose.resolve("compose.yaml")).get("services"), "services")
                .forEach((name, service) -> services.put(name, ManifestSettings.map(service, "services." + name)));
    }

    /** The services that run the ifl image, by name: the first argument of their command picks the ifl command. */
    private static Map<String, List<String>> iflServices() {
        Map<String, List<String>> ifl = new LinkedHashMap<>();
        services.forEach((name, service) -> {
            if (String.valueOf(service.get("image")).equals("${IFL_IMAGE}")) {
                ifl.put(name, command(name));
            }
        });
        return ifl;
    }

    private static List<String> command(String service) {
        Object command = services.get(service).get("command");
        if (!(command instanceof List<?> list)) {
            throw new AssertionError("compose.yaml: service " + service + ": command must be a list, is " + command);
        }
        return list.stream().map(String::valueOf).toList();
    }

    private static Map<String, Object> settingsOf(List<String> command) {
        String environment = ManifestSettings.SERVICE_ENVIRONMENTS.get(command.get(0));
        return environment == null ? Map.of() : SETTINGS.computeIfAbsent(environment, ManifestSettings::settings);
    }

    private static Map<String, String> environment(String service) {
        return ManifestSettings.environment(services.get(service).get("environment"), "services." + service);
    }

    @Test
    void everyYamlFileParses() {
        List<Path> files = ManifestSettings.yamlFiles(compose);
        assertTrue(files.size() >= 4, files.toString());
        files.forEach(ManifestSettings::documents);
    }

    @Test
    void imagesAreTheJibImageAndTheKafkaOfTheClients() {
        Map<String, List<String>> ifl = iflServices();
        assertEquals(Set.of("topics", "worker", "lid", "stats-1", "stats-2"), ifl.keySet());
        assertEquals(ManifestSettings.image(), dotEnv.get("IFL_IMAGE"),
                ".env: IFL_IMAGE is what `mvn -Pimages` builds");
        assertEquals("apache/kafka:" + AppInfoParser.getVersion(), dotEnv.get("KAFKA_IMAGE"),
                ".env: KAFKA_IMAGE matches kafka-clients");
        for (String kafka : List.of("kafka-1", "kafka-2", "kafka-3")) {
            assertEquals("${KAFKA_IMAGE}", services.get(kafka).get("image"), kafka);
        }
        services.forEach((name, service) -> {
            String image = String.valueOf(service.get("image"));
            assertTrue(image.matches("\\$\\{[A-Z_]+}"), "compose.yaml: " + name + " names its image in .env, not "
                    + image);
            ManifestSettings.interpolate(image, dotEnv, "compose.yaml: " + name);
        });
    }

    @Test
    void theTopicsJobCreatesTheRegistrysTopicsAndNothingNamesAnother() throws IOException {
        ParseResult parsed = new CommandLine(IflCommand.class).parseArgs(command("topics").toArray(String[]::new));
        ParseResult create = parsed.subcommand().subcommand();
        assertEquals("topics create", parsed.subcommand().commandSpec().name() + " " + create.commandSpec().name());
        assertEquals(3, (short) create.matchedOptionValue("--replication-factor", (short) 1));
        assertEquals("kafka-1:9092,kafka-2:9092,kafka-3:9092", create.matchedOptionValue("--bootstrap-servers", ""));
        assertEquals("service_completed_successfully", ManifestSettings.map(ManifestSettings.map(
                services.get("worker").get("depends_on"), "worker.depends_on").get("topics"), "topics")
                .get("condition"));

        Set<String> registry = new HashSet<>(Topics.ALL.stream().map(TopicContract::name).toList());
        List<Path> files = new ArrayList<>(ManifestSettings.yamlFiles(compose));
        try (Stream<Path> dashboards = Files.list(ManifestSettings.deployDir().resolve("grafana/dashboards"))) {
            files.addAll(dashboards.toList());
        }
        files.add(compose.resolve("client.properties"));
        for (Path file : files) {
            Matcher m = TOPIC_NAME.matcher(Files.readString(file));
            while (m.find()) {
                assertTrue(registry.contains(m.group()), file + " names topic " + m.group()
                        + ", which is not in the topic registry " + registry);
            }
        }
    }

    @Test
    void everyVariableSetOnAnIflServiceIsOneOfItsSettings() {
        List<String> problems = new ArrayList<>();
        iflServices().forEach((name, command) -> {
            String environment = ManifestSettings.SERVICE_ENVIRONMENTS.get(command.get(0));
            Map<String, Object> settings = settingsOf(command);
            for (Map.Entry<String, String> variable : environment(name).entrySet()) {
                Optional<String> setting = ManifestSettings.settingOf(variable.getKey(), settings);
                if (setting.isPresent()) {
                    // Micronaut itself reads the variable as that setting, with that value.
                    try (ApplicationContext context = ServiceSettings.context(environment,
                            Map.of(variable.getKey(), variable.getValue()), Map.of())) {
                        assertEquals(variable.getValue(), context.getProperty(setting.get(), String.class)
                                .orElse(null), name + ": " + variable.getKey() + " sets " + setting.get());
                    }
                } else if (!ManifestSettings.NOT_SETTINGS.contains(variable.getKey())) {
                    problems.add("deploy/compose/compose.yaml: service " + name + ": " + variable.getKey()
                            + " is no setting of `ifl " + command.get(0) + "`" + (environment == null
                            ? " (it reads none from the environment)"
                            : " (its settings: application.yml and application-" + environment + ".yml)"));
                }
            }
        });
        assertEquals(List.of(), problems);
        assertEquals("0.0.0.0", environment("stats-1").get("MICRONAUT_SERVER_HOST"));
        assertEquals("stats-1", environment("stats-1").get("IFL_STATS_ADVERTISED_HOST"));
        assertEquals("stats-2", environment("stats-2").get("IFL_STATS_ADVERTISED_HOST"));
        assertEquals(environment("stats-1").get("IFL_STATS_APPLICATION_ID"),
                environment("stats-2").get("IFL_STATS_APPLICATION_ID"), "the stats instances share their cells");
    }

    @Test
    void portsAndHealthChecksAreTheServices() {
        iflServices().forEach((name, command) -> {
            if (!ManifestSettings.SERVICE_ENVIRONMENTS.containsKey(command.get(0))) {
                return;
            }
            int port = ManifestSettings.httpPort(settingsOf(command), environment(name));
            Set<String> containerPorts = new TreeSet<>();
            for (String key : List.of("expose", "ports")) {
                Object ports = services.get(name).get(key);
                if (ports instanceof List<?> list) {
                    list.forEach(p -> containerPorts.add(String.valueOf(p).replaceAll(".*:", "")));
                }
            }
            assertEquals(Set.of(Integer.toString(port)), containerPorts,
                    "compose.yaml: " + name + " serves on " + port);
            Object test = ManifestSettings.map(services.get(name).get("healthcheck"), name + ".healthcheck")
                    .get("test");
            assertTrue(test instanceof List<?> list && list.contains("http://localhost:" + port + "/health"),
                    "compose.yaml: " + name + ": the health check asks http://localhost:" + port + "/health: " + test);
        });
    }

    @Test
    void prometheusScrapesEveryStageAndLoadsTheAlertRules() {
        Map<String, Object> prometheus = ManifestSettings.document(compose.resolve("prometheus/prometheus.yml"));
        Set<String> targets = new TreeSet<>();
        for (Object job : (List<?>) prometheus.get("scrape_configs")) {
            Map<String, Object> config = ManifestSettings.map(job, "scrape_configs");
            assertEquals("/prometheus", config.get("metrics_path"), config.toString());
            for (Object statics : (List<?>) config.get("static_configs")) {
                Map<String, Object> group = ManifestSettings.map(statics, "static_configs");
                ((List<?>) group.get("targets")).forEach(t -> targets.add(String.valueOf(t)));
                Object labels = group.get("labels");
                assertFalse(labels instanceof Map<?, ?> map && map.containsKey("stage"),
                        "a target label stage would rename the stages' own: " + labels);
            }
        }
        Set<String> expected = new TreeSet<>();
        iflServices().forEach((name, command) -> {
            if (ManifestSettings.SERVICE_ENVIRONMENTS.containsKey(command.get(0))) {
                expected.add(name + ":" + ManifestSettings.httpPort(settingsOf(command), environment(name)));
            }
        });
        assertEquals(expected, targets);
        assertEquals(List.of("/etc/prometheus/alerts.yml"), prometheus.get("rule_files"));
        assertTrue(((List<?>) services.get("prometheus").get("volumes"))
                .contains("../prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro"));
    }

    @Test
    void theDashboardReadsTheAgreedMetricsAndEveryOne() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(ManifestSettings.deployDir()
                .resolve("grafana/dashboards/ifl.json").toFile());
        List<String> queries = new ArrayList<>();
        dashboard.findValues("expr").forEach(e -> queries.add(e.asText()));
        dashboard.path("templating").path("list").forEach(v -> queries.add(v.path("definition").asText()));
        assertTrue(queries.size() > 10, queries.toString());
        Set<String> used = new TreeSet<>();
        for (String query : queries) {
            Set<String> metrics = PrometheusNames.metricsOf(query);
            assertFalse(metrics.isEmpty(), "no metric in " + query);
            for (String metric : metrics) {
                assertTrue(PrometheusNames.AGREED.contains(metric), "deploy/grafana/dashboards/ifl.json: " + metric
                        + " in " + query + " is not an agreed metric " + PrometheusNames.AGREED);
            }
            used.addAll(metrics);
        }
        assertEquals(new TreeSet<>(PrometheusNames.AGREED), used, "every agreed figure has a panel");
        String datasources = Files.readString(compose.resolve("grafana/provisioning/datasources/prometheus.yml"));
        dashboard.findValues("uid").stream().filter(u -> !u.asText().equals("ifl")).forEach(uid ->
                assertTrue(datasources.contains("uid: " + uid.asText()), "datasource " + uid + " is provisioned"));
    }

    @Test
    void metricNamesAreFoundInQueries() {
        assertEquals(Set.of("ifl_checkpoint_answers_counted", "ifl_checkpoint_answers_expected"),
                PrometheusNames.metricsOf("max by (model) (ifl_checkpoint_answers_counted{model=~\"$model\"}) / "
                        + "max by (model) (ifl_checkpoint_answers_expected)"));
        assertEquals(Set.of("ifl_deadletters_total"),
                PrometheusNames.metricsOf("sum by (stage, reason) (increase(ifl_deadletters_total[5m])) > 0"));
        assertEquals(Set.of("ifl_cell_ifl"), PrometheusNames.metricsOf("label_values(ifl_cell_ifl{a=\"b\"}, model)"));
    }
}
