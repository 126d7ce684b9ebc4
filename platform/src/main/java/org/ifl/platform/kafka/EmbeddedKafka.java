package org.ifl.platform.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.ifl.platform.tls.TlsMaterial;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker in KRaft mode (combined broker and controller), running inside this JVM.
 * Its log directory survives restarts: the storage is formatted once, on first start, with Kafka's own
 * storage tool (a secured broker's with its storage formatter, which also writes the admin user), and the
 * {@code server.properties} it was formatted with stays beside the data.
 *
 * <p>Started with a {@link SecureListener}, clients reach it over SASL_SSL only, logging in with SCRAM-SHA-512 as one of
 * the listener's users and trusting its certificate authority. The broker reaches itself (inter-broker requests such as
 * transaction markers) over that listener as the admin user; its controller listener is TLS with client certificates
 * required, which only the broker's own key has. It has no authorizer: every authenticated user may do everything.
 * The admin user is created when the storage is formatted, so its password stays that of the first start; client
 * users are created, or their passwords set, at every start. The {@code server.properties} of a secured broker leaves
 * its passwords out.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final String HOST = "127.0.0.1";
    private static final int SCRAM_ITERATIONS = 8192;

    private static final String SECURE_LISTENER = "SASL_SSL";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    /** The broker's settings whose values are secrets: left out of the server.properties written beside the data. */
    private static final String SECRET_SETTINGS = ".*(password|jaas\\.config)$";

    private final Path dataDir;
    private final int brokerPort;
    private final KafkaRaftServer server;
    private boolean closed;

    private EmbeddedKafka(Path dataDir, int brokerPort, KafkaRaftServer server) {
        this.dataDir = dataDir;
        this.brokerPort = brokerPort;
        this.server = server;
    }

    /**
     * Starts a broker whose state lives under {@code dataDir}, listening on {@code brokerPort} and
     * {@code controllerPort} of 127.0.0.1 (0 picks free ports), and waits until it answers.
     */
    public static EmbeddedKafka start(Path dataDir, int brokerPort, int controllerPort, Duration readyTimeout) {
        return start(dataDir, brokerPort, controllerPort, readyTimeout, Map.of());
    }

    /** As {@link #start(Path, int, int, Duration)}, with broker settings of its own (a test's short retention check). */
    public static EmbeddedKafka start(Path dataDir, int brokerPort, int controllerPort, Duration readyTimeout,
            Map<String, String> brokerSettings) {
        return start(dataDir, brokerPort, controllerPort, readyTimeout, brokerSettings, null);
    }

    /**
     * As {@link #start(Path, int, int, Duration)}, its client listener on {@code brokerPort} secured as {@code secure}
     * says: SASL_SSL, SCRAM-SHA-512. Returns once the admin user is answered and every client user exists.
     */
    public static EmbeddedKafka start(Path dataDir, int brokerPort, int controllerPort, Duration readyTimeout,
            SecureListener secure) {
        if (secure == null) {
            throw new IllegalArgumentException("a secured start needs its SecureListener");
        }
        // The broker reaches its own listener at this address, verifying the certificate as any client does.
        secure.tls().requireNames(List.of(HOST));
        return start(dataDir, brokerPort, controllerPort, readyTimeout, Map.of(), secure);
    }

    /** Starts a plaintext broker when {@code secure} is null, with {@code brokerSettings} of its own. */
    public static EmbeddedKafka start(Path dataDir, int brokerPort, int controllerPort, Duration readyTimeout,
            Map<String, String> brokerSettings, SecureListener secure) {
        try {
            Files.createDirectories(dataDir);
            int broker = brokerPort == 0 ? freePort() : brokerPort;
            int controller = controllerPort == 0 ? freePort() : controllerPort;
            Properties config = brokerConfig(dataDir, broker, controller);
            if (secure != null) {
                config.putAll(secureConfig(broker, controller, secure));
            }
            config.putAll(brokerSettings);
            Properties withoutSecrets = new Properties();
            config.stringPropertyNames().stream().filter(key -> !key.matches(SECRET_SETTINGS))
                    .forEach(key -> withoutSecrets.setProperty(key, config.getProperty(key)));
            Path configFile = dataDir.resolve("server.properties");
            try (Writer out = Files.newBufferedWriter(configFile, StandardCharsets.UTF_8)) {
                withoutSecrets.store(out, "written by the ifl embedded platform; regenerated at every start; "
                        + "passwords left out");
            }
            if (secure == null) {
                formatOnce(dataDir, configFile);
            } else {
                formatOnce(dataDir, secure.admin());
            }
            EmbeddedKafka kafka = new EmbeddedKafka(dataDir, broker, startServer(new KafkaConfig(config, false)));
            if (secure == null) {
                kafka.awaitReady(readyTimeout, Map.of());
                LOG.info("Kafka broker (KRaft) ready at {} with data in {}", kafka.bootstrapServers(), dataDir);
            } else {
                Map<String, Object> admin = new HashMap<>(secure.clientProperties(secure.admin()));
                kafka.awaitReady(readyTimeout, admin);
                kafka.upsert(secure.clients(), admin, readyTimeout);
                LOG.info("Kafka broker (KRaft) ready at {} ({} {}, users {}) with data in {}", kafka.bootstrapServers(),
                        SecureListener.SECURITY_PROTOCOL, SecureListener.SASL_MECHANISM,
                        secure.clients().stream().map(ScramUser::name).toList(), dataDir);
            }
            return kafka;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the embedded Kafka broker in " + dataDir + ": " + e, e);
        }
    }

    private static Properties brokerConfig(Path dataDir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@" + HOST + ":" + controllerPort),
                Map.entry("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":"
                        + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("log.dirs", dataDir.resolve("log").toAbsolutePath().toString()),
                // One node: every internal topic must have replication factor 1.
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "6"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("transaction.state.log.num.partitions", "6"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                // Topics come from the topic registry with their own partitions and configs.
                Map.entry("auto.create.topics.enable", "false"),
                Map.entry("num.partitions", "1"),
                Map.entry("log.segment.bytes", Integer.toString(64 * 1024 * 1024))));
        return p;
    }

    private static Map<String, String> secureConfig(int brokerPort, int controllerPort, SecureListener secure) {
        TlsMaterial tls = secure.tls();
        String controllerPrefix = "listener.name." + CONTROLLER_LISTENER.toLowerCase(Locale.ROOT) + ".";
        Map<String, String> p = new HashMap<>();
        p.put("listeners", SECURE_LISTENER + "://" + HOST + ":" + brokerPort + "," + CONTROLLER_LISTENER + "://" + HOST
                + ":" + controllerPort);
        p.put("advertised.listeners", SECURE_LISTENER + "://" + HOST + ":" + brokerPort);
        p.put("listener.security.protocol.map", SECURE_LISTENER + ":SASL_SSL," + CONTROLLER_LISTENER + ":SSL");
        p.put("inter.broker.listener.name", SECURE_LISTENER);
        p.put("sasl.enabled.mechanisms", SecureListener.SASL_MECHANISM);
        p.put("sasl.mechanism.inter.broker.protocol", SecureListener.SASL_MECHANISM);
        p.put("listener.name." + SECURE_LISTENER.toLowerCase(Locale.ROOT) + "."
                + SecureListener.SASL_MECHANISM.toLowerCase(Locale.ROOT) + ".sasl.jaas.config", secure.admin().jaasConfig());
        // The broker's key and the authority it trusts, for its listeners and for its own connections to them.
        p.put("ssl.keystore.location", tls.keyStore().toString());
        p.put("ssl.keystore.password", tls.keyStorePassword());
        p.put("ssl.key.password", tls.keyStorePassword());
        p.put("ssl.keystore.type", TlsMaterial.STORE_TYPE);
        p.put("ssl.truststore.location", tls.trustStore().toString());
        p.put("ssl.truststore.password", tls.trustStorePassword());
        p.put("ssl.truststore.type", TlsMaterial.STORE_TYPE);
        // Only a holder of a key the broker's authority signed (the broker itself) may speak to the controller.
        p.put(controllerPrefix + "ssl.client.auth", "required");
        return p;
    }

    /** Starts the server, or stops what it started when it fails (its threads would keep the JVM up). */
    private static KafkaRaftServer startServer(KafkaConfig config) {
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            server.startup();
            return server;
        } catch (RuntimeException e) {
            server.shutdown();
            throw e;
        }
    }

    /** Formats the storage with the admin user's SCRAM credentials; nothing is printed (the output holds their keys). */
    private static void formatOnce(Path dataDir, ScramUser admin) {
        if (Files.exists(dataDir.resolve("log").resolve("meta.properties"))) {
            return;
        }
        String logDir = dataDir.resolve("log").toAbsolutePath().toString();
        try {
            new Formatter().setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(1).setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(logDir).addDirectory(logDir)
                    .setScramArguments(List.of(SecureListener.SASL_MECHANISM + "=[name=" + admin.name() + ",password="
                            + admin.password() + "]"))
                    .run();
        } catch (Exception e) {
            // Its message may quote the SCRAM argument: the password is masked, and the exception not chained.
            throw new IllegalStateException("formatting Kafka storage in " + dataDir + " with SCRAM user "
                    + admin.name() + " failed: " + e.getClass().getSimpleName() + ": "
                    + String.valueOf(e.getMessage()).replace(admin.password(), "<password>"));
        }
    }

    /** Creates each user, or sets its password: at every start, so users and passwords given later take effect. */
    private void upsert(List<ScramUser> users, Map<String, Object> adminSettings, Duration timeout) {
        if (users.isEmpty()) {
            return;
        }
        List<UserScramCredentialAlteration> alterations = new ArrayList<>();
        for (ScramUser user : users) {
            alterations.add(new UserScramCredentialUpsertion(user.name(),
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS), user.password()));
        }
        Map<String, Object> settings = new HashMap<>(adminSettings);
        settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (Admin admin = Admin.create(settings)) {
            admin.alterUserScramCredentials(alterations).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            close();
            throw new IllegalStateException("cannot create the SCRAM users of the embedded Kafka broker at "
                    + bootstrapServers() + ": " + e, e);
        }
    }

    private static void formatOnce(Path dataDir, Path configFile) {
        if (Files.exists(dataDir.resolve("log").resolve("meta.properties"))) {
            return;
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int status;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            status = StorageTool.execute(new String[] {"format", "--cluster-id", Uuid.randomUuid().toString(),
                    "--config", configFile.toString(), "--ignore-formatted"}, out);
        }
        if (status != 0) {
            throw new IllegalStateException("formatting Kafka storage in " + dataDir + " failed ("
                    + status + "): " + output.toString(StandardCharsets.UTF_8));
        }
    }

    private void awaitReady(Duration timeout, Map<String, Object> clientSettings) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        Map<String, Object> settings = new HashMap<>(clientSettings);
        settings.putAll(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 4000));
        try (Admin admin = Admin.create(settings)) {
            while (System.nanoTime() < deadline) {
                try {
                    if (!admin.describeCluster().nodes().get(4, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof SaslAuthenticationException) {
                        close();
                        throw new IllegalStateException("the embedded Kafka broker at " + bootstrapServers()
                                + " refuses its admin user: its password must stay the one " + dataDir
                                + " was first started with", e.getCause());
                    }
                    last = e;
                } catch (Exception e) {
                    last = e;
                }
                sleep(100);
            }
        }
        close();
        throw new IllegalStateException("embedded Kafka broker did not become ready within " + timeout, last);
    }

    public String bootstrapServers() {
        return HOST + ":" + brokerPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        server.awaitShutdown();
        LOG.info("Kafka broker at {} stopped", bootstrapServers());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the embedded Kafka broker", e);
        }
    }
}
