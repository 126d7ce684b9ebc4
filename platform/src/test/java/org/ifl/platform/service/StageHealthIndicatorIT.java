package org.ifl.platform.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.ifl.platform.EmbeddedPlatform;
import org.ifl.platform.kafka.EmbeddedKafka;
import org.ifl.platform.kafka.TopicProvisioner;
import org.ifl.platform.registry.EmbeddedSchemaRegistry;
import org.ifl.platform.registry.KafkaSchemaJournal;
import org.ifl.platform.testkit.Await;
import org.ifl.platform.testkit.HttpAccessChecks;
import org.ifl.schemas.topic.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one health indicator of every service, on a running Streams stage ({@link CountingStage}) against a real
 * broker and registry: UP while all three work, DOWN as soon as the registry or the broker does not answer.
 */
class StageHealthIndicatorIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void upWhileTheStageRunsAndItsBrokerAndRegistryAnswer() throws Exception {
        try (EmbeddedPlatform platform = EmbeddedPlatform.start(EmbeddedPlatform.Settings.ephemeral(dir.resolve("p")));
                ApplicationContext service = serve(platform.bootstrapServers(), platform.registryUrl())) {
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers()),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                for (int i = 0; i < 3; i++) {
                    producer.send(new ProducerRecord<>(Topics.QUERIES.name(), new byte[] {(byte) i})).get();
                }
            }
            CountingStage stage = service.getBean(CountingStage.class);
            AtomicReference<JsonNode> last = new AtomicReference<>();
            // A rebalance (UP as well: the stage is healthy while it runs one) may follow the first assignment.
            Await.until("UP, RUNNING, the 3 records counted and no lag", () -> {
                JsonNode entry = stageEntry(service, last);
                return entry.path("status").asText().equals("UP") && stage.counted() == 3
                        && entry.path("details").path("streams").asText().equals("RUNNING")
                        && entry.path("details").path("lag").isIntegralNumber()
                        && entry.path("details").path("lag").asLong() == 0;
            });
            JsonNode details = last.get().path("details");
            assertEquals("RUNNING", details.path("streams").asText(), details.toString());
            assertEquals(0, details.path("replacements").asInt(), details.toString());
            assertEquals(platform.bootstrapServers(), details.path("broker").path("bootstrapServers").asText());
            assertEquals(1, details.path("broker").path("nodes").asInt(), details.toString());
            assertFalse(details.path("broker").path("clusterId").asText().isBlank(), details.toString());
            assertEquals(platform.registryUrl(), details.path("registry").path("url").asText());
            assertTrue(details.path("registry").path("error").isMissingNode(), details.toString());
        }
    }

    @Test
    void downWhileTheRegistryDoesNotAnswer() throws Exception {
        String nowhere = "http://127.0.0.1:" + freePort();
        try (EmbeddedPlatform platform = EmbeddedPlatform.start(EmbeddedPlatform.Settings.ephemeral(dir.resolve("p")));
                ApplicationContext service = serve(platform.bootstrapServers(), nowhere)) {
            AtomicReference<JsonNode> last = new AtomicReference<>();
            Await.until("the stream running, the health DOWN", () -> {
                JsonNode entry = stageEntry(service, last);
                return entry.path("details").path("streams").asText().equals("RUNNING");
            });
            JsonNode entry = last.get();
            assertEquals("DOWN", entry.path("status").asText(), entry.toString());
            assertEquals(nowhere, entry.path("details").path("registry").path("url").asText(), entry.toString());
            assertFalse(entry.path("details").path("registry").path("error").asText().isBlank(), entry.toString());
            assertTrue(entry.path("details").path("broker").path("error").isMissingNode(), entry.toString());
            assertEquals(503, get(service).statusCode(), "the service as a whole is DOWN");
        }
    }

    @Test
    void downOnceTheBrokerStops() throws Exception {
        EmbeddedKafka broker = EmbeddedKafka.start(dir.resolve("kafka"), 0, 0, Duration.ofSeconds(60));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            new TopicProvisioner(admin, (short) 1).ensure(Topics.ALL);
        }
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(),
                KafkaSchemaJournal.DEFAULT_TOPIC, "127.0.0.1", 0);
                ApplicationContext service = serve(broker.bootstrapServers(), registry.url())) {
            AtomicReference<JsonNode> last = new AtomicReference<>();
            Await.until("UP", () -> stageEntry(service, last).path("status").asText().equals("UP"));

            broker.close();
            Await.until("DOWN once the broker stopped", () -> stageEntry(service, last).path("status").asText()
                    .equals("DOWN"));
            JsonNode details = last.get().path("details");
            assertFalse(details.path("broker").path("error").asText().isBlank(), details.toString());
            assertTrue(details.path("registry").path("error").isMissingNode(), "the registry still answers: "
                    + details);
        } finally {
            broker.close();
        }
    }

    private ApplicationContext serve(String bootstrapServers, String registryUrl) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ServiceContext.KAFKA_CONFIG, bootstrapServers);
        settings.put(ServiceContext.REGISTRY_CONFIG, registryUrl);
        settings.put(ServiceContext.HTTP_PORT_CONFIG, -1);
        settings.put(CountingStage.STATE_DIR_CONFIG, dir.resolve("state").toString());
        settings.put("ifl.health.cache", "200ms");
        return ServiceContext.serve(CountingStage.ENVIRONMENT, HttpAccessChecks.withAdminToken(settings));
    }

    /** The stage's entry of /health, kept in {@code last} for the assertions after a wait. */
    private static JsonNode stageEntry(ApplicationContext service, AtomicReference<JsonNode> last) {
        try {
            JsonNode entry = JSON.readTree(get(service).body()).path("details").path(CountingStage.ENVIRONMENT);
            last.set(entry);
            return entry;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** /health with its details, as the operator sees it. */
    private static HttpResponse<String> get(ApplicationContext service) throws Exception {
        return HttpAccessChecks.send(service.getBean(EmbeddedServer.class).getURI(), "GET", "/health", "",
                HttpAccessChecks.ADMIN_TOKEN);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
