package org.ifl.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.ifl.platform.kafka.ClientProperties;
import org.ifl.platform.kafka.ClusterAccess;
import org.ifl.platform.kafka.EmbeddedKafka;
import org.ifl.platform.kafka.ScramUser;
import org.ifl.platform.kafka.SecureListener;
import org.ifl.platform.kafka.TopicProvisioner;
import org.ifl.platform.registry.EmbeddedSchemaRegistry;
import org.ifl.platform.registry.KafkaSchemaJournal;
import org.ifl.platform.registry.RegistryGuard;
import org.ifl.platform.tls.TlsMaterial;
import org.ifl.schemas.registry.RegistryAccess;
import org.ifl.schemas.topic.Topics;

/**
 * The embedded default: a real Kafka broker (KRaft) and a schema registry in this process, with every topic
 * of the registry created and every contract's schema registered. It writes where it listens to
 * {@code endpoints.properties} in its data directory, so other commands on the same machine find it, and how to reach
 * it to {@code client.properties} (the {@code --kafka-config} file of every command). Only clients with the
 * platform's credentials (in that file) may register new schemas or change the registry's settings.
 */
public final class EmbeddedPlatform implements AutoCloseable {
    public static final String ENDPOINTS_FILE = "endpoints.properties";
    /** The client properties file the platform writes for the commands that connect to it. */
    public static final String CLIENT_PROPERTIES_FILE = "client.properties";
    /**
     * Whether the data directory's platform runs secured: its broker's storage holds the SCRAM users and its
     * client.properties the secured settings, so a start in the other mode is refused (see {@link #checkMode}).
     */
    public static final String MODE_FILE = "platform.mode";
    private static final String SECURED = "secured";
    private static final String PLAINTEXT = "plaintext";
    private static final String CLIENT_CONFIG_KEY = "client.config.file";
    private static final String REGISTRY_TOKEN = "registry.token";

    private static final String KAFKA_ADMIN_PASSWORD = "kafka.admin.password";
    private static final String KAFKA_CLIENT_PASSWORD = "kafka.client.password";
    private static final String KAFKA_ADMIN = "ifl-admin";
    /** The user the platform's clients log in as, to the broker and to the registry, when it is secured. */
    public static final String CLIENT_USER = "ifl";

    /**
     * Ports of 0 pick free ones; {@code fresh} wipes the data directory first; {@code secure}: the broker listens
     * with SASL_SSL (SCRAM-SHA-512) and the registry with HTTPS and basic authentication, certificates and
     * passwords generated in the data directory and kept across restarts.
     */
    public record Settings(Path dataDir, int brokerPort, int controllerPort, int registryPort, boolean fresh,
            boolean secure) {
        public Settings(Path dataDir, int brokerPort, int controllerPort, int registryPort, boolean fresh) {
            this(dataDir, brokerPort, controllerPort, registryPort, fresh, false);
        }

        public static Settings ephemeral(Path dataDir) {
            return new Settings(dataDir, 0, 0, 0, false);
        }

        /** These settings, secured. */
        public Settings secured() {
            return new Settings(dataDir, brokerPort, controllerPort, registryPort, fresh, true);
        }
    }

    /**
     * Where a running platform listens.
     *
     * @param clientConfigFile the client properties file its clients use, or null (a platform of an older version)
     */
    public record Endpoints(String bootstrapServers, String registryUrl, String clientConfigFile) {
    }

    private final Path dataDir;
    private final DataDirLock lock;
    private final EmbeddedKafka kafka;
    private final EmbeddedSchemaRegistry registry;
    private final List<String> createdTopics;
    private final ClusterAccess access;

    private EmbeddedPlatform(Path dataDir, DataDirLock lock, EmbeddedKafka kafka, EmbeddedSchemaRegistry registry,
            List<String> createdTopics, ClusterAccess access) {
        this.dataDir = dataDir;
        this.lock = lock;
        this.kafka = kafka;
        this.registry = registry;
        this.createdTopics = createdTopics;
        this.access = access;
    }

    public static EmbeddedPlatform start(Settings settings) {
        return start(settings, Map.of());
    }

    /** As {@link #start(Settings)}, with broker settings of its own (a test's short retention check). */
    public static EmbeddedPlatform start(Settings settings, Map<String, String> brokerSettings) {
        DataDirLock lock = DataDirLock.acquire(settings.dataDir());
        EmbeddedKafka kafka = null;
        EmbeddedSchemaRegistry registry = null;
        try {
            if (settings.fresh()) {
                wipeAllBut(settings.dataDir(), settings.dataDir().resolve(DataDirLock.FILE));
            }
            checkMode(settings.dataDir(), settings.secure());
            PlatformSecrets secrets = PlatformSecrets.of(settings.dataDir());
            // What the platform's own clients use (secrets as values), and what it writes for other commands
            // (secrets as references to the files that hold them).
            Map<String, String> clientSettings = new LinkedHashMap<>();
            Map<String, String> clientFile = new LinkedHashMap<>();
            EmbeddedSchemaRegistry.Listener registryListener;
            RegistryGuard guard;
            if (settings.secure()) {
                TlsMaterial tls = TlsMaterial.inDirectory(settings.dataDir().resolve("tls"));
                ScramUser client = new ScramUser(CLIENT_USER, secrets.get(KAFKA_CLIENT_PASSWORD));
                SecureListener listener = new SecureListener(new ScramUser(KAFKA_ADMIN,
                        secrets.get(KAFKA_ADMIN_PASSWORD)), List.of(client), tls);
                kafka = EmbeddedKafka.start(settings.dataDir().resolve("kafka"), settings.brokerPort(),
                        settings.controllerPort(), Duration.ofSeconds(60), brokerSettings, listener);
                clientSettings.putAll(listener.clientProperties(client));
                clientSettings.putAll(RegistryAccess.basic(CLIENT_USER, client.password())
                        .trusting(tls.trustStore(), tls.trustStorePassword(), TlsMaterial.STORE_TYPE).toProperties());
                String trustPassword = "${dir:" + tls.directory().toAbsolutePath() + ":"
                        + TlsMaterial.TRUST_STORE_PASSWORD_FILE + "}";
                clientFile.putAll(listener.clientProperties(CLIENT_USER, secrets.reference(KAFKA_CLIENT_PASSWORD),
                        trustPassword));
                clientFile.putAll(RegistryAccess.basic(CLIENT_USER, secrets.reference(KAFKA_CLIENT_PASSWORD))
                        .trusting(tls.trustStore(), trustPassword, TlsMaterial.STORE_TYPE).toProperties());
                registryListener = new EmbeddedSchemaRegistry.Listener("127.0.0.1", settings.registryPort(),
                        tls.serverContext());
                guard = RegistryGuard.basicAuth(CLIENT_USER, client.password());
            } else {
                kafka = EmbeddedKafka.start(settings.dataDir().resolve("kafka"), settings.brokerPort(),
                        settings.controllerPort(), Duration.ofSeconds(60), brokerSettings);
                String token = secrets.get(REGISTRY_TOKEN);
                clientSettings.putAll(RegistryAccess.bearer(token).toProperties());
                clientFile.putAll(RegistryAccess.bearer(secrets.reference(REGISTRY_TOKEN)).toProperties());
                registryListener = EmbeddedSchemaRegistry.Listener.http("127.0.0.1", settings.registryPort());
                guard = RegistryGuard.writeToken(token);
            }
            ClientProperties client = ClientProperties.of(clientSettings);
            registry = EmbeddedSchemaRegistry.start(new ClusterAccess(kafka.bootstrapServers(), null, client)
                    .kafkaConfig(), KafkaSchemaJournal.DEFAULT_TOPIC, registryListener, guard);
            ClusterAccess access = new ClusterAccess(kafka.bootstrapServers(), registry.url(), client);
            List<String> created;
            try (Admin admin = access.admin()) {
                created = new TopicProvisioner(admin, (short) 1).ensure(Topics.ALL);
            }
            Topics.registerAll(access.registry());
            EmbeddedPlatform platform = new EmbeddedPlatform(settings.dataDir(), lock, kafka, registry, created,
                    access);
            platform.writeClientProperties(clientFile);
            platform.writeEndpoints();
            return platform;
        } catch (RuntimeException e) {
            if (registry != null) {
                registry.close();
            }
            if (kafka != null) {
                kafka.close();
            }
            lock.close();
            throw e;
        }
    }

    /**
     * Refuses to start a data directory in the other mode than it was last started in: a plaintext start on a
     * secured directory would leave its client.properties and users stale, a secured start on a plaintext one
     * would lock out the clients set up for it. A directory of a version that did not record the mode counts as
     * secured when it holds certificates. Records the mode of a directory started the first time.
     */
    static void checkMode(Path dataDir, boolean secure) {
        Path file = dataDir.resolve(MODE_FILE);
        String wanted = secure ? SECURED : PLAINTEXT;
        String recorded;
        try {
            if (Files.exists(file)) {
                recorded = Files.readString(file, java.nio.charset.StandardCharsets.UTF_8).strip();
            } else if (Files.isDirectory(dataDir.resolve("kafka"))) {
                recorded = Files.isDirectory(dataDir.resolve("tls")) ? SECURED : PLAINTEXT;
            } else {
                recorded = wanted;
            }
            if (recorded.equals(wanted)) {
                if (!Files.exists(file)) {
                    Files.createDirectories(dataDir);
                    Files.writeString(file, wanted + "\n", java.nio.charset.StandardCharsets.UTF_8);
                }
                return;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        }
        if (!recorded.equals(SECURED) && !recorded.equals(PLAINTEXT)) {
            throw new IllegalStateException(file + " says '" + recorded + "', neither " + SECURED + " nor "
                    + PLAINTEXT + "; start with --fresh to wipe the data directory");
        }
        throw new IllegalStateException("the data directory " + dataDir.toAbsolutePath() + " holds a " + recorded
                + " platform (" + file.getFileName() + "), which cannot start " + wanted + ": its broker's users and"
                + " client.properties are those of a " + recorded + " platform; start it "
                + (recorded.equals(SECURED) ? "secured again (ifl up --secure)" : "without --secure")
                + ", wipe it with --fresh, or use another --data-dir");
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String registryUrl() {
        return registry.url();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The platform's addresses with its own clients' credentials: these may register schemas. */
    public ClusterAccess clusterAccess() {
        return access;
    }

    /** The client properties file this platform wrote for the commands that connect to it. */
    public Path clientPropertiesFile() {
        return dataDir.resolve(CLIENT_PROPERTIES_FILE).toAbsolutePath();
    }

    /** Topics this start created (empty when the data directory already had them). */
    public List<String> createdTopics() {
        return createdTopics;
    }

    /** The endpoints a platform running with {@code dataDir} wrote, if one is running. */
    public static Optional<Endpoints> readEndpoints(Path dataDir) {
        return AddressFile.read(dataDir.resolve(ENDPOINTS_FILE)).map(p -> new Endpoints(
                p.getProperty("bootstrap.servers"), p.getProperty("schema.registry.url"),
                p.getProperty(CLIENT_CONFIG_KEY)));
    }

    /**
     * Writes {@link #clientPropertiesFile()}: the addresses and {@code clientSettings}, whose secrets are references
     * to {@link PlatformSecrets}' file, never the values.
     */
    private void writeClientProperties(Map<String, String> clientSettings) {
        Properties p = new Properties();
        p.setProperty(ClientProperties.BOOTSTRAP_SERVERS, bootstrapServers());
        p.setProperty(ClientProperties.REGISTRY_URL, registryUrl());
        clientSettings.forEach(p::setProperty);
        try {
            AddressFile.write(clientPropertiesFile(), p, "how clients reach the embedded platform: give this file to"
                    + " any ifl command with --kafka-config (those that find the platform by --data-dir use it)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + clientPropertiesFile(), e);
        }
    }

    private void writeEndpoints() {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", bootstrapServers());
        p.setProperty("schema.registry.url", registryUrl());
        p.setProperty(CLIENT_CONFIG_KEY, clientPropertiesFile().toString());
        try {
            AddressFile.write(dataDir.resolve(ENDPOINTS_FILE), p,
                    "where the running embedded platform listens; removed when it stops");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dataDir.resolve(ENDPOINTS_FILE), e);
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(dataDir.resolve(ENDPOINTS_FILE));
        } catch (IOException e) {
            // the file only tells other commands where to connect; a stale one is detected when they fail to
        }
        registry.close();
        kafka.close();
        lock.close();
    }

    /** Deletes everything under {@code dir} except {@code keep}. */
    static void wipeAllBut(Path dir, Path keep) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (!file.equals(keep)) {
                        Files.delete(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    if (!d.equals(dir)) {
                        Files.delete(d);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot wipe " + dir, e);
        }
    }
}
