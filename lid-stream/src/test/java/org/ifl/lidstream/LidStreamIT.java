package org.ifl.lidstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ifl.platform.EmbeddedPlatform;
import org.ifl.platform.service.ServiceContext;
import org.ifl.platform.testkit.HttpAccessChecks;
import org.ifl.platform.testkit.CommittedRecords;
import org.ifl.schemas.avro.Completion;
import org.ifl.schemas.avro.DeadLetter;
import org.ifl.schemas.avro.LabeledCompletion;
import org.ifl.schemas.serde.RegistryAvroSerdes;
import org.ifl.schemas.topic.RecordKey;
import org.ifl.schemas.topic.Topic;
import org.ifl.schemas.topic.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lid-stream service as it runs: Micronaut, a real embedded broker and registry, exactly-once v2. */
class LidStreamIT {

    @TempDir
    Path dataDir;

    @Test
    void labelsEveryPaperLanguageAndDeadLettersWhatItCannotScoreWhileTheRestFlows() throws Exception {
        try (EmbeddedPlatform platform = EmbeddedPlatform.start(EmbeddedPlatform.Settings.ephemeral(dataDir))) {
            Map<String, Object> properties = new HashMap<>();
            properties.put(ServiceContext.KAFKA_CONFIG, platform.bootstrapServers());
            properties.put(ServiceContext.REGISTRY_CONFIG, platform.registryUrl());
            properties.put(ServiceContext.HTTP_PORT_CONFIG, -1);
            properties.put("ifl.lid.state-dir", dataDir.resolve("streams").toString());
            properties.put("ifl.lid.max-text-bytes", 1000);
            Topics topics = new Topics(RegistryAvroSerdes.forUrl(platform.registryUrl()));
            Topic<String, Completion> completions = topics.topic(Topics.COMPLETIONS);
            Topic<String, LabeledCompletion> labeled = topics.topic(Topics.LABELED);
            Topic<String, DeadLetter> dlq = topics.topic(Topics.DEAD_LETTERS);

            try (ApplicationContext context = ServiceContext.serve(LidService.ENVIRONMENT,
                    HttpAccessChecks.withAdminToken(properties))) {
                EmbeddedServer server = context.getBean(EmbeddedServer.class);
                int sent = 0;
                try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers()),
                        new StringSerializer(), new ByteArraySerializer())) {
                    for (Map.Entry<String, String> answer : TestCompletions.ANSWERS.entrySet()) {
                        String language = answer.getKey();
                        Completion right = TestCompletions.answer("right-" + language, language, language, answer.getValue());
                        Completion wrong = TestCompletions.answer("english-" + language, language, language,
                                TestCompletions.ANSWERS.get("en") + "\nThe small circle is blue and it is on the right.");
                        for (Completion completion : List.of(right, wrong)) {
                            producer.send(new ProducerRecord<>(completions.name(), RecordKey.cell(completion.getPair()),
                                    completions.valueSerde().serializer().serialize(completions.name(), completion)));
                            sent++;
                        }
                        if (language.equals("de")) {
                            producer.send(new ProducerRecord<>(completions.name(),
                                    RecordKey.cell(right.getPair()), "poison".getBytes(StandardCharsets.UTF_8)));
                        }
                    }
                    // Records lid cannot score, each followed by a valid one in the same partition: an answer
                    // expected in a language lid does not label, a tombstone, an arm this schema does not know.
                    Completion xx = TestCompletions.answer("xx", "de", "xx", TestCompletions.ANSWERS.get("de"));
                    String key = RecordKey.cell(xx.getPair());
                    List<byte[]> invalid = new ArrayList<>();
                    invalid.add(completions.valueSerde().serializer().serialize(completions.name(), xx));
                    invalid.add(null);
                    invalid.add(TestCompletions.withNewArm(TestCompletions.answer("audio", "de", "de",
                            TestCompletions.ANSWERS.get("de")), "AUDIO",
                            platform.clusterAccess().registry()));
                    for (int i = 0; i < invalid.size(); i++) {
                        producer.send(new ProducerRecord<>(completions.name(), key, invalid.get(i)));
                        Completion next = TestCompletions.answer("after-invalid-" + i, "de", "de",
                                TestCompletions.ANSWERS.get("de"));
                        producer.send(new ProducerRecord<>(completions.name(), key,
                                completions.valueSerde().serializer().serialize(completions.name(), next)));
                        sent++;
                    }
                }

                Map<String, LabeledCompletion> byId = new HashMap<>();
                for (ConsumerRecord<String, LabeledCompletion> record : CommittedRecords.read(platform.bootstrapServers(),
                        labeled.name(), labeled.valueSerde().deserializer(), sent)) {
                    LabeledCompletion value = record.value();
                    byId.put(value.getCompletion().getCompletionId(), value);
                    assertEquals(RecordKey.cell(value.getCompletion().getPair()), record.key());
                }
                assertEquals(sent, byId.size());
                for (String language : TestCompletions.ANSWERS.keySet()) {
                    LabeledCompletion right = byId.get("right-" + language);
                    assertEquals(language, right.getLabel().getLanguage(), "label of the " + language + " answer");
                    assertEquals(1, right.getScores().getFidelity(), language);
                    assertEquals(1, right.getScores().getLineFidelity(), language);
                    LabeledCompletion wrong = byId.get("english-" + language);
                    assertEquals("en", wrong.getLabel().getLanguage(), language);
                    int faithful = language.equals("en") ? 1 : 0;
                    assertEquals(faithful, wrong.getScores().getFidelity(), language);
                    assertEquals(faithful, wrong.getScores().getLineFidelity(), language);
                    assertEquals(2, wrong.getScores().getLinesJudged(), language);
                }

                for (int i = 0; i < 3; i++) {
                    assertEquals(1, byId.get("after-invalid-" + i).getScores().getFidelity(), "after-invalid-" + i);
                }

                List<String> reasons = new ArrayList<>();
                for (ConsumerRecord<String, DeadLetter> letter : CommittedRecords.read(platform.bootstrapServers(),
                        dlq.name(), dlq.valueSerde().deserializer(), 4)) {
                    assertEquals("lid-stream", letter.value().getStage());
                    reasons.add(letter.value().getReason());
                }
                assertEquals(4, reasons.size(), reasons.toString());
                assertEquals(1, reasons.stream().filter(r -> r.contains("WRONG_MAGIC_BYTE")).count(),
                        reasons.toString());
                assertTrue(reasons.contains("rejected: completion xx: condition.expectedLanguage 'xx' is not one of the"
                        + " project's languages [ar, bn, de, en, es, fr, he, hi, it, ja, ko, pt, ro, ru, th, ur, zh],"
                        + " the ones lid-stream labels: its fidelity could never be 1"), reasons.toString());
                assertTrue(reasons.contains("rejected: tombstone: a null value is not a completion (key "
                        + RecordKey.cell(TestCompletions.answer("xx", "de", "de", null).getPair()) + ")"),
                        reasons.toString());
                assertEquals(1, reasons.stream().filter(r -> r.startsWith("cannot deserialize: ")
                        && r.contains("No match for AUDIO")).count(), reasons.toString());

                JsonNode health = HttpAccessChecks.operatorHealth(server.getURI());
                assertEquals("UP", health.path("status").asText(), health.toString());
                JsonNode lid = health.path("details").path("lid-stream").path("details");
                assertEquals("RUNNING", lid.path("streams").asText(), health.toString());
                assertTrue(lid.path("detector").asText().startsWith("lingua"), health.toString());
                assertEquals(1, lid.path("broker").path("nodes").asInt(), health.toString());
                assertEquals(platform.registryUrl(), lid.path("registry").path("url").asText(), health.toString());
                JsonNode timer = get(server, "/metrics/ifl.lid.detection");
                assertEquals((double) sent, timer.path("measurements").get(0).path("value").asDouble(), timer.toString());
                JsonNode deadLetters = get(server, "/metrics/ifl.deadletters");
                assertEquals(4.0, deadLetters.path("measurements").get(0).path("value").asDouble(), deadLetters.toString());
                for (String reason : List.of("deserialization", "rejected")) {
                    JsonNode byReason = get(server, "/metrics/ifl.deadletters?tag=reason:" + reason);
                    assertEquals(2.0, byReason.path("measurements").get(0).path("value").asDouble(),
                            byReason.toString());
                }
                JsonNode labeledCount = get(server, "/metrics/ifl.stage.records?tag=stage:lid-stream");
                assertEquals((double) sent, labeledCount.path("measurements").get(0).path("value").asDouble(),
                        labeledCount.toString());
                String prometheus = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.getURL() + "/prometheus")).build(), HttpResponse.BodyHandlers.ofString())
                        .body();
                assertTrue(prometheus.contains("kafka_consumer_fetch_manager_records_lag_max{"),
                        "the consumers' lag on /prometheus");
                assertTrue(prometheus.contains("ifl_deadletters_total{reason=\"rejected\",stage=\"lid-stream\"} 2.0"),
                        prometheus.lines().filter(l -> l.startsWith("ifl_")).toList().toString());

                assertEquals("127.0.0.1", server.getHost(), "loopback unless configured");
                HttpAccessChecks.assertUnreachableBeyondLoopback(server.getPort());
                HttpAccessChecks.assertLockedDown(server.getURI());
                HttpAccessChecks.assertReadableByAnyone(server.getURI(), "/metrics", "/prometheus");
                HttpAccessChecks.assertOperatorSeesDetailsAndSetsLogLevels(server.getURI());
            }
        }
    }

    private static JsonNode get(EmbeddedServer server, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.getURL() + path)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(response.body());
    }
}
