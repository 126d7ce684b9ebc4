package org.ifl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.ifl.cli.IflCommandTest.Run;
import org.ifl.lidstream.LidService;
import org.ifl.platform.EmbeddedPlatform;
import org.ifl.platform.kafka.EmbeddedKafka;
import org.ifl.platform.kafka.TopicProvisioner;
import org.ifl.platform.registry.EmbeddedSchemaRegistry;
import org.ifl.platform.registry.KafkaSchemaJournal;
import org.ifl.platform.service.ServiceContext;
import org.ifl.platform.testkit.Await;
import org.ifl.platform.testkit.CommittedRecords;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.Completion;
import org.ifl.schemas.avro.Condition;
import org.ifl.schemas.avro.DeadLetter;
import org.ifl.schemas.avro.ItemReferences;
import org.ifl.schemas.avro.PairKey;
import org.ifl.schemas.registry.RestSchemaRegistryClient;
import org.ifl.schemas.serde.RegistryAvroSerdes;
import org.ifl.schemas.topic.RecordKey;
import org.ifl.schemas.topic.Topics;
import org.ifl.statsstream.StatsService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the stages must not lose, on the embedded broker and registry, through lid-stream and stats-stream as they
 * run: a replay of an old run outlives the broker's retention check and still counts in its own year's windows;
 * valid completions read while the registry is down are counted once it is back, and nothing but a truly bad
 * record reaches the dead-letter topic.
 */
class LoseNothingIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Instant MAY_2024 = Instant.parse("2024-05-01T12:00:00Z");
    private static final int ITEMS = 30;

    /** {@value #ITEMS} German items of a 2024 run, TEXT and IMAGE arms, as `ifl replay` reads them. */
    private static Path oldRun(Path dir) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            Instant at = MAY_2024.plus(Duration.ofMinutes(i));
            lines.add(line(i, "TEXT", "Auf dem Bild liegt ein roter Ball neben einem kleinen Tisch.", at));
            lines.add(line(i, "IMAGE", i % 3 == 0 ? "A red ball lies next to a small table in the picture."
                    : "Ein roter Ball liegt neben einem kleinen Tisch im Garten.", at.plusSeconds(1)));
        }
        return Files.write(dir.resolve("run-2024.jsonl"), lines, StandardCharsets.UTF_8);
    }

    private static String line(int item, String arm, String text, Instant at) {
        return "{\"runId\":\"run-2024\",\"model\":\"vlm\",\"checkpoint\":\"c2024\",\"dataset\":\"maxm\","
                + "\"itemId\":\"q" + item + "\",\"language\":\"de\",\"arm\":\"" + arm + "\","
                + "\"prompt\":\"Was liegt auf dem Bild?\",\"text\":\"" + text + "\",\"completedAt\":\"" + at + "\"}";
    }

    @Test
    void aReplayOfAnOldRunOutlivesTheRetentionCheckAndCountsInItsOwnWindows(@TempDir Path dir) throws Exception {
        Path run = oldRun(dir);
        Path dataDir = dir.resolve("data");
        try (EmbeddedPlatform platform = EmbeddedPlatform.start(EmbeddedPlatform.Settings.ephemeral(dataDir),
                Map.of("log.retention.check.interval.ms", "500"));
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                        platform.bootstrapServers()))) {
            // A control topic as eval.completions was before: same retention, but kept by the producer's time.
            String control = "control.create-time";
            admin.createTopics(List.of(new NewTopic(control, 1, (short) 1).configs(Map.of("retention.ms",
                    Long.toString(Duration.ofDays(30).toMillis()), "message.timestamp.type", "CreateTime"))))
                    .all().get();
            try (KafkaProducer<byte[], byte[]> producer = rawProducer(platform.bootstrapServers())) {
                for (int i = 0; i < 2 * ITEMS; i++) {
                    producer.send(new ProducerRecord<>(control, null, MAY_2024.toEpochMilli(), null, new byte[] {1}));
                }
            }
            Run replay = Run.of("replay", run.toString(), "--data-dir", dataDir.toString());
            assertEquals(0, replay.exitCode(), replay.err() + replay.out());

            // Left unread while the broker checks retention: the control topic is emptied, eval.completions is not.
            Await.until("the retention check to empty the control topic",
                    () -> records(admin, control) == 0 && endOffset(admin, control) == 2 * ITEMS);
            Thread.sleep(2_000); // four more checks
            assertEquals(2 * ITEMS, records(admin, Topics.COMPLETIONS.name()),
                    "a 2024 replay is kept for the retention from when it was replayed");

            try (ApplicationContext lid = ServiceContext.serve(LidService.ENVIRONMENT,
                    lidSettings(platform.bootstrapServers(), platform.registryUrl(), dir));
                    ApplicationContext stats = ServiceContext.serve(StatsService.ENVIRONMENT,
                            statsSettings(platform.bootstrapServers(), platform.registryUrl(), dir))) {
                String url = stats.getBean(EmbeddedServer.class).getURL().toString();
                Await.until("stats-stream to count the replayed pairs", () -> pairs(url, "vlm") == ITEMS);
                // Every hopping window the cell appears in lies in 2024: event time is the answer's completedAt.
                List<String> windows = CommittedRecords.read(platform.bootstrapServers(), Topics.STATS.name(),
                        (topic, bytes) -> "", r -> r.key().startsWith("CELL|vlm|c2024|maxm|de|")
                                && !r.key().endsWith("|cumulative"), 1).stream()
                        .map(r -> r.key().substring(r.key().lastIndexOf('|') + 1)).toList();
                assertFalse(windows.isEmpty());
                assertTrue(windows.stream().allMatch(w -> w.startsWith("2024-05-01T")), windows.toString());
                assertEquals(2 * ITEMS, committed(platform.bootstrapServers(), Topics.LABELED.name()),
                        "eval.labeled keeps them too");
            }
        }
    }

    @Test
    void completionsReadWhileTheRegistryIsDownAreCountedOnceItIsBackAndNoneIsDeadLettered(@TempDir Path dir)
            throws Exception {
        int registryPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            registryPort = socket.getLocalPort();
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, 0, Duration.ofSeconds(60));
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers()))) {
            new TopicProvisioner(admin, (short) 1).ensure(Topics.ALL);
            EmbeddedSchemaRegistry registry = startRegistry(kafka, registryPort);
            String registryUrl = registry.url();
            // Written while the registry answers, by a client of its own: the stages' shared client of this URL
            // has fetched nothing yet, so once the registry is down they cannot read these.
            Topics writer = new Topics(new RegistryAvroSerdes(new RestSchemaRegistryClient(registryUrl), true));
            List<Completion> completions = new ArrayList<>();
            try (KafkaProducer<byte[], byte[]> producer = rawProducer(kafka.bootstrapServers())) {
                for (int i = 0; i < ITEMS; i++) {
                    for (Completion c : List.of(completion(i, "TEXT"), completion(i, "IMAGE"))) {
                        completions.add(c);
                        producer.send(new ProducerRecord<>(Topics.COMPLETIONS.name(),
                                RecordKey.cell(c.getPair()).getBytes(StandardCharsets.UTF_8),
                                writer.topic(Topics.COMPLETIONS).valueSerde().serializer()
                                        .serialize(Topics.COMPLETIONS.name(), c)));
                    }
                }
                registry.close();
                // One record that is bad in itself, among the valid ones: it alone may be dead-lettered.
                producer.send(new ProducerRecord<>(Topics.COMPLETIONS.name(), "vlm|c1|maxm|de".getBytes(
                        StandardCharsets.UTF_8), "not a wire-format record".getBytes(StandardCharsets.UTF_8)));
            }

            try (ApplicationContext lid = ServiceContext.serve(LidService.ENVIRONMENT,
                    lidSettings(kafka.bootstrapServers(), registryUrl, dir))) {
                String lidUrl = lid.getBean(EmbeddedServer.class).getURL().toString();
                Await.until("lid-stream's health to say DOWN while the registry is down",
                        () -> health(lidUrl).equals("DOWN"));
                Thread.sleep(5_000); // a few failed attempts, backing off
                assertEquals(0, records(admin, Topics.LABELED.name()), "nothing labeled without the registry");
                assertEquals(0, records(admin, Topics.DEAD_LETTERS.name()), "nothing dead-lettered for an outage");

                registry = startRegistry(kafka, registryPort);
                try (ApplicationContext stats = ServiceContext.serve(StatsService.ENVIRONMENT,
                        statsSettings(kafka.bootstrapServers(), registryUrl, dir))) {
                    String statsUrl = stats.getBean(EmbeddedServer.class).getURL().toString();
                    Await.until("stats-stream to count every completion written before the outage",
                            () -> pairs(statsUrl, "vlm") == ITEMS);
                    Await.until("lid-stream's health to say UP again", () -> health(lidUrl).equals("UP"));
                }
            } finally {
                registry.close();
            }
            List<DeadLetter> letters = CommittedRecords.readToEnd(kafka.bootstrapServers(),
                    Topics.DEAD_LETTERS.name(), new Topics(RegistryAvroSerdes.forUrl(registryUrl))
                            .topic(Topics.DEAD_LETTERS).valueSerde().deserializer());
            assertEquals(1, letters.size(), letters.toString());
            assertTrue(letters.get(0).getReason().contains("WRONG_MAGIC_BYTE"), letters.get(0).getReason());
            assertEquals(completions.size(), committed(kafka.bootstrapServers(), Topics.LABELED.name()));
        }
    }

    private static Completion completion(int item, String arm) {
        Instant at = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        return Completion.newBuilder()
                .setCompletionId("run-now/q" + item + "/" + arm)
                .setQueryId("run-now/q" + item + "/" + arm)
                .setPair(new PairKey("run-now", "vlm", "c1", "maxm", "q" + item, "de"))
                .setCondition(Condition.newBuilder().setArm(Arm.valueOf(arm)).setInstructionLanguage("de")
                        .setExpectedLanguage("de").build())
                .setPrompt("Was liegt auf dem Bild?")
                .setReferences(ItemReferences.newBuilder().build())
                .setText(arm.equals("TEXT") ? "Ein roter Ball liegt neben dem kleinen Tisch im Garten."
                        : "A red ball lies next to the small table in the garden.")
                .setBackend("test")
                .setQueriedAt(at)
                .setCompletedAt(at.plusSeconds(1))
                .build();
    }

    private static EmbeddedSchemaRegistry startRegistry(EmbeddedKafka kafka, int port) {
        return EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), KafkaSchemaJournal.DEFAULT_TOPIC, "127.0.0.1",
                port);
    }

    private static KafkaProducer<byte[], byte[]> rawProducer(String bootstrapServers) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static Map<String, Object> lidSettings(String bootstrapServers, String registryUrl, Path dir) {
        Map<String, Object> settings = cluster(bootstrapServers, registryUrl);
        settings.put("ifl.lid.state-dir", dir.resolve("lid").toString());
        return settings;
    }

    private static Map<String, Object> statsSettings(String bootstrapServers, String registryUrl, Path dir) {
        Map<String, Object> settings = cluster(bootstrapServers, registryUrl);
        settings.put("ifl.stats.state-dir", dir.resolve("stats").toString());
        settings.put("ifl.stats.emit-interval", "200ms");
        return settings;
    }

    private static Map<String, Object> cluster(String bootstrapServers, String registryUrl) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ServiceContext.KAFKA_CONFIG, bootstrapServers);
        settings.put(ServiceContext.REGISTRY_CONFIG, registryUrl);
        settings.put(ServiceContext.HTTP_PORT_CONFIG, -1);
        return settings;
    }

    /** Committed records in {@code topic} now (transaction markers take offsets too, so offsets do not say). */
    private static int committed(String bootstrapServers, String topic) {
        return CommittedRecords.readToEnd(bootstrapServers, topic, (name, bytes) -> bytes).size();
    }

    /** Offsets between the log start and the end of every partition of {@code topic}. */
    private static long records(Admin admin, String topic) {
        return offsets(admin, topic, OffsetSpec.latest()) - offsets(admin, topic, OffsetSpec.earliest());
    }

    private static long endOffset(Admin admin, String topic) {
        return offsets(admin, topic, OffsetSpec.latest());
    }

    private static long offsets(Admin admin, String topic, OffsetSpec spec) {
        try {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                request.put(new TopicPartition(topic, p), spec);
            }
            return admin.listOffsets(request).all().get().values().stream().mapToLong(o -> o.offset()).sum();
        } catch (Exception e) {
            throw new IllegalStateException("cannot list the offsets of " + topic, e);
        }
    }

    /** Pairs the served cumulative cells of {@code model} count; -1 while the API does not answer. */
    private static long pairs(String url, String model) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/cells?model=" + model))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return -1;
            }
            long pairs = 0;
            for (JsonNode cell : JSON.readTree(response.body())) {
                pairs += cell.path("pairs").asLong();
            }
            return pairs;
        } catch (Exception e) {
            return -1;
        }
    }

    /** The status /health answers. */
    private static String health(String url) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body()).path("status").asText();
        } catch (Exception e) {
            return "no answer";
        }
    }
}
