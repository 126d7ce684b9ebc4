package org.ifl.platform;

import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.ifl.platform.kafka.ClusterAccess;
import org.ifl.platform.kafka.TopicProvisioner;
import org.ifl.platform.registry.EmbeddedSchemaRegistry;
import org.ifl.platform.registry.KafkaSchemaJournal;
import org.ifl.schemas.topic.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The same scenarios as {@link PlatformIT} against Apache Kafka's own broker image, for hosts with Docker.
 * Skipped where there is no Docker engine; {@link PlatformIT} covers the same paths on the embedded broker.
 */
@Testcontainers(disabledWithoutDocker = true)
class PlatformTestcontainersIT {
    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.1");
    static EmbeddedSchemaRegistry registry;

    @BeforeAll
    static void start() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.getBootstrapServers()))) {
            new TopicProvisioner(admin, (short) 1).ensure(Topics.ALL);
        }
        registry = EmbeddedSchemaRegistry.start(KAFKA.getBootstrapServers(), KafkaSchemaJournal.DEFAULT_TOPIC,
                "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void everyContractRoundTrips() {
        PlatformScenarios.everyContractRoundTrips(KAFKA.getBootstrapServers(), registry.url());
    }

    @Test
    void corruptRecordIsDeadLetteredAndTheNextIsProcessed() {
        PlatformScenarios.corruptRecordIsDeadLetteredAndTheNextIsProcessed(
                ClusterAccess.plain(KAFKA.getBootstrapServers(), registry.url()));
    }
}
