package org.ifl.inferenceworker;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.ifl.schemas.avro.Arm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP API of {@link ChatCompletionsServer} over a real JDK server, with a backend that records requests. */
class ChatCompletionsServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newHttpClient();
    private RecordingBackend backend;
    private ChatCompletionsServer server;

    @BeforeEach
    void start() throws Exception {
        backend = new RecordingBackend();
        server = ChatCompletionsServer.start(backend, ChatCompletionsServer.Settings.of("127.0.0.1", 0));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aTextWithoutImageIsTheTextArmSplitAtItsLastNewline() throws Exception {
        String text = "A red circle.\nIt is small.\nWhat is in the picture?";
        HttpResponse<String> response = post("""
                {"model": "any", "messages": [{"role": "system", "content": "ignored"},
                 {"role": "user", "content": %s}], "max_tokens": 9}""".formatted(JSON.writeValueAsString(text)));

        assertEquals(200, response.statusCode(), response.body());
        GenerationRequest request = backend.requests.get(0);
        assertAll(
                () -> assertEquals(Arm.TEXT, request.arm()),
                () -> assertEquals("A red circle.\nIt is small.", request.description()),
                () -> assertEquals("What is in the picture?", request.prompt()),
                () -> assertEquals(text, request.textWithDescription(), "the model reads exactly the text sent"),
                () -> assertEquals(9, request.maxNewTokens()));

        JsonNode body = JSON.readTree(response.body());
        assertAll(
                () -> assertTrue(body.path("id").asText().startsWith("chatcmpl-")),
                () -> assertEquals("chat.completion", body.path("object").asText()),
                () -> assertTrue(body.path("created").asLong() > 1_600_000_000L),
                () -> assertEquals("recording@1", body.path("model").asText()),
                () -> assertEquals("assistant", body.at("/choices/0/message/role").asText()),
                () -> assertEquals("answer to What is in the picture?", body.at("/choices/0/message/content").asText()),
                () -> assertEquals("stop", body.at("/choices/0/finish_reason").asText()),
                () -> assertEquals(7, body.at("/usage/prompt_tokens").asInt()),
                () -> assertEquals(3, body.at("/usage/completion_tokens").asInt()),
                () -> assertEquals(10, body.at("/usage/total_tokens").asInt()),
                () -> assertTrue(body.path(ChatCompletionsServer.STEERING_FIELD).isMissingNode()));
    }

    @Test
    void aTextWithoutNewlineIsAQuestionWithAnEmptyDescription() throws Exception {
        assertEquals(200, post(userMessage("\"What is red?\"", "")).statusCode());

        GenerationRequest request = backend.requests.get(0);
        assertEquals("", request.description());
        assertEquals("What is red?", request.prompt());
    }

    @Test
    void anImagePartMakesTheImageArm() throws Exception {
        HttpResponse<String> response = post(userMessage("""
                [{"type": "text", "text": "What is"}, {"type": "image_url", "image_url": {"url": "%s"}},
                 {"type": "text", "text": "in it?"}]""".formatted(pngDataUrl(20, 10)), ", \"max_tokens\": 3"));

        assertEquals(200, response.statusCode(), response.body());
        GenerationRequest request = backend.requests.get(0);
        assertAll(
                () -> assertEquals(Arm.IMAGE, request.arm()),
                () -> assertEquals("What is\nin it?", request.prompt()),
                () -> assertEquals("image/png", request.image().mediaType()),
                () -> assertEquals(20, request.image().pixels().getWidth()),
                () -> assertEquals(10, request.image().pixels().getHeight()),
                () -> assertEquals(3, request.maxNewTokens()));
        assertEquals("length", JSON.readTree(response.body()).at("/choices/0/finish_reason").asText(),
                "3 tokens of at most 3");
    }

    @Test
    void theSteerLanguageExtensionMakesTheSteeredRemedyArm() throws Exception {
        HttpResponse<String> response = post(userMessage("""
                [{"type": "text", "text": "Was ist das?"}, {"type": "image_url", "image_url": {"url": "%s"}}]"""
                .formatted(pngDataUrl(16, 16)), ", \"ifl_steer_language\": \"de\""));

        assertEquals(200, response.statusCode(), response.body());
        GenerationRequest request = backend.requests.get(0);
        assertEquals(Arm.IMAGE_REMEDY, request.arm());
        assertEquals("de", request.expectedLanguage());
        JsonNode steering = JSON.readTree(response.body()).path(ChatCompletionsServer.STEERING_FIELD);
        assertEquals("v-de", steering.path("vector_id").asText());
        assertEquals(2, steering.path("layer").asInt());
        assertEquals("mean", steering.path("pooling").asText());
    }

    @Test
    void malformedRequestsGet400NamingTheField() throws Exception {
        String image = "{\"type\": \"image_url\", \"image_url\": {\"url\": \"%s\"}}";
        Map<String, String> paramByBody = Map.of(
                "{\"messages\": ", "",
                "{\"model\": \"m\"}", "messages",
                userMessage("\"hi\"", ", \"max_tokens\": \"ten\""), "max_tokens",
                userMessage("\"hi\"", ", \"max_tokens\": 0"), "max_tokens",
                userMessage("\"hi\"", ", \"stream\": true"), "stream",
                userMessage("[" + image.formatted("http://example.com/a.png") + "]", ""),
                "messages[0].content[0].image_url.url",
                userMessage("[" + image.formatted("data:image/png;base64,bm90IGEgcG5n") + "]", ""),
                "messages[0].content[0].image_url.url",
                userMessage("[{\"type\": \"input_audio\"}]", ""), "messages[0].content[0].type",
                userMessage("\"hi\"", ", \"ifl_steer_language\": \"de\""), "ifl_steer_language",
                "{\"messages\": [{\"role\": \"assistant\", \"content\": \"hi\"}]}", "messages");
        for (Map.Entry<String, String> bad : paramByBody.entrySet()) {
            HttpResponse<String> response = post(bad.getKey());
            JsonNode error = JSON.readTree(response.body()).path("error");
            String param = bad.getValue();
            assertAll(bad.getKey(),
                    () -> assertEquals(400, response.statusCode()),
                    () -> assertEquals("invalid_request_error", error.path("type").asText()),
                    () -> assertEquals(param.isEmpty() ? null : param, error.path("param").textValue()),
                    () -> assertTrue(error.path("message").asText().contains(param.isEmpty() ? "not JSON" : param),
                            error.path("message").asText()));
        }
        assertTrue(backend.requests.isEmpty(), "no malformed request reaches the backend");
    }

    @Test
    void backendFailuresBecomeOpenAiErrors() throws Exception {
        backend.failWith = new Generation.Failure(Generation.UNSUPPORTED_ARM, "no steering sentence for 'xx'", false);
        HttpResponse<String> unsupported = post(userMessage("[{\"type\": \"image_url\", \"image_url\": {\"url\": \""
                + pngDataUrl(4, 4) + "\"}}]", ", \"ifl_steer_language\": \"xx\""));
        assertEquals(400, unsupported.statusCode());
        assertTrue(unsupported.body().contains("no steering sentence for 'xx'"), unsupported.body());

        backend.failWith = new Generation.Failure(Generation.BACKEND_FAILURE, "out of memory", true);
        HttpResponse<String> failed = post(userMessage("\"hi\"", ""));
        assertEquals(500, failed.statusCode());
        assertEquals("server_error", JSON.readTree(failed.body()).at("/error/type").asText());
    }

    @Test
    void modelsHealthUnknownPathsAndWrongMethods() throws Exception {
        HttpResponse<String> models = get("/v1/models");
        assertEquals(200, models.statusCode());
        assertEquals("recording@1", JSON.readTree(models.body()).at("/data/0/id").asText());
        assertEquals("model", JSON.readTree(models.body()).at("/data/0/object").asText());

        HttpResponse<String> health = get("/health");
        assertEquals(200, health.statusCode());
        assertEquals("UP", JSON.readTree(health.body()).path("status").asText());

        HttpResponse<String> missing = get("/v1/completions");
        assertEquals(404, missing.statusCode());
        assertEquals("not_found_error", JSON.readTree(missing.body()).at("/error/type").asText());

        HttpResponse<String> wrongMethod = get("/v1/chat/completions");
        assertEquals(405, wrongMethod.statusCode());
        assertEquals("POST", wrongMethod.headers().firstValue("Allow").orElse(""));
        assertFalse(JSON.readTree(wrongMethod.body()).at("/error/message").asText().isEmpty());
    }

    @Test
    void theServedModelNameCanBeSet() throws Exception {
        try (ChatCompletionsServer named = ChatCompletionsServer.start(backend,
                new ChatCompletionsServer.Settings("127.0.0.1", 0, "tiny-vlm", 1, 16, 1 << 20))) {
            assertEquals("tiny-vlm", named.modelName());
            assertTrue(named.baseUrl().toString().matches("http://127\\.0\\.0\\.1:\\d+/v1"), named.baseUrl()::toString);
        }
    }

    @Test
    void invalidSettingsReportEveryProblemAtOnce() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ChatCompletionsServer.Settings("", 70000, " ", 0, 0, 10));
        for (String field : List.of("host", "port", "modelName", "maxConcurrency", "defaultMaxTokens",
                "maxRequestBytes")) {
            assertTrue(e.getMessage().contains(field), "names " + field + ": " + e.getMessage());
        }
    }

    private static String userMessage(String content, String moreFields) {
        return "{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": " + content + "}]" + moreFields
                + "}";
    }

    private HttpResponse<String> post(String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        URI base = server.baseUrl();
        return client.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String pngDataUrl(int width, int height) throws Exception {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", png);
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
    }
}
