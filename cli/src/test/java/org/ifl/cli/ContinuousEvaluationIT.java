package org.ifl.cli;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.ifl.cli.IflCommandTest.Run;
import org.ifl.inferenceworker.CheckpointBackends;
import org.ifl.inferenceworker.WorkerService;
import org.ifl.lidstream.LidService;
import org.ifl.platform.EmbeddedPlatform;
import org.ifl.platform.service.ServiceContext;
import org.ifl.referencevlm.ReferenceModel;
import org.ifl.referencevlm.TrainingCheckpoints;
import org.ifl.statsstream.StatsService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training run watched end to end, with no step between its checkpoints and their figures: {@code ifl
 * train-reference --checkpoint-every} continues the bundled reference VLM with every image example answered in
 * English for German and Chinese (so its image answers drift to English), writing the starting weights as step 0
 * and the trained ones as step 20; {@code ifl checkpoint watch --once} registers both against step 0 and publishes
 * the reference scenes in de and zh for each; one worker with {@code --registered-checkpoints} loads each
 * checkpoint from its registration and answers it; lid-stream and stats-stream count them. Step 20 regresses
 * against step 0 (paired over the same items) and its alert fires. A later checkpoint (the starting weights again,
 * as a run rolled back would write them) does not regress, and the alert resolves. A checkpoint registered with
 * weights that do not exist gets CHECKPOINT_UNAVAILABLE answers and holds nothing up.
 */
class ContinuousEvaluationIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofMinutes(3);

    @Test
    void checkpointsOfATrainingRunAreEvaluatedAsTheyAppearAndARegressionAlertFiresAndResolves(@TempDir Path dir)
            throws Exception {
        Path run = dir.resolve("run");
        Run train = Run.of("train-reference", "--init-from", "bundled", "--english-image-share", "1.0",
                "--english-image-share-for", "de=1.0,zh=1.0", "--steps", "20", "--checkpoint-every", "20",
                "--no-check", "--out", run.toString());
        assertEquals(0, train.exitCode(), train.err() + train.out());
        Path checkpoints = run.resolve("checkpoints");
        assertEquals(List.of("step-000000", "step-000020"), children(checkpoints));
        assertTrue(Files.readString(checkpoints.resolve("step-000020").resolve(TrainingCheckpoints.ATTRIBUTES))
                .contains("step=20\n"));

        Path dataDir = dir.resolve("data");
        try (EmbeddedPlatform platform = EmbeddedPlatform.start(EmbeddedPlatform.Settings.ephemeral(dataDir))) {
            Map<String, Object> worker = StageSettings.on(platform);
            worker.put("ifl.worker.model", "vlm");
            worker.put("ifl.worker.registered-checkpoints", true);
            worker.put("ifl.worker.image-roots", dataDir.toString());
            worker.put("ifl.worker.max-new-tokens", 24);
            Map<String, Object> lid = StageSettings.lid(platform, dir.resolve("lid"));
            Map<String, Object> stats = StageSettings.stats(platform, dir.resolve("stats"));
            try (ApplicationContext workerService = ServiceContext.serve(WorkerService.ENVIRONMENT, worker);
                    ApplicationContext lidStream = ServiceContext.serve(LidService.ENVIRONMENT, lid);
                    ApplicationContext statsStream = ServiceContext.serve(StatsService.ENVIRONMENT, stats)) {
                String url = statsStream.getBean(EmbeddedServer.class).getURL().toString();
                watchOnce(dataDir, checkpoints);

                JsonNode fired = await(url + "/alerts?model=vlm&checkpoint=step-000020",
                        alerts -> has(alerts, "FIRING"), "a FIRING alert of step-000020");
                JsonNode alert = first(fired, "FIRING");
                assertEquals("step-000000", alert.get("baselineCheckpoint").asText());
                assertTrue(alert.get("difference").get("high").asDouble() < 0, alert.toString());
                assertTrue(alert.get("difference").get("method").asText().startsWith("paired"), alert.toString());

                // A checkpoint the worker cannot load: its queries fail, the others go on.
                Run broken = Run.of("checkpoint", "register", "--data-dir", dataDir.toString(), "--model", "vlm",
                        "--checkpoint", "broken", "--uri", dir.resolve("missing").toString(), "--suite",
                        "reference-scenes,languages=de", "--no-remedy", "--max-new-tokens", "24");
                assertEquals(0, broken.exitCode(), broken.err() + broken.out());

                // The run rolled back: a later checkpoint with the starting weights, written as training writes one.
                Path later = checkpoints.resolve("step-000040");
                Files.createDirectories(later);
                for (String file : List.of(ReferenceModel.CONFIG, ReferenceModel.TOKENIZER, ReferenceModel.PARAMETERS)) {
                    Files.copy(checkpoints.resolve("step-000000").resolve(file), later.resolve(file));
                }
                Files.writeString(later.resolve(TrainingCheckpoints.ATTRIBUTES), "step=40\n");
                Files.writeString(later.resolve(TrainingCheckpoints.MARKER), "step 40\n");
                watchOnce(dataDir, checkpoints);

                JsonNode resolved = first(await(url + "/alerts?model=vlm&checkpoint=step-000020",
                        alerts -> has(alerts, "RESOLVED"), "the alert of step-000020 resolved"), "RESOLVED");
                assertTrue(resolved.get("reason").asText().startsWith("superseded: step-000040, registered after "
                        + "step-000020"), resolved.toString());
                JsonNode trend = await(url + "/checkpoints?model=vlm", cs -> counted(cs, "step-000040") == 64
                        && counted(cs, "broken") == 32, "every answer of step-000040 and broken counted");
                assertEquals(List.of("step-000000", "step-000020", "broken", "step-000040"), names(trend));
                assertEquals("20", attribute(trend, "step-000020", "step"));

                CheckpointBackends loaded = workerService.getBean(WorkerService.class).checkpoints();
                assertEquals(List.of("step-000000", "step-000020", "step-000040"), loaded.loaded().stream()
                        .map(CheckpointBackends.LoadedCheckpoint::checkpoint).sorted().toList());
                assertTrue(loaded.unavailable().get("vlm|broken").contains("does not exist on this worker"),
                        loaded.unavailable().toString());
                JsonNode brokenCell = JSON.readTree(get(url + "/cells?model=vlm&checkpoint=broken")).get(0);
                assertEquals(16, brokenCell.get("text").get("errors").asInt(), brokenCell.toString());
                assertEquals(16, brokenCell.get("image").get("errors").asInt(), brokenCell.toString());
                String workerUrl = workerService.getBean(EmbeddedServer.class).getURL().toString();
                assertTrue(get(workerUrl + "/prometheus").lines().anyMatch(l -> l.startsWith(
                        "ifl_worker_checkpoint_unavailable{") && l.contains("checkpoint=\"broken\"")
                        && l.endsWith(" 1.0")), "the IflCheckpointUnavailable gauge of broken is 1");
            }
        }
    }

    private static void watchOnce(Path dataDir, Path checkpoints) {
        Run watch = Run.of("checkpoint", "watch", checkpoints.toString(), "--data-dir", dataDir.toString(), "--model",
                "vlm", "--baseline", "step-000000", "--once", "--suite", "reference-scenes,languages=de:zh",
                "--no-remedy", "--max-new-tokens", "24");
        assertEquals(0, watch.exitCode(), watch.err() + watch.out());
    }

    private static List<String> children(Path dir) throws Exception {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static boolean has(JsonNode alerts, String state) {
        return first(alerts, state) != null;
    }

    private static JsonNode first(JsonNode alerts, String state) {
        for (JsonNode a : alerts) {
            if (state.equals(a.get("state").asText())) {
                return a;
            }
        }
        return null;
    }

    private static long counted(JsonNode checkpoints, String checkpoint) {
        for (JsonNode c : checkpoints) {
            if (checkpoint.equals(c.get("checkpoint").asText())) {
                return c.get("counted").asLong();
            }
        }
        return -1;
    }

    private static List<String> names(JsonNode checkpoints) {
        List<String> names = new ArrayList<>();
        checkpoints.forEach(c -> names.add(c.get("checkpoint").asText()));
        return names;
    }

    private static String attribute(JsonNode checkpoints, String checkpoint, String key) {
        for (JsonNode c : checkpoints) {
            if (checkpoint.equals(c.get("checkpoint").asText())) {
                return c.get("attributes").path(key).asText(null);
            }
        }
        return null;
    }

    private static JsonNode await(String url, Predicate<JsonNode> done, String what) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            last = response.statusCode() + " " + response.body();
            if (response.statusCode() == 200) {
                JsonNode body = JSON.readTree(response.body());
                if (done.test(body)) {
                    return body;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no " + what + " within " + WAIT.toSeconds() + " s; last answer of " + url + ": "
                + last);
    }

    private static String get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
