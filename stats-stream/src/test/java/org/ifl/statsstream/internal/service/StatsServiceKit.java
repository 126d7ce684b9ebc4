package org.ifl.statsstream.internal.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ifl.platform.EmbeddedPlatform;
import org.ifl.platform.service.ServiceContext;
import org.ifl.platform.testkit.HttpAccessChecks;
import org.ifl.schemas.avro.LabeledCompletion;
import org.ifl.schemas.topic.RecordKey;
import org.ifl.schemas.topic.Topic;
import org.ifl.statsstream.StatsService;

/** The stats-stream service of the ITs of this package: started against an embedded platform, fed and asked. */
final class StatsServiceKit {
    /** The time of every record produced, and of the answers they carry. */
    static final Instant AT = Instant.parse("2026-11-23T10:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private StatsServiceKit() {
    }

    /** An API answer without its {@code updatedAt} times, which differ between instances and restarts. */
    static JsonNode withoutTimes(JsonNode node) {
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("updatedAt");
        }
        node.forEach(StatsServiceKit::strip);
    }

    static ApplicationContext start(EmbeddedPlatform platform, Path state, String applicationId) {
        return start(platform, state, applicationId, Map.of());
    }

    /** The service with its state in {@code state}, publishing every 200 ms, with {@code settings} besides. */
    static ApplicationContext start(EmbeddedPlatform platform, Path state, String applicationId,
            Map<String, Object> settings) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ServiceContext.KAFKA_CONFIG, platform.bootstrapServers());
        properties.put(ServiceContext.REGISTRY_CONFIG, platform.registryUrl());
        properties.put(ServiceContext.HTTP_PORT_CONFIG, -1);
        properties.put("ifl.stats.state-dir", state.toString());
        properties.put("ifl.stats.application-id", applicationId);
        properties.put("ifl.stats.emit-interval", "200ms");
        properties.put(ServiceContext.DATA_DIR_CONFIG, state.getParent().toString());
        properties.putAll(settings);
        return ServiceContext.serve(StatsService.ENVIRONMENT, HttpAccessChecks.withAdminToken(properties));
    }

    static void produce(EmbeddedPlatform platform, Topic<String, LabeledCompletion> topic,
            List<LabeledCompletion> records) {
        produce(platform, topic, records, r -> RecordKey.cell(r.getCompletion().getPair()));
    }

    static <V extends SpecificRecord> void produce(EmbeddedPlatform platform, Topic<String, V> topic,
            List<V> records, Function<V, String> key) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                // One request in flight: right after the topics are created, a first batch can fail retriably
                // while a later one lands, and its retry is then refused for good as out of sequence (seen here).
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1), new StringSerializer(),
                new ByteArraySerializer())) {
            for (V r : records) {
                producer.send(new ProducerRecord<>(topic.name(), null, AT.toEpochMilli(), key.apply(r),
                        topic.valueSerde().serializer().serialize(topic.name(), r)));
            }
        }
    }

    static JsonNode get(ApplicationContext app, String path) throws Exception {
        return JSON.readTree(getText(app, path));
    }

    static String getText(ApplicationContext app, String path) throws Exception {
        HttpResponse<String> response = send(app, path);
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return response.body();
    }

    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][\\w:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\d+)?");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    /** What {@code app} serves on /prometheus: metric name -> labels (sorted) -> value. */
    static Map<String, Map<Map<String, String>, Double>> prometheus(ApplicationContext app) throws Exception {
        Map<String, Map<Map<String, String>, Double>> out = new TreeMap<>();
        for (String line : getText(app, "/prometheus").split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            assertTrue(sample.matches(), "not a sample line: " + line);
            Map<String, String> labels = new TreeMap<>();
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            String value = sample.group(3);
            out.computeIfAbsent(sample.group(1), n -> new LinkedHashMap<>()).put(labels, switch (value) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(value);
            });
        }
        return out;
    }

    static HttpResponse<String> send(ApplicationContext app, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(app.getBean(EmbeddedServer.class).getURL() + path))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
