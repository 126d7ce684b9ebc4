package org.ifl.statsstream.internal.service;

import static org.ifl.statsstream.internal.service.StatsServiceKit.get;
import static org.ifl.statsstream.internal.service.StatsServiceKit.getText;
import static org.ifl.statsstream.internal.service.StatsServiceKit.produce;
import static org.ifl.statsstream.internal.service.StatsServiceKit.send;
import static org.ifl.statsstream.internal.service.StatsServiceKit.start;
import static org.ifl.statsstream.internal.service.StatsServiceKit.withoutTimes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.ifl.platform.EmbeddedPlatform;
import org.ifl.platform.testkit.Await;
import org.ifl.platform.testkit.HttpAccessChecks;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.LabeledCompletion;
import org.ifl.schemas.avro.Query;
import org.ifl.schemas.serde.RegistryAvroSerdes;
import org.ifl.schemas.topic.RecordKey;
import org.ifl.schemas.topic.Topic;
import org.ifl.schemas.topic.Topics;
import org.ifl.statsstream.SimulatedCompletions.ArmProbabilities;
import org.ifl.statsstream.SimulatedCompletions;
import org.ifl.statsstream.StatsService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stats-stream service as it runs: Micronaut, a real embedded broker and registry, exactly-once v2,
 * RocksDB state. A replayed run gives the table that the raw records imply, each cell's answers counted of
 * those its published queries expect; a restart mid-stream (same state and wiped state) gives identical
 * figures; two instances answer for each other's models, and each exports the gauges of the cells it hosts only.
 */
class StatsStreamIT {
    private static final ObjectMapper JSON = StatsServiceKit.JSON;
    private static final Instant AT = StatsServiceKit.AT;

    @TempDir
    Path dataDir;

    /** Two models, one checkpoint each, 2 datasets x 3 languages, 40 items x 3 arms per cell. */
    private static List<LabeledCompletion> replay() {
        SplittableRandom random = new SplittableRandom(20261123);
        List<LabeledCompletion> records = new ArrayList<>();
        for (String model : List.of("vlm-a", "vlm-b")) {
            for (String dataset : List.of("maxm", "palo")) {
                for (String language : List.of("de", "hi", "ja")) {
                    records.addAll(SimulatedCompletions.cell("run-1", model, "ckpt-1", dataset, language, 40,
                            new ArmProbabilities(0.9, 0.6, 0.75), SimulatedCompletions.ALL_ARMS, random, AT));
                }
            }
        }
        return records;
    }

    /** cell key -> {pairs, sum of (f_image - f_text)}, straight from the records. */
    private static Map<String, double[]> expectedIfl(List<LabeledCompletion> records) {
        Map<String, Map<String, int[]>> byPair = new TreeMap<>();
        for (LabeledCompletion r : records) {
            int[] f = byPair.computeIfAbsent(RecordKey.cell(r.getCompletion().getPair()), k -> new TreeMap<>())
                    .computeIfAbsent(r.getCompletion().getPair().getItemId(), k -> new int[] {-1, -1, -1});
            f[r.getCompletion().getCondition().getArm().ordinal()] = r.getScores().getFidelity();
        }
        Map<String, double[]> expected = new TreeMap<>();
        byPair.forEach((cell, items) -> {
            double[] e = new double[2];
            items.values().forEach(f -> {
                e[0]++;
                e[1] += f[Arm.IMAGE.ordinal()] - f[Arm.TEXT.ordinal()];
            });
            expected.put(cell, e);
        });
        return expected;
    }

    /** The query of every arm the records answer, as the producers would have published them. */
    private static List<Query> queries(List<LabeledCompletion> records) {
        return records.stream().map(r -> SimulatedCompletions.query(r.getCompletion().getPair(),
                r.getCompletion().getCondition().getArm(), AT)).toList();
    }

    @Test
    void replayGivesTheTableTheRecordsImplyAndRestartsChangeNothing() throws Exception {
        List<LabeledCompletion> records = replay();
        // vlm-a's records come first: the first part leaves its last cell (palo, ja) half answered, 60 of 120.
        int half = records.size() / 2 - 60;
        try (EmbeddedPlatform platform = EmbeddedPlatform.start(EmbeddedPlatform.Settings.ephemeral(dataDir))) {
            Topics topics = new Topics(RegistryAvroSerdes.forUrl(platform.registryUrl()));
            Topic<String, LabeledCompletion> labeled = topics.topic(Topics.LABELED);
            Path state = dataDir.resolve("state-1");

            produce(platform, topics.topic(Topics.QUERIES), queries(records), q -> RecordKey.pair(q.getPair()));
            produce(platform, labeled, records.subList(0, half));
            try (ApplicationContext app = start(platform, state, "ifl-stats-it")) {
                awaitCompletions(app, half);
                JsonNode checkpoints = awaitExpected(app, 2 * 720);
                String unregistered = "\"registeredAt\":null,\"attributes\":{},\"backend\":null,"
                        + "\"baselineCheckpoint\":null,\"registered\":false";
                assertEquals(JSON.readTree("[{\"model\":\"vlm-a\",\"checkpoint\":\"ckpt-1\",\"cells\":6,"
                        + "\"counted\":660,\"expected\":720,\"partial\":true," + unregistered + "},{\"model\":\"vlm-b\","
                        + "\"checkpoint\":\"ckpt-1\",\"cells\":6,\"counted\":0,\"expected\":720,\"partial\":true,"
                        + unregistered + "}]"), checkpoints);
                JsonNode halfAnswered = get(app, "/cells?model=vlm-a&dataset=palo").get(2);
                assertEquals("ja", halfAnswered.path("language").asText());
                assertEquals(60, halfAnswered.path("counted").asLong());
                assertEquals(120, halfAnswered.path("expected").asLong());
                assertTrue(halfAnswered.path("partial").asBoolean(), halfAnswered.toString());
                JsonNode unanswered = get(app, "/cells?model=vlm-b");
                assertEquals(6, unanswered.size(), "cells whose queries are out, none answered yet");
                JsonNode summary = get(app, "/summary?model=vlm-a&checkpoint=ckpt-1").path("checkpointSummary");
                assertEquals(660, summary.path("counted").asLong());
                assertEquals(720, summary.path("expected").asLong());
                assertTrue(summary.path("partial").asBoolean());
                assertEquals("http://127.0.0.1:" + app.getBean(EmbeddedServer.class).getPort(),
                        StatsService.readApiUrl(dataDir).orElseThrow(), "where `ifl report --data-dir` looks");
            }
            assertTrue(StatsService.readApiUrl(dataDir).isEmpty(), "a clean stop removes the API's address");
            // Redeliver a slice of the first half (at-least-once upstream), then the rest. The served cells count
            // each redelivery as a duplicate: all is in when completions and duplicates add up to both.
            int redelivered = 30;
            produce(platform, labeled, records.subList(half - redelivered, half));
            produce(platform, labeled, records.subList(half, records.size()));
            JsonNode afterRestart;
            try (ApplicationContext app = start(platform, state, "ifl-stats-it")) {
                awaitCompletions(app, records.size() + redelivered);
                afterRestart = get(app, "/cells");
                JsonNode summary = get(app, "/summary?model=vlm-a&checkpoint=ckpt-1");
                assertEquals(6, summary.path("checkpointSummary").path("cellsAveraged").asInt(), summary.toString());
                assertEquals(2, summary.path("datasets").size());
                assertEquals(720, summary.path("checkpointSummary").path("counted").asLong());
                assertFalse(summary.path("checkpointSummary").path("partial").asBoolean(), summary.toString());
                String csv = getText(app, "/cells.csv?model=vlm-b");
                assertEquals(1 + 6, csv.split("\r\n").length, csv);
                assertTrue(csv.startsWith("model,checkpoint,dataset,language,window,pairs,remedy_pairs,counted,"
                        + "expected,partial,"), csv);
                assertTrue(csv.split("\r\n")[1].contains(",120,120,false,"), csv);
            }

            Map<String, double[]> expected = expectedIfl(records);
            assertEquals(12, afterRestart.size());
            long duplicates = 0;
            for (JsonNode cell : afterRestart) {
                String key = RecordKey.of(cell.path("model").asText(), cell.path("checkpoint").asText(),
                        cell.path("dataset").asText(), cell.path("language").asText());
                double[] e = expected.get(key);
                assertEquals((long) e[0], cell.path("pairs").asLong(), key);
                assertEquals(e[1] / e[0], cell.path("ifl").path("value").asDouble(), 1e-12, key);
                assertEquals(40, cell.path("imageRemedy").path("completions").asLong(), key);
                assertEquals(120, cell.path("counted").asLong(), key);
                assertEquals(120, cell.path("expected").asLong(), key);
                assertFalse(cell.path("partial").asBoolean(), key);
                duplicates += cell.path("duplicates").asLong();
            }
            assertEquals(redelivered, duplicates, "every redelivered completion is counted once and ignored");

            // Wiped state, same application: restored from the changelogs.
            try (ApplicationContext app = start(platform, dataDir.resolve("state-wiped"), "ifl-stats-it")) {
                awaitCompletions(app, records.size() + redelivered);
                assertEquals(withoutTimes(afterRestart), withoutTimes(get(app, "/cells")));
            }
        }
    }

    /**
     * Pairs and cell sums reach their stores only through {@code BeforeCommit}, just before each commit. A run
     * whose emit never fires (1 h) writes them only there; a restart on wiped state then restores them from
     * the changelogs and publishes every marked cell: the figures are the records', or the commit did not
     * carry them (as it would not if a Kafka Streams upgrade stopped flushing that store before committing).
     */
    @Test
    void sumsWrittenOnlyBeforeEachCommitAreRestoredWhole() throws Exception {
        List<LabeledCompletion> records = replay();
        try (EmbeddedPlatform platform = EmbeddedPlatform.start(EmbeddedPlatform.Settings.ephemeral(dataDir))) {
            produce(platform, new Topics(RegistryAvroSerdes.forUrl(platform.registryUrl())).topic(Topics.LABELED),
                    records);
            String application = "ifl-stats-commit";
            try (ApplicationContext app = start(platform, dataDir.resolve("before"), application,
                    Map.of("ifl.stats.emit-interval", "1h"));
                    Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                            platform.bootstrapServers()))) {
                Await.until("every labeled completion committed by " + application, () ->
                        committed(admin, application, Topics.LABELED.name()) == records.size());
                assertEquals(0, awaitServed(app, "/cells").size(), "nothing published: the emit has not fired");
            }
            try (ApplicationContext app = start(platform, dataDir.resolve("wiped"), application)) {
                awaitCompletions(app, records.size());
                JsonNode cells = get(app, "/cells");
                Map<String, double[]> expected = expectedIfl(records);
                assertEquals(expected.size(), cells.size(), cells.toString());
                for (JsonNode cell : cells) {
                    String key = RecordKey.of(cell.path("model").asText(), cell.path("checkpoint").asText(),
                            cell.path("dataset").asText(), cell.path("language").asText());
                    double[] e = expected.get(key);
                    assertEquals((long) e[0], cell.path("pairs").asLong(), key);
                    assertEquals(e[1] / e[0], cell.path("ifl").path("value").asDouble(), 1e-12, key);
                    assertEquals(0, cell.path("duplicates").asLong(), key);
                }
            }
        }
    }

    /** {@code path}'s answer once the service answers 200 (503 while its stream thread rebalances). */
    private static JsonNode awaitServed(ApplicationContext app, String path) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            HttpResponse<String> response = send(app, path);
            if (response.statusCode() == 200) {
                return JSON.readTree(response.body());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(path + " answered " + response.statusCode() + " for 90 s: "
                        + response.body());
            }
            Thread.sleep(200);
        }
    }

    /** The offsets {@code group} committed on {@code topic}, summed over its partitions. */
    private static long committed(Admin admin, String group, String topic) {
        try {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot read " + group + "'s offsets", e);
        }
    }

    @Test
    void twoInstancesAnswerForEachOthersModels() throws Exception {
        List<LabeledCompletion> records = replay();
        try (EmbeddedPlatform platform = EmbeddedPlatform.start(EmbeddedPlatform.Settings.ephemeral(dataDir))) {
            Topic<String, LabeledCompletion> labeled = new Topics(RegistryAvroSerdes.forUrl(platform.registryUrl()))
                    .topic(Topics.LABELED);
            produce(platform, labeled, records);
            try (ApplicationContext one = start(platform, dataDir.resolve("one"), "ifl-stats-two");
                    ApplicationContext two = start(platform, dataDir.resolve("two"), "ifl-stats-two")) {
                awaitCompletions(one, records.size());
                awaitCompletions(two, records.size());
                URI api = one.getBean(EmbeddedServer.class).getURI();
                JsonNode health = HttpAccessChecks.operatorHealth(api).path("details").path("stats-stream");
                assertEquals("UP", health.path("status").asText(), health.toString());
                assertEquals("127.0.0.1:" + one.getBean(EmbeddedServer.class).getPort(),
                        health.path("details").path("advertised").asText(), health.toString());
                for (String model : List.of("vlm-a", "vlm-b")) {
                    JsonNode fromOne = get(one, "/cells?model=" + model);
                    assertEquals(6, fromOne.size(), model);
                    assertEquals(withoutTimes(fromOne), withoutTimes(get(two, "/cells?model=" + model)), model);
                    assertEquals(withoutTimes(get(one, "/summary?model=" + model + "&checkpoint=ckpt-1")),
                            withoutTimes(get(two, "/summary?model=" + model + "&checkpoint=ckpt-1")), model);
                }
                // Each instance exports the figures of the cells it hosts: every cell's series from exactly one.
                Await.until("the 12 cells' gauges, each on the instance that hosts it", () -> {
                    try {
                        Set<Map<String, String>> fromOne = cellGauges(one);
                        Set<Map<String, String>> fromTwo = cellGauges(two);
                        return fromOne.equals(localCells(one)) && fromTwo.equals(localCells(two))
                                && fromOne.size() + fromTwo.size() == 12;
                    } catch (Exception | AssertionError e) {
                        return false;
                    }
                });
                Set<Map<String, String>> all = new HashSet<>(cellGauges(one));
                all.addAll(cellGauges(two));
                assertEquals(12, all.size(), "no cell exported twice, none missing");

                assertEquals("127.0.0.1", one.getBean(EmbeddedServer.class).getHost(), "loopback unless configured");
                HttpAccessChecks.assertUnreachableBeyondLoopback(one.getBean(EmbeddedServer.class).getPort());
                HttpAccessChecks.assertLockedDown(api);
                HttpAccessChecks.assertReadableByAnyone(api, "/cells", "/cells.csv", "/summary?model=vlm-a&checkpoint="
                        + "ckpt-1", "/checkpoints", "/metrics", "/prometheus");
                HttpAccessChecks.assertOperatorSeesDetailsAndSetsLogLevels(api);
            }
        }
    }

    /** Waits until the cells served count {@code expected} records: completions and ignored duplicates. */
    private static void awaitCompletions(ApplicationContext app, long expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        long seen = -1;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = send(app, "/cells");
            if (response.statusCode() == 200) {
                seen = 0;
                for (JsonNode cell : JSON.readTree(response.body())) {
                    for (String arm : List.of("text", "image", "imageRemedy")) {
                        seen += cell.path(arm).path("completions").asLong();
                    }
                    seen += cell.path("duplicates").asLong();
                }
                if (seen >= expected) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the served cells count " + seen + " completions, not " + expected + ", after 90 s");
    }

    /** Waits until the checkpoints served expect {@code expected} answers in all; returns them. */
    private static JsonNode awaitExpected(ApplicationContext app, long expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        JsonNode checkpoints = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = send(app, "/checkpoints");
            if (response.statusCode() == 200) {
                checkpoints = JSON.readTree(response.body());
                long seen = 0;
                for (JsonNode c : checkpoints) {
                    seen += c.path("expected").asLong();
                }
                if (seen >= expected) {
                    return checkpoints;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the checkpoints served expect " + checkpoints + ", not " + expected + " answers");
    }

    /** The cells whose pairs {@code app} exports on /prometheus. */
    private static Set<Map<String, String>> cellGauges(ApplicationContext app) throws Exception {
        return StatsServiceKit.prometheus(app).getOrDefault("ifl_cell_pairs", Map.of()).keySet();
    }

    /** The cells {@code app} hosts, as /cells?local=true serves them, tagged as their gauges are. */
    private static Set<Map<String, String>> localCells(ApplicationContext app) throws Exception {
        Set<Map<String, String>> cells = new HashSet<>();
        for (JsonNode cell : get(app, "/cells?local=true")) {
            cells.add(new TreeMap<>(Map.of("model", cell.path("model").asText(), "checkpoint",
                    cell.path("checkpoint").asText(), "dataset", cell.path("dataset").asText(), "language",
                    cell.path("language").asText())));
        }
        return cells;
    }
}
