package org.ifl.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.ifl.platform.kafka.EmbeddedKafka;
import org.ifl.platform.kafka.TopicProvisioner;
import org.ifl.platform.registry.EmbeddedSchemaRegistry;
import org.ifl.platform.registry.KafkaSchemaJournal;
import org.ifl.schemas.topic.Topics;

/**
 * The embedded default: a real Kafka broker (KRaft) and a schema registry in this process, with every topic
 * of the registry created. It writes where it listens to {@code endpoints.properties} in its data directory,
 * so other commands on the same machine find it.
 */
public final class EmbeddedPlatform implements AutoCloseable {
    public static final String ENDPOINTS_FILE = "endpoints.properties";

    /** Ports of 0 pick free ones; {@code fresh} wipes the data directory first. */
    public record Settings(Path dataDir, int brokerPort, int controllerPort, int registryPort, boolean fresh) {
        public static Settings ephemeral(Path dataDir) {
            return new Settings(dataDir, 0, 0, 0, false);
        }
    }

    /** Where a running platform listens. */
    public record Endpoints(String bootstrapServers, String registryUrl) {
    }

    private final Path dataDir;
    private final DataDirLock lock;
    private final EmbeddedKafka kafka;
    private final EmbeddedSchemaRegistry registry;
    private final List<String> createdTopics;

    private EmbeddedPlatform(Path dataDir, DataDirLock lock, EmbeddedKafka kafka, EmbeddedSchemaRegistry registry,
            List<String> createdTopics) {
        this.dataDir = dataDir;
        this.lock = lock;
        this.kafka = kafka;
        this.registry = registry;
        this.createdTopics = createdTopics;
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
            kafka = EmbeddedKafka.start(settings.dataDir().resolve("kafka"), settings.brokerPort(),
                    settings.controllerPort(), Duration.ofSeconds(60), brokerSettings);
            registry = EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), KafkaSchemaJournal.DEFAULT_TOPIC,
                    "127.0.0.1", settings.registryPort());
            List<String> created;
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    kafka.bootstrapServers()))) {
                created = new TopicProvisioner(admin, (short) 1).ensure(Topics.ALL);
            }
            EmbeddedPlatform platform = new EmbeddedPlatform(settings.dataDir(), lock, kafka, registry, created);
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

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String registryUrl() {
        return registry.url();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Topics this start created (empty when the data directory already had them). */
    public List<String> createdTopics() {
        return createdTopics;
    }

    /** The endpoints a platform running with {@code dataDir} wrote, if one is running. */
    public static Optional<Endpoints> readEndpoints(Path dataDir) {
        return AddressFile.read(dataDir.resolve(ENDPOINTS_FILE)).map(p -> new Endpoints(
                p.getProperty("bootstrap.servers"), p.getProperty("schema.registry.url")));
    }

    private void writeEndpoints() {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", bootstrapServers());
        p.setProperty("schema.registry.url", registryUrl());
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
