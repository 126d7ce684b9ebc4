package org.ifl.inferenceworker.internal.backend.openai;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Filter;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.ifl.inferenceworker.ChatCompletionsServer;
import org.ifl.inferenceworker.Generation;
import org.ifl.inferenceworker.GenerationRequest;
import org.ifl.inferenceworker.InferenceBackend;
import org.ifl.inferenceworker.QueryImage;
import org.ifl.inferenceworker.ReferenceVlmBackend;
import org.ifl.inferenceworker.internal.serve.RecordingFilter;
import org.ifl.schemas.avro.Arm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The openai backend against a real {@link ChatCompletionsServer} on a free port serving the bundled reference VLM:
 * what goes over the wire must give the answers the reference backend gives in process.
 */
class OpenAiBackendTest {
    private static final int MAX_NEW_TOKENS = 24;

    private static ReferenceVlmBackend reference;
    private static QueryImage redCircle;

    @BeforeAll
    static void loadReferenceModel() throws Exception {
        reference = ReferenceVlmBackend.bundled();
        redCircle = png(redCircleOnWhite());
    }

    @AfterAll
    static void closeReferenceModel() {
        if (reference != null) {
            reference.close();
        }
    }

    @Test
    void imageAndTextRequestsGetTheAnswersTheReferenceModelGivesInProcess() throws Exception {
        GenerationRequest image = request("q-image", Arm.IMAGE, "What is in the picture?");
        GenerationRequest text = new GenerationRequest("q-text", Arm.TEXT, "What is in the picture?",
                "There is one red circle in the picture.", null, "en", MAX_NEW_TOKENS);
        Generation directImage = reference.generate(List.of(image)).get(0);
        Generation directText = reference.generate(List.of(text)).get(0);

        List<Generation> answers;
        try (ChatCompletionsServer server = serve(reference);
             OpenAiBackend backend = new OpenAiBackend(settings(server))) {
            answers = backend.generate(List.of(image, text));
        }

        assertAll(
                () -> assertAnswered(answers.get(0)),
                () -> assertAnswered(answers.get(1)),
                () -> assertEquals(directImage.text(), answers.get(0).text()),
                () -> assertEquals(directText.text(), answers.get(1).text()),
                () -> assertEquals(directImage.promptTokens(), answers.get(0).promptTokens()),
                () -> assertEquals(directText.completionTokens(), answers.get(1).completionTokens()),
                () -> assertNull(answers.get(0).steering()));
    }

    @Test
    void steeredRemedyRequestsGetTheReferenceModelsSteeredAnswer() throws Exception {
        GenerationRequest remedy = new GenerationRequest("q-remedy", Arm.IMAGE_REMEDY, "Was ist auf dem Bild?", null,
                redCircle, "de", MAX_NEW_TOKENS);
        Generation direct = reference.generate(List.of(remedy)).get(0);

        Generation answer;
        try (ChatCompletionsServer server = serve(reference);
             OpenAiBackend backend = new OpenAiBackend(settings(server).withSteeringSupported(true))) {
            answer = backend.generate(List.of(remedy)).get(0);
        }

        assertAnswered(answer);
        assertEquals(direct.text(), answer.text());
        assertNotNull(answer.steering(), "serve-model reports the vector it steered with");
        assertEquals(direct.steering().vectorId(), answer.steering().vectorId());
        assertEquals(direct.steering().layer(), answer.steering().layer());
    }

    @Test
    void tooManyRequestsIsRetriedAfterTheServersRetryAfter() throws Exception {
        RecordingFilter filter = new RecordingFilter().refuseNext(2, 429,
                "{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit_error\"}}", Map.of("Retry-After", "0"));
        GenerationRequest image = request("q-429", Arm.IMAGE, "What is in the picture?");
        Generation answer;
        long start = System.nanoTime();
        try (ChatCompletionsServer server = serve(reference, filter);
             OpenAiBackend backend = new OpenAiBackend(settings(server)
                     // an exponential wait of 20 s would show up: Retry-After 0 must win
                     .withRetries(3, Duration.ofSeconds(20), Duration.ofSeconds(30)))) {
            answer = backend.generate(List.of(image)).get(0);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertAnswered(answer);
        assertEquals(3, filter.chatRequests(), "two refused, the third answered");
        assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "took " + took);
    }

    @Test
    void aServerSlowerThanTheTimeoutFailsTimeoutAfterEveryRetry() throws Exception {
        RecordingFilter filter = new RecordingFilter();
        GenerationRequest image = request("q-slow", Arm.IMAGE, "What is in the picture?");
        Generation answer;
        try (InferenceBackend slow = new DelayedAnswerBackend(Duration.ofSeconds(3));
             ChatCompletionsServer server = serve(slow, filter);
             OpenAiBackend backend = new OpenAiBackend(settings(server)
                     .withRequestTimeout(Duration.ofMillis(500))
                     .withRetries(2, Duration.ofMillis(10), Duration.ofMillis(50)))) {
            answer = backend.generate(List.of(image)).get(0);
        }

        assertFalse(answer.succeeded());
        assertEquals(Generation.TIMEOUT, answer.failure().code());
        assertTrue(answer.failure().retriable());
        assertTrue(answer.failure().message().contains("failed 3 times"), answer.failure().message());
        assertEquals(3, filter.chatRequests(), "the first attempt and two retries");
    }

    @Test
    void serverErrorsAreRetriedThenFailRetriableWithStatusAndBody() throws Exception {
        RecordingFilter filter = new RecordingFilter().refuseNext(10, 503, "model is loading", Map.of());
        Generation answer;
        try (ChatCompletionsServer server = serve(reference, filter);
             OpenAiBackend backend = new OpenAiBackend(settings(server)
                     .withRetries(1, Duration.ofMillis(10), Duration.ofMillis(10)))) {
            answer = backend.generate(List.of(request("q-503", Arm.IMAGE, "What?"))).get(0);
        }

        assertEquals(Generation.BACKEND_FAILURE, answer.failure().code());
        assertTrue(answer.failure().retriable());
        assertTrue(answer.failure().message().contains("HTTP 503: model is loading"), answer.failure().message());
        assertEquals(2, filter.chatRequests());
    }

    @Test
    void aServerThatIsNotThereFailsRetriableAfterTheRetries() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Generation answer;
        try (OpenAiBackend backend = new OpenAiBackend(OpenAiSettings.defaults("http://127.0.0.1:" + closedPort
                + "/v1", "m").withRetries(1, Duration.ofMillis(10), Duration.ofMillis(10)))) {
            answer = backend.generate(List.of(request("q-gone", Arm.IMAGE, "What?"))).get(0);
        }

        assertEquals(Generation.BACKEND_FAILURE, answer.failure().code());
        assertTrue(answer.failure().retriable());
        assertTrue(answer.failure().message().contains("failed 2 times; last: I/O error"), answer.failure().message());
    }

    @Test
    void remedyRequestsFailUnsupportedWithoutACallWhenTheServerDoesNotSteer() throws Exception {
        RecordingFilter filter = new RecordingFilter();
        GenerationRequest remedy = new GenerationRequest("q-remedy", Arm.IMAGE_REMEDY, "Was ist auf dem Bild?", null,
                redCircle, "de", MAX_NEW_TOKENS);
        Generation answer;
        try (ChatCompletionsServer server = serve(reference, filter);
             OpenAiBackend backend = new OpenAiBackend(settings(server))) {
            assertFalse(backend.supportsSteering());
            answer = backend.generate(List.of(remedy)).get(0);
        }

        assertEquals(Generation.UNSUPPORTED_ARM, answer.failure().code());
        assertFalse(answer.failure().retriable());
        assertTrue(answer.failure().message().contains("cannot add a steering vector"), answer.failure().message());
        assertEquals(0, filter.chatRequests(), "no HTTP request");
    }

    @Test
    void aMalformedBodyGets400NamingTheField() throws Exception {
        try (ChatCompletionsServer server = serve(reference)) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":42}]}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(400, response.statusCode());
            JsonNode error = new ObjectMapper().readTree(response.body()).path("error");
            assertEquals("invalid_request_error", error.path("type").asText());
            assertEquals("messages[0].content", error.path("param").asText());
            assertTrue(error.path("message").asText().contains("messages[0].content"), response.body());
        }
    }

    @Test
    void clientErrorsFailAtOnceWithStatusAndBody() throws Exception {
        RecordingFilter filter = new RecordingFilter().refuseNext(10, 400,
                "{\"error\":{\"message\":\"max_tokens is too large\",\"param\":\"max_tokens\"}}", Map.of());
        Generation answer;
        try (ChatCompletionsServer server = serve(reference, filter);
             OpenAiBackend backend = new OpenAiBackend(settings(server))) {
            answer = backend.generate(List.of(request("q-400", Arm.IMAGE, "What?"))).get(0);
        }

        assertEquals(Generation.BACKEND_FAILURE, answer.failure().code());
        assertFalse(answer.failure().retriable());
        assertTrue(answer.failure().message().contains("HTTP 400"), answer.failure().message());
        assertTrue(answer.failure().message().contains("max_tokens is too large"), answer.failure().message());
        assertEquals(1, filter.chatRequests(), "not retried");
    }

    @Test
    void theApiKeyFromTheNamedVariableIsSentAsBearerToken() throws Exception {
        RecordingFilter filter = new RecordingFilter();
        try (InferenceBackend instant = new DelayedAnswerBackend(Duration.ZERO);
             ChatCompletionsServer server = serve(instant, filter)) {
            OpenAiSettings withKey = settings(server).withApiKeyEnv("IFL_TEST_API_KEY");
            try (OpenAiBackend backend = new OpenAiBackend(withKey,
                    name -> name.equals("IFL_TEST_API_KEY") ? "sk-test" : null)) {
                assertAnswered(backend.generate(List.of(request("q-key", Arm.IMAGE, "What?"))).get(0));
            }
            try (OpenAiBackend backend = new OpenAiBackend(withKey, name -> null)) {
                assertAnswered(backend.generate(List.of(request("q-nokey", Arm.IMAGE, "What?"))).get(0));
            }
        }
        assertEquals(List.of(Optional.of("Bearer sk-test"), Optional.empty()), filter.authorizations());
    }

    @Test
    void theBackendNamesItselfAndTheConfiguredModel() {
        try (OpenAiBackend backend = new OpenAiBackend(OpenAiSettings.defaults("http://localhost:8000/v1/",
                "Qwen/Qwen2-VL-2B-Instruct"))) {
            assertEquals("openai", backend.name());
            assertEquals("Qwen/Qwen2-VL-2B-Instruct", backend.modelRevision());
            assertEquals(URI.create("http://localhost:8000/v1/chat/completions"),
                    backend.settings().chatCompletionsUri());
        }
    }

    @Test
    void backoffDoublesUpToTheCapAndRetryAfterIsCapped() {
        try (OpenAiBackend backend = new OpenAiBackend(OpenAiSettings.defaults("http://localhost:8000/v1", "m")
                .withRetries(6, Duration.ofMillis(100), Duration.ofMillis(1000)))) {
            assertEquals(List.of(100L, 200L, 400L, 800L, 1000L, 1000L),
                    java.util.stream.IntStream.rangeClosed(1, 6)
                            .mapToObj(retry -> backend.backoff(retry, Optional.empty()).toMillis()).toList());
            assertEquals(Duration.ZERO, backend.backoff(3, Optional.of(Duration.ZERO)));
            assertEquals(Duration.ofMillis(1000), backend.backoff(1, Optional.of(Duration.ofSeconds(60))));
        }
    }

    @Test
    void invalidSettingsReportEveryProblemAtOnce() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new OpenAiSettings(
                "ftp://host/v1", " ", "NOT-A-NAME", 0, Duration.ZERO, -1, Duration.ofMillis(-1), Duration.ofMillis(-1),
                2.5, false));
        for (String field : List.of("baseUrl 'ftp://host/v1'", "model", "apiKeyEnv 'NOT-A-NAME'", "maxConcurrency",
                "requestTimeout", "maxRetries", "initialBackoff", "maxBackoff", "temperature")) {
            assertTrue(e.getMessage().contains(field), "names " + field + ": " + e.getMessage());
        }
    }

    private static void assertAnswered(Generation generation) {
        assertTrue(generation.succeeded(), () -> "failed: " + generation.failure());
        assertFalse(generation.text().isEmpty(), "empty answer");
        assertTrue(generation.promptTokens() > 0, "prompt tokens");
        assertTrue(generation.completionTokens() > 0, "completion tokens");
    }

    private static ChatCompletionsServer serve(InferenceBackend backend, RecordingFilter... filters)
            throws IOException {
        return ChatCompletionsServer.start(backend, ChatCompletionsServer.Settings.of("127.0.0.1", 0),
                List.<Filter>of(filters));
    }

    private static OpenAiSettings settings(ChatCompletionsServer server) {
        return OpenAiSettings.defaults(server.baseUrl().toString(), server.modelName())
                .withRequestTimeout(Duration.ofSeconds(20))
                .withRetries(2, Duration.ofMillis(10), Duration.ofMillis(100));
    }

    private static GenerationRequest request(String id, Arm arm, String question) {
        return new GenerationRequest(id, arm, question, null, redCircle, "en", MAX_NEW_TOKENS);
    }

    private static BufferedImage redCircleOnWhite() {
        BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, 32, 32);
            g.setColor(Color.RED);
            g.fillOval(6, 6, 20, 20);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** The image as the worker holds it: PNG bytes and the pixels decoded from them. */
    private static QueryImage png(BufferedImage image) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        byte[] png = bytes.toByteArray();
        return new QueryImage(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(png)),
                "image/png", png, ImageIO.read(new ByteArrayInputStream(png)));
    }
}
