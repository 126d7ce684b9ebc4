package org.ifl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.ifl.producers.AnnotationSampling;
import org.ifl.producers.AnnotationSheets;
import org.ifl.producers.AnnotatorVerdict;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.Completion;
import org.ifl.schemas.avro.Condition;
import org.ifl.schemas.avro.FidelityScores;
import org.ifl.schemas.avro.ItemReferences;
import org.ifl.schemas.avro.LabelStatus;
import org.ifl.schemas.avro.LabeledCompletion;
import org.ifl.schemas.avro.LanguageLabel;
import org.ifl.schemas.avro.PairKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The annotation page's server under --dry-run (verdicts kept beside the sheet, nothing published; AnnotationIT
 * publishes them to a broker from a browser): what it refuses and why, what it serves and what it does not, and
 * that a restarted page knows the verdicts already given.
 */
class AnnotationPageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Instant AT = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void checksEachVerdictKeepsItAndServesOnlyTheSheet(@TempDir Path dir) throws Exception {
        Path sheet = dir.resolve("sheet.jsonl");
        Files.writeString(dir.resolve("secret.txt"), "not for the page");
        Files.write(dir.resolve("circle.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        AnnotationSampling sampling = new AnnotationSampling(1, new AnnotationSampling.Rate(0.5));
        Map<String, LabeledCompletion> answers = Map.of("c-1", answer("c-1", Arm.IMAGE), "c-2", answer("c-2", Arm.TEXT));
        try (AnnotationSheets.Writer writer = AnnotationSheets.create(dir.resolve("sheet.csv"), sheet)) {
            writer.write(sampling.row(answers.get("c-1"), null, "secret.txt", 0.5));
            writer.write(sampling.row(answers.get("c-2"), null, "circle.png", 0.5));
        }
        List<AnnotationSheets.Line> lines = AnnotationSheets.read(sheet);
        Clock clock = Clock.fixed(AT, ZoneOffset.UTC);
        try (AnnotationPage page = new AnnotationPage(sheet, lines, answers::get, null, "alice",
                new InetSocketAddress("127.0.0.1", 0), clock)) {
            URI base = URI.create("http://127.0.0.1:" + page.port() + "/");
            assertEquals(200, get(base, "").statusCode());
            assertTrue(get(base, "").body().contains("Is the answer written in"));
            JsonNode rows = JSON.readTree(get(base, "api/sheet").body());
            assertEquals("alice", rows.path("annotator").asText());
            assertFalse(rows.path("publishing").asBoolean());
            assertEquals("c-1", rows.path("rows").get(0).path("completion_id").asText());
            // The sheet names a file that is not an image: not served (nor any other path); an image is.
            assertTrue(rows.path("rows").get(0).path("image").isNull(), rows.toString());
            assertEquals(404, get(base, "images/0").statusCode());
            assertEquals(404, get(base, "secret.txt").statusCode());
            assertEquals("/images/1", rows.path("rows").get(1).path("image").asText());
            HttpResponse<String> image = get(base, "images/1");
            assertEquals(200, image.statusCode());
            assertEquals("image/png", image.headers().firstValue("Content-Type").orElse(""));

            assertEquals("completion_id: c-9 is not in the sheet sheet.jsonl",
                    error(post(base, "{\"completion_id\": \"c-9\", \"correct\": \"yes\", \"annotator\": \"a\"}")));
            assertEquals("annotator: say who you are, so that the label can be traced",
                    error(post(base, "{\"completion_id\": \"c-1\", \"correct\": \"yes\"}")));
            assertEquals(sheet + ":1: true_language: names the expected de but in_expected_language says no",
                    error(post(base, "{\"completion_id\": \"c-1\", \"in_expected_language\": \"no\", "
                            + "\"true_language\": \"de\", \"annotator\": \"a\"}")));
            HttpResponse<String> saved = post(base, "{\"completion_id\": \"c-1\", \"in_expected_language\": \"no\", "
                    + "\"true_language\": \"en\", \"correct\": \"yes\", \"annotator\": \"bob\"}");
            assertEquals(200, saved.statusCode(), saved.body());
            assertEquals(1, JSON.readTree(saved.body()).path("labelled").asInt());
            // Relabelled: the latest verdict stands, once.
            assertEquals(200, post(base, "{\"completion_id\": \"c-1\", \"in_expected_language\": \"yes\", "
                    + "\"annotator\": \"bob\"}").statusCode());
        }
        List<AnnotationSheets.Line> kept = AnnotationSheets.read(AnnotationPage.labelsFile(sheet));
        assertEquals(1, kept.size());
        assertEquals(AnnotatorVerdict.YES, kept.get(0).row().inExpectedLanguage());
        assertEquals(AT, kept.get(0).row().annotatedAt());
        try (AnnotationPage again = new AnnotationPage(sheet, lines, answers::get, null, null,
                new InetSocketAddress("127.0.0.1", 0), Clock.systemUTC())) {
            JsonNode rows = JSON.readTree(get(URI.create("http://127.0.0.1:" + again.port() + "/"), "api/sheet")
                    .body()).path("rows");
            assertEquals("yes", rows.get(0).path("label").path("in_expected_language").asText());
            assertTrue(rows.get(1).path("label").isMissingNode(), rows.toString());
        }
    }

    private static LabeledCompletion answer(String id, Arm arm) {
        PairKey pair = new PairKey("run-1", "vlm", "c1", "scenes", "item-1", "de");
        Completion completion = Completion.newBuilder().setCompletionId(id).setQueryId("q-" + id).setPair(pair)
                .setCondition(Condition.newBuilder().setArm(arm).setInstructionLanguage("de")
                        .setExpectedLanguage("de").build())
                .setPrompt("Welche Farbe hat der Kreis?").setReferences(ItemReferences.newBuilder().build())
                .setText("The circle is red.").setBackend("test").setQueriedAt(AT).setCompletedAt(AT).build();
        return LabeledCompletion.newBuilder().setCompletion(completion)
                .setLabel(new LanguageLabel("en", "ENGLISH", 0.9, null, null, "lingua"))
                .setScores(FidelityScores.newBuilder().setStatus(LabelStatus.LABELED).setFidelity(0)
                        .setLineFidelity(0).setLinesJudged(1).build())
                .setLabeledAt(AT).build();
    }

    private static HttpResponse<String> get(URI base, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(URI base, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base.resolve("api/labels"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String error(HttpResponse<String> response) throws Exception {
        assertEquals(400, response.statusCode(), response.body());
        return JSON.readTree(response.body()).path("error").asText();
    }
}
