package org.ifl.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.ifl.cli.IflCommandTest.Run;
import org.ifl.inferenceworker.WorkerService;
import org.ifl.inferenceworker.WorkerSettings;
import org.ifl.lidstream.LidService;
import org.ifl.lidstream.LidSettings;
import org.ifl.platform.Directories;
import org.ifl.platform.EmbeddedPlatform;
import org.ifl.platform.PlatformSecrets;
import org.ifl.platform.kafka.ClientProperties;
import org.ifl.platform.kafka.ClusterAccess;
import org.ifl.platform.service.ServiceContext;
import org.ifl.platform.testkit.CapturedLogs;
import org.ifl.platform.tls.TlsMaterial;
import org.ifl.schemas.registry.RegistryAccess;
import org.ifl.schemas.registry.RestSchemaRegistryClient;
import org.ifl.schemas.registry.SchemaRegistryException;
import org.ifl.schemas.topic.Topics;
import org.ifl.statsstream.StatsService;
import org.ifl.statsstream.StatsSettings;
import org.junit.jupiter.api.Test;

/**
 * The secured embedded platform ({@code ifl up --secure}: a SASL_SSL broker with SCRAM users, an HTTPS registry
 * behind basic authentication) through every stage, each configured only with the client properties file the
 * platform wrote, as a user would pass it: {@code ifl publish --kafka-config FILE}, the worker, lid-stream and
 * stats-stream with {@code ifl.kafka.config-file} alone (no address given), then {@code ifl report}. A client without
 * the file cannot reach the broker; the registry refuses anonymous requests and a wrong password, and takes new
 * schemas from the platform's clients only. Every log event of the run (Kafka and Micronaut at INFO, where Kafka
 * prints its client configurations), everything the commands printed and what the services' HTTP endpoints answer
 * hold none of the platform's secrets. A restart keeps the certificates and passwords; a plaintext start on the
 * secured data directory is refused.
 */
class SecuredPipelineIT {
    private static final List<String> LANGUAGES = List.of("en", "de");
    private static final List<String> VERBOSE_LOGGERS = List.of("org.apache.kafka", "kafka", "io.micronaut");
    private static final Duration REFUSED_WITHIN = Duration.ofSeconds(8);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private CapturedLogs log;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    /** Everything printed or answered during the run, besides the log: checked for secrets at the end. */
    private final List<String> printed = new ArrayList<>();

    @Test
    void aSecuredPlatformRunsThePipelineOnItsClientPropertiesAloneAndLeaksNoSecret() throws Exception {
        long started = System.nanoTime();
        Path dir = Path.of("target", "secured-pipeline-it").toAbsolutePath();
        Directories.deleteTree(dir);
        Path dataDir = dir.resolve("platform");
        PrintStream out = System.out;
        PrintStream err = System.err;
        log = CapturedLogs.start(VERBOSE_LOGGERS);
        System.setOut(new PrintStream(new Tee(out, console), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(err, console), true, StandardCharsets.UTF_8));
        try {
            Path clientFile;
            try (EmbeddedPlatform platform = EmbeddedPlatform.start(new EmbeddedPlatform.Settings(dataDir, 0, 0, 0,
                    true).secured())) {
                clientFile = platform.clientPropertiesFile();
                assertTrue(platform.registryUrl().startsWith("https://"), platform.registryUrl());
                aClientWithoutTheFileCannotReachTheBroker(platform);
                theRegistryRefusesStrangersAndTakesNewSchemasFromThePlatformOnly(platform, dataDir);
                runThePipeline(dir, clientFile);
            }
            restartsSecuredOnlyAndKeepsItsSecrets(dataDir, clientFile);
        } finally {
            System.setOut(out);
            System.setErr(err);
            log.close();
        }
        noSecretAnywhere(dataDir);
        assertEquals(List.of(), log.events().stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
                .map(e -> e.getLoggerName() + " " + e.getFormattedMessage()).toList(),
                "a successful run logs no ERROR");
        System.out.printf("SecuredPipelineIT: %d log events checked, %.1f s%n", log.events().size(),
                (System.nanoTime() - started) / 1e9);
    }

    private static void aClientWithoutTheFileCannotReachTheBroker(EmbeddedPlatform platform) {
        try (Admin plaintext = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                platform.bootstrapServers(), AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4000))) {
            long at = System.nanoTime();
            assertThrows(Exception.class, () -> plaintext.listTopics().names()
                    .get(REFUSED_WITHIN.toSeconds(), TimeUnit.SECONDS), "a PLAINTEXT client lists no topics");
            assertTrue(System.nanoTime() - at < REFUSED_WITHIN.plusSeconds(2).toNanos());
        }
    }

    private void theRegistryRefusesStrangersAndTakesNewSchemasFromThePlatformOnly(EmbeddedPlatform platform,
            Path dataDir) throws Exception {
        TlsMaterial tls = TlsMaterial.inDirectory(dataDir.resolve("tls"));
        RegistryAccess trustOnly = RegistryAccess.NONE.trusting(tls.trustStore(), tls.trustStorePassword(),
                TlsMaterial.STORE_TYPE);
        HttpClient https = HttpClient.newBuilder().sslContext(trustOnly.sslContext().orElseThrow()).build();
        URI subjects = URI.create(platform.registryUrl() + "/subjects");
        assertEquals(401, https.send(HttpRequest.newBuilder(subjects).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode(), "an anonymous request");
        String wrong = "Basic " + Base64.getEncoder().encodeToString((EmbeddedPlatform.CLIENT_USER + ":wrong")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(401, https.send(HttpRequest.newBuilder(subjects).header("Authorization", wrong).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode(), "a wrong password");

        Schema schema = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Probe\",\"namespace\":\"it\","
                + "\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}");
        SchemaRegistryException anonymous = assertThrows(SchemaRegistryException.class,
                () -> new RestSchemaRegistryClient(platform.registryUrl(), Duration.ofSeconds(10), trustOnly)
                        .register("secured-it-value", schema));
        assertTrue(anonymous.httpStatus() == 401 || anonymous.httpStatus() == 403, anonymous.getMessage());
        printed.add(anonymous.getMessage());
        ClusterAccess fromFile = access(platform.clientPropertiesFile());
        int id = fromFile.registry().register("secured-it-value", schema);
        assertEquals(schema, fromFile.registry().schemaById(id));
    }

    /** The access a command builds from the client properties file alone. */
    private static ClusterAccess access(Path clientFile) {
        ClientProperties client = ClientProperties.load(clientFile);
        return new ClusterAccess(client.bootstrapServers().orElseThrow(), client.registryUrl().orElseThrow(), client);
    }

    private void runThePipeline(Path dir, Path clientFile) throws Exception {
        Map<String, Object> worker = service(dir, clientFile, "worker");
        worker.put(WorkerSettings.PREFIX + ".group-id", "secured-it-worker");
        Map<String, Object> lid = service(dir, clientFile, "lid");
        lid.put(LidSettings.PREFIX + ".state-dir", dir.resolve("lid-state").toString());
        Map<String, Object> stats = service(dir, clientFile, "stats");
        stats.put(StatsSettings.PREFIX + ".state-dir", dir.resolve("stats-state").toString());
        stats.put(StatsSettings.PREFIX + ".emit-interval", "200ms");
        List<String> urls = new ArrayList<>();
        try (ApplicationContext workerService = ServiceContext.serve(WorkerService.ENVIRONMENT, worker);
                ApplicationContext lidService = ServiceContext.serve(LidService.ENVIRONMENT, lid);
                ApplicationContext statsService = ServiceContext.serve(StatsService.ENVIRONMENT, stats)) {
            for (ApplicationContext service : List.of(workerService, lidService, statsService)) {
                urls.add(service.getBean(EmbeddedServer.class).getURL().toString());
            }
            Run publish = Run.of("publish", "--kafka-config", clientFile.toString(), "--data-dir",
                    dir.resolve("publisher").toString(), "--model", "vlm", "--checkpoint", "c1", "--suite",
                    SmallMaxmSuite.write(dir, LANGUAGES), "--max-new-tokens", "6", "--inline-images-under", "1048576");
            printed.add(publish.out() + publish.err());
            assertEquals(0, publish.exitCode(), publish.err() + publish.out());

            String csv = awaitReport(urls.get(2));
            for (String language : LANGUAGES) {
                assertRow(csv, language);
            }
            for (String url : urls) {
                for (String path : List.of("/health", "/metrics", "/prometheus")) {
                    HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(url + path))
                            .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
                    assertEquals(200, answer.statusCode(), url + path + ": " + answer.body());
                    printed.add(answer.body());
                }
            }
        }
    }

    /** A service's settings: the client properties file, no address; its HTTP server on a free port. */
    private static Map<String, Object> service(Path dir, Path clientFile, String name) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ServiceContext.CLIENT_CONFIG, clientFile.toString());
        settings.put(ServiceContext.DATA_DIR_CONFIG, dir.resolve(name).toString());
        settings.put(ServiceContext.HTTP_PORT_CONFIG, -1);
        return settings;
    }

    /** Asks {@code ifl report} until every language's row has all three answers of its one pair counted. */
    private String awaitReport(String url) throws InterruptedException {
        long deadline = System.nanoTime() + ChildIfl.STARTUP.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            Run report = Run.of("report", "--url", url, "--model", "vlm", "--checkpoint", "c1", "--format", "csv");
            last = report.out() + report.err();
            if (report.exitCode() == 0 && LANGUAGES.stream().allMatch(l -> report.out().lines()
                    .anyMatch(row -> row.startsWith("maxm," + l + ",3,3,false,1,")))) {
                printed.add(last);
                return report.out();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the report did not fill within " + ChildIfl.STARTUP + "; last answer:\n" + last);
    }

    /**
     * The row of {@code language}: one pair, three answers of three; fidelities between 0 and 1, and the IFL
     * columns their differences (IFL = F_image - F_text, IFL+remedy = F_image+remedy - F_text, diff = their
     * difference); one pair gives no interval.
     */
    private static void assertRow(String csv, String language) {
        List<String> header = List.of(csv.lines().findFirst().orElseThrow().split(",", -1));
        String line = csv.lines().filter(l -> l.startsWith("maxm," + language + ",")).findFirst().orElseThrow();
        List<String> cells = List.of(line.split(",", -1));
        assertEquals(header.size(), cells.size(), line);
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            row.put(header.get(i), cells.get(i));
        }
        double text = Double.parseDouble(row.get("F_text"));
        double image = Double.parseDouble(row.get("F_image"));
        double remedy = Double.parseDouble(row.get("F_image+remedy"));
        for (double fidelity : new double[] {text, image, remedy}) {
            assertTrue(fidelity >= 0 && fidelity <= 1, line);
        }
        assertEquals(image - text, Double.parseDouble(row.get("IFL")), 1e-9, line);
        assertEquals(remedy - text, Double.parseDouble(row.get("IFL+remedy")), 1e-9, line);
        assertEquals((remedy - text) - (image - text), Double.parseDouble(row.get("diff")), 1e-9, line);
        assertEquals("1", row.get("pairs"), line);
    }

    private void restartsSecuredOnlyAndKeepsItsSecrets(Path dataDir, Path clientFile) throws Exception {
        byte[] secrets = Files.readAllBytes(dataDir.resolve(PlatformSecrets.FILE));
        byte[] trustStore = Files.readAllBytes(dataDir.resolve("tls").resolve(TlsMaterial.TRUST_STORE));
        IllegalStateException plaintext = assertThrows(IllegalStateException.class, () -> EmbeddedPlatform.start(
                new EmbeddedPlatform.Settings(dataDir, 0, 0, 0, false)));
        assertTrue(plaintext.getMessage().contains("holds a secured platform"), plaintext.getMessage());
        printed.add(plaintext.getMessage());

        try (EmbeddedPlatform again = EmbeddedPlatform.start(new EmbeddedPlatform.Settings(dataDir, 0, 0, 0,
                false).secured())) {
            assertArrayEquals(secrets, Files.readAllBytes(dataDir.resolve(PlatformSecrets.FILE)), "same passwords");
            assertArrayEquals(trustStore, Files.readAllBytes(dataDir.resolve("tls").resolve(TlsMaterial.TRUST_STORE)),
                    "same certificates");
            assertTrue(again.createdTopics().isEmpty(), "its topics were kept: " + again.createdTopics());
            ClusterAccess fromFile = access(clientFile);
            try (Admin admin = fromFile.admin()) {
                assertTrue(admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(Topics.QUERIES.name()));
            }
            assertFalse(fromFile.registry().subjects().isEmpty());
        }
    }

    /** The passwords the platform generated: its SCRAM users', and its key and trust stores'. */
    private static Map<String, String> secrets(Path dataDir) throws Exception {
        Map<String, String> secrets = new LinkedHashMap<>();
        Properties generated = new Properties();
        try (var in = Files.newBufferedReader(dataDir.resolve(PlatformSecrets.FILE))) {
            generated.load(in);
        }
        generated.stringPropertyNames().forEach(name -> secrets.put(name, generated.getProperty(name)));
        try (Stream<Path> files = Files.list(dataDir.resolve("tls"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".password")).toList()) {
                secrets.put(file.getFileName().toString(), Files.readString(file).strip());
            }
        }
        assertTrue(secrets.keySet().containsAll(List.of("kafka.admin.password", "kafka.client.password",
                TlsMaterial.KEY_STORE_PASSWORD_FILE, TlsMaterial.TRUST_STORE_PASSWORD_FILE)), secrets.keySet()
                .toString());
        return secrets;
    }

    private void noSecretAnywhere(Path dataDir) throws Exception {
        List<String> events = log.texts();
        assertTrue(events.stream().anyMatch(e -> e.contains("sasl.jaas.config = [hidden]")),
                "Kafka's client configurations were among the " + events.size() + " events checked");
        assertTrue(events.stream().anyMatch(e -> e.contains("ssl.truststore.password = [hidden]")));
        String consoleText = console.toString(StandardCharsets.UTF_8);
        String clientProperties = Files.readString(dataDir.resolve(EmbeddedPlatform.CLIENT_PROPERTIES_FILE));
        for (Map.Entry<String, String> secret : secrets(dataDir).entrySet()) {
            String value = secret.getValue();
            assertTrue(value.length() >= 16, secret.getKey() + " is a generated secret");
            for (String event : events) {
                assertFalse(event.contains(value), () -> secret.getKey() + " logged: " + event);
            }
            assertFalse(consoleText.contains(value), secret.getKey() + " printed on the console");
            for (String text : printed) {
                assertFalse(text.contains(value), () -> secret.getKey() + " printed or served: " + text);
            }
            assertFalse(clientProperties.contains(value), secret.getKey() + " written into client.properties");
        }
    }

    /** Writes to the console as before and keeps a copy. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public synchronized void write(int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws java.io.IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }

        @Override
        public void flush() throws java.io.IOException {
            first.flush();
        }
    }
}
