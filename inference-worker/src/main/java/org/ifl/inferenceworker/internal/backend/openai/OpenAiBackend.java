package org.ifl.inferenceworker.internal.backend.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.ifl.inferenceworker.ChatCompletionsServer;
import org.ifl.inferenceworker.Generation;
import org.ifl.inferenceworker.GenerationRequest;
import org.ifl.inferenceworker.InferenceBackend;
import org.ifl.schemas.avro.Arm;

/**
 * The {@code openai} backend: asks any OpenAI-compatible chat-completions server (vLLM, TGI, SGLang, llama.cpp,
 * Ollama, {@code ifl serve-model}) for each request of a batch, one {@code POST {baseUrl}/chat/completions} per
 * request, at most {@link OpenAiSettings#maxConcurrency()} at once.
 *
 * <p>A request is one user message: on the image arms a text part with the question and an {@code image_url} part
 * holding the image as a {@code data:<mediaType>;base64,...} URL; on the TEXT arm the description and the question
 * as one string ({@link GenerationRequest#textWithDescription()}). {@code max_tokens} is the request's
 * {@code maxNewTokens}, {@code temperature} the configured one.
 *
 * <p>429, 5xx, timeouts and I/O errors are retried with exponential backoff (a {@code Retry-After} in seconds is
 * honoured, both capped at {@link OpenAiSettings#maxBackoff()}); when the retries are spent the request fails
 * {@code TIMEOUT} (last attempt timed out) or {@code BACKEND_FAILURE}, retriable. Any other non-2xx status fails at
 * once, not retriable.
 *
 * <p>The backend cannot add a steering vector to a remote model. Unless the server steers by itself
 * ({@link OpenAiSettings#steeringSupported()}), IMAGE_REMEDY requests fail {@code UNSUPPORTED_ARM} without a call.
 * When it does, they are sent like IMAGE requests plus the extension field
 * {@value ChatCompletionsServer#STEER_LANGUAGE_FIELD} naming the expected language, which {@code ifl serve-model}
 * steers to; a server that steers otherwise must ignore the field.
 *
 * <p>{@link #modelRevision()} is the configured model name, so that completions carry it even when no request
 * succeeded.
 */
public final class OpenAiBackend implements InferenceBackend {
    public static final String NAME = "openai";

    /** Longest part of a response body quoted in a failure message. */
    static final int BODY_EXCERPT_CHARS = 300;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenAiSettings settings;
    private final URI endpoint;
    private final String authorization;
    private final HttpClient http;
    private final ExecutorService requests;

    /** A backend whose API key, if any, is read from the process environment. */
    public OpenAiBackend(OpenAiSettings settings) {
        this(settings, System::getenv);
    }

    /** A backend reading the API key through {@code environment} (name to value, null when unset). */
    public OpenAiBackend(OpenAiSettings settings, UnaryOperator<String> environment) {
        this.settings = settings;
        this.endpoint = settings.chatCompletionsUri();
        String key = settings.apiKeyEnv() == null ? null : environment.apply(settings.apiKeyEnv());
        this.authorization = key == null || key.isBlank() ? null : "Bearer " + key.strip();
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        AtomicInteger threads = new AtomicInteger();
        this.requests = Executors.newFixedThreadPool(settings.maxConcurrency(), task -> {
            Thread thread = new Thread(task, "openai-request-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The configured model name. */
    @Override
    public String modelRevision() {
        return settings.model();
    }

    @Override
    public boolean supportsSteering() {
        return settings.steeringSupported();
    }

    public OpenAiSettings settings() {
        return settings;
    }

    @Override
    public List<Generation> generate(List<GenerationRequest> batch) throws InterruptedException {
        List<Future<Generation>> pending = new ArrayList<>(batch.size());
        Generation[] out = new Generation[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            GenerationRequest request = batch.get(i);
            if (request.arm() == Arm.IMAGE_REMEDY && !settings.steeringSupported()) {
                out[i] = Generation.failed(Generation.UNSUPPORTED_ARM, request.queryId() + ": the openai backend "
                        + "cannot add a steering vector to a remote model, and the server at " + settings.baseUrl()
                        + " is not configured as steering by itself (steeringSupported=false)", false);
                pending.add(null);
            } else {
                pending.add(requests.submit(() -> answer(request)));
            }
        }
        try {
            for (int i = 0; i < batch.size(); i++) {
                if (pending.get(i) != null) {
                    out[i] = pending.get(i).get();
                }
            }
        } catch (InterruptedException e) {
            pending.forEach(future -> {
                if (future != null) {
                    future.cancel(true);
                }
            });
            throw e;
        } catch (ExecutionException e) {
            // answer() turns every failure into a Generation; anything else is a bug worth failing the batch for.
            throw new IllegalStateException("openai request failed unexpectedly", e.getCause());
        }
        return List.of(out);
    }

    /** One request with its retries. */
    private Generation answer(GenerationRequest request) {
        HttpRequest httpRequest;
        try {
            httpRequest = httpRequest(request);
        } catch (IOException e) {
            return Generation.failed(Generation.INVALID_QUERY, request.queryId() + ": cannot write the request: "
                    + e.getMessage(), false);
        }
        Attempt last = null;
        for (int attempt = 0; attempt <= settings.maxRetries(); attempt++) {
            if (attempt > 0) {
                try {
                    Thread.sleep(backoff(attempt, last.retryAfter()).toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Generation.failed(Generation.BACKEND_FAILURE, request.queryId() + ": interrupted while "
                            + "waiting to retry; last: " + last.problem(), true);
                }
            }
            HttpResponse<String> response;
            try {
                response = http.send(httpRequest, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (HttpTimeoutException e) {
                last = new Attempt(Generation.TIMEOUT, "no answer within " + settings.requestTimeout().toMillis()
                        + " ms (" + e.getMessage() + ")", Optional.empty());
                continue;
            } catch (IOException e) {
                last = new Attempt(Generation.BACKEND_FAILURE, "I/O error: " + e, Optional.empty());
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Generation.failed(Generation.BACKEND_FAILURE, request.queryId() + ": interrupted while "
                        + "waiting for " + endpoint, true);
            }
            int status = response.statusCode();
            if (status / 100 == 2) {
                return parse(request, response.body());
            }
            String problem = "HTTP " + status + ": " + excerpt(response.body());
            if (status == 429 || status / 100 == 5) {
                last = new Attempt(Generation.BACKEND_FAILURE, problem, retryAfter(response));
                continue;
            }
            return Generation.failed(Generation.BACKEND_FAILURE, request.queryId() + ": POST " + endpoint
                    + " was refused, not retried: " + problem, false);
        }
        return Generation.failed(last.code(), request.queryId() + ": POST " + endpoint + " failed "
                + (settings.maxRetries() + 1) + " times; last: " + last.problem(), true);
    }

    HttpRequest httpRequest(GenerationRequest request) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", settings.model());
        ObjectNode message = body.putArray("messages").addObject();
        message.put("role", "user");
        if (request.arm() == Arm.TEXT) {
            message.put("content", request.textWithDescription());
        } else {
            ArrayNode content = message.putArray("content");
            content.addObject().put("type", "text").put("text", request.prompt());
            content.addObject().put("type", "image_url").putObject("image_url").put("url",
                    "data:" + request.image().mediaType() + ";base64,"
                            + Base64.getEncoder().encodeToString(request.image().bytes()));
        }
        body.put("max_tokens", request.maxNewTokens());
        body.put("temperature", settings.temperature());
        if (request.arm() == Arm.IMAGE_REMEDY) {
            body.put(ChatCompletionsServer.STEER_LANGUAGE_FIELD, request.expectedLanguage());
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder.build();
    }

    private Generation parse(GenerationRequest request, String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            return Generation.failed(Generation.BACKEND_FAILURE, request.queryId() + ": the answer from " + endpoint
                    + " is not JSON: " + excerpt(body), true);
        }
        JsonNode content = root.path("choices").path(0).path("message").path("content");
        if (!content.isTextual()) {
            return Generation.failed(Generation.BACKEND_FAILURE, request.queryId() + ": the answer from " + endpoint
                    + " has no text in choices[0].message.content: " + excerpt(body), true);
        }
        JsonNode usage = root.path("usage");
        return Generation.answered(content.asText(), usage.path("prompt_tokens").asInt(0),
                usage.path("completion_tokens").asInt(0), steering(root.path(ChatCompletionsServer.STEERING_FIELD)));
    }

    /** The vector {@code ifl serve-model} reports having steered with; null from any other server. */
    private static Generation.AppliedSteering steering(JsonNode node) {
        if (!node.isObject() || !node.path("vector_id").isTextual()) {
            return null;
        }
        return new Generation.AppliedSteering(node.path("vector_id").asText(), node.path("layer").asInt(),
                node.path("pooling").asText(), (float) node.path("scale").asDouble());
    }

    /** The wait before retry number {@code retry} (1-based). */
    Duration backoff(int retry, Optional<Duration> retryAfter) {
        Duration wait = retryAfter.orElseGet(() -> {
            Duration exponential = settings.initialBackoff();
            for (int i = 1; i < retry && exponential.compareTo(settings.maxBackoff()) < 0; i++) {
                exponential = exponential.multipliedBy(2);
            }
            return exponential;
        });
        return wait.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : wait;
    }

    /** {@code Retry-After} in seconds; the HTTP-date form is ignored (exponential backoff applies). */
    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                long seconds = Long.parseLong(value.strip());
                return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    static String excerpt(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ").strip();
        if (flat.isEmpty()) {
            return "(empty body)";
        }
        return flat.length() <= BODY_EXCERPT_CHARS ? flat : flat.substring(0, BODY_EXCERPT_CHARS) + "...";
    }

    @Override
    public void close() {
        requests.shutdownNow();
    }

    /** How an attempt that may be retried went. */
    private record Attempt(String code, String problem, Optional<Duration> retryAfter) {
    }
}
