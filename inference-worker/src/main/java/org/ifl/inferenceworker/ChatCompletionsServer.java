package org.ifl.inferenceworker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.ifl.inferenceworker.internal.serve.ChatCompletionRequest;
import org.ifl.inferenceworker.internal.serve.InvalidChatRequestException;
import org.ifl.platform.service.http.ExchangeReply;

/**
 * A small OpenAI-compatible HTTP server in front of any {@link InferenceBackend} (in practice the reference VLM,
 * {@code ifl serve-model}), so that the {@code openai} backend, or any OpenAI client, can query it.
 *
 * <ul>
 *   <li>{@code POST /v1/chat/completions}: the last user message (a string, or {@code text} and
 *       {@code image_url} parts with a base64 data URL) becomes one backend request, see
 *       {@link ChatCompletionRequest}; the extension field {@value #STEER_LANGUAGE_FIELD} asks for the
 *       IMAGE_REMEDY arm steered to that language, and a steered answer carries {@value #STEERING_FIELD}.
 *   <li>{@code GET /v1/models}: the one model served.
 *   <li>{@code GET /health}: 200 while serving.
 * </ul>
 *
 * Errors are OpenAI-style {@code {"error":{"message","type","param","code"}}}: 400 for a body that is wrong (the
 * message names the field), 404, 405, 413, 500 when the backend fails. Requests are handled by at most
 * {@link Settings#maxConcurrency()} threads and reach the backend one at a time (one request per backend call):
 * backends such as the DJL one run one batch at a time. The {@code model} a request names is not checked: whatever it
 * says, the one model answers.
 *
 * <p>Closing the server does not close the backend.
 */
public final class ChatCompletionsServer implements AutoCloseable {

    /** Request extension: ISO 639-1 code of the language to steer an image answer to (IMAGE_REMEDY arm). */
    public static final String STEER_LANGUAGE_FIELD = "ifl_steer_language";
    /** Response extension: the vector an answer was steered with ({@code vector_id, layer, pooling, scale}). */
    public static final String STEERING_FIELD = "ifl_steering";

    public static final String CHAT_COMPLETIONS_PATH = "/v1/chat/completions";
    public static final String MODELS_PATH = "/v1/models";
    public static final String HEALTH_PATH = "/health";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final InferenceBackend backend;
    private final Settings settings;
    private final String modelName;
    private final HttpServer server;
    private final ExecutorService handlers;
    private final ReentrantLock backendLock = new ReentrantLock(true);
    private final AtomicLong completionIds = new AtomicLong();
    private final long created = Instant.now().getEpochSecond();

    /**
     * Where and how the server listens.
     *
     * @param host             the address to bind, e.g. 127.0.0.1 (this host only) or 0.0.0.0
     * @param port             the port; 0 picks a free one
     * @param modelName        the name in {@code /v1/models} and in answers; null: the backend's model revision
     * @param maxConcurrency   the most requests handled at once (they still reach the backend one at a time)
     * @param defaultMaxTokens {@code max_tokens} of requests that give none
     * @param maxRequestBytes  larger bodies are refused with 413
     */
    public record Settings(String host, int port, String modelName, int maxConcurrency, int defaultMaxTokens,
            int maxRequestBytes) {

        public Settings {
            List<String> problems = new ArrayList<>();
            if (host == null || host.isBlank()) {
                problems.add("host is missing");
            }
            if (port < 0 || port > 65535) {
                problems.add("port must be in 0..65535 (0: a free one), not " + port);
            }
            if (modelName != null && modelName.isBlank()) {
                problems.add("modelName must not be blank (null: the backend's model revision)");
            }
            if (maxConcurrency < 1) {
                problems.add("maxConcurrency must be at least 1, not " + maxConcurrency);
            }
            if (defaultMaxTokens < 1) {
                problems.add("defaultMaxTokens must be at least 1, not " + defaultMaxTokens);
            }
            if (maxRequestBytes < 1024) {
                problems.add("maxRequestBytes must be at least 1024, not " + maxRequestBytes);
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("invalid chat-completions server settings: "
                        + String.join("; ", problems));
            }
        }

        /** {@code host:port}, the backend's revision as model name, 4 handlers, 256 tokens, 32 MiB bodies. */
        public static Settings of(String host, int port) {
            return new Settings(host, port, null, 4, 256, 32 << 20);
        }
    }

    private ChatCompletionsServer(InferenceBackend backend, Settings settings, List<Filter> filters)
            throws IOException {
        this.backend = backend;
        this.settings = settings;
        this.modelName = settings.modelName() != null ? settings.modelName() : backend.modelRevision();
        this.server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 0);
        AtomicInteger threads = new AtomicInteger();
        this.handlers = Executors.newFixedThreadPool(settings.maxConcurrency(), task -> {
            Thread thread = new Thread(task, "chat-completions-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(handlers);
        HttpContext context = server.createContext("/", this::handle);
        context.getFilters().addAll(filters);
        server.start();
    }

    /** Starts serving {@code backend}. */
    public static ChatCompletionsServer start(InferenceBackend backend, Settings settings) throws IOException {
        return start(backend, settings, List.of());
    }

    /**
     * Starts serving {@code backend}, every exchange passing through {@code filters} first (in order): for access
     * logs, authentication, or faults injected by tests.
     */
    public static ChatCompletionsServer start(InferenceBackend backend, Settings settings, List<Filter> filters)
            throws IOException {
        return new ChatCompletionsServer(backend, settings, filters);
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** {@code http://host:port/v1}: the base URL OpenAI clients are given. */
    public URI baseUrl() {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getHostString();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + address.getPort() + "/v1");
    }

    public String modelName() {
        return modelName;
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            try {
                route(exchange);
            } catch (RuntimeException e) {
                respond(exchange, 500, error("the server failed: " + e, "server_error", null));
            }
        } catch (IOException e) {
            // the client went away (e.g. timed out) before the answer was written: nobody left to tell
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        switch (path) {
            case CHAT_COMPLETIONS_PATH -> {
                if (allowed(exchange, method, "POST")) {
                    chatCompletion(exchange);
                }
            }
            case MODELS_PATH -> {
                if (allowed(exchange, method, "GET")) {
                    respond(exchange, 200, models());
                }
            }
            case HEALTH_PATH -> {
                if (allowed(exchange, method, "GET")) {
                    respond(exchange, 200, JSON.createObjectNode().put("status", "UP").put("model", modelName));
                }
            }
            default -> respond(exchange, 404, error("no such path: " + method + " " + path + " (this server answers "
                    + "POST " + CHAT_COMPLETIONS_PATH + ", GET " + MODELS_PATH + " and GET " + HEALTH_PATH + ")",
                    "not_found_error", null));
        }
    }

    private static boolean allowed(HttpExchange exchange, String method, String allowed) throws IOException {
        if (method.equals(allowed)) {
            return true;
        }
        exchange.getResponseHeaders().set("Allow", allowed);
        respond(exchange, 405, error(method + " is not allowed on " + exchange.getRequestURI().getPath() + "; use "
                + allowed, "invalid_request_error", null));
        return false;
    }

    private void chatCompletion(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(settings.maxRequestBytes() + 1);
        }
        if (body.length > settings.maxRequestBytes()) {
            respond(exchange, 413, error("the request body is larger than " + settings.maxRequestBytes() + " bytes",
                    "invalid_request_error", null));
            return;
        }
        ChatCompletionRequest chat;
        try {
            JsonNode json;
            try {
                json = JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new InvalidChatRequestException(null, "the request body is not JSON: "
                        + e.getOriginalMessage());
            }
            chat = ChatCompletionRequest.parse(json, settings.defaultMaxTokens());
        } catch (InvalidChatRequestException e) {
            respond(exchange, 400, error(e.getMessage(), "invalid_request_error", e.param()));
            return;
        }
        String id = "chatcmpl-" + completionIds.incrementAndGet();
        GenerationRequest request = chat.toGenerationRequest(id);
        Generation generation;
        try {
            backendLock.lockInterruptibly();
            try {
                generation = backend.generate(List.of(request)).get(0);
            } finally {
                backendLock.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            respond(exchange, 503, error("the server is shutting down", "server_error", null));
            return;
        } catch (Exception e) {
            respond(exchange, 500, error("the backend failed: " + e, "server_error", null));
            return;
        }
        if (!generation.succeeded()) {
            Generation.Failure failure = generation.failure();
            respond(exchange, statusOf(failure), error(failure.code() + ": " + failure.message(),
                    statusOf(failure) == 400 ? "invalid_request_error" : "server_error",
                    failure.code().equals(Generation.UNSUPPORTED_ARM) ? STEER_LANGUAGE_FIELD : null));
            return;
        }
        respond(exchange, 200, completion(id, request, generation));
    }

    private static int statusOf(Generation.Failure failure) {
        return switch (failure.code()) {
            case Generation.UNSUPPORTED_ARM, Generation.INVALID_QUERY, Generation.IMAGE_UNREADABLE -> 400;
            case Generation.TIMEOUT -> 504;
            default -> 500;
        };
    }

    private ObjectNode completion(String id, GenerationRequest request, Generation generation) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", id);
        root.put("object", "chat.completion");
        root.put("created", Instant.now().getEpochSecond());
        root.put("model", modelName);
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", generation.text());
        choice.put("finish_reason", generation.completionTokens() >= request.maxNewTokens() ? "length" : "stop");
        root.putObject("usage")
                .put("prompt_tokens", generation.promptTokens())
                .put("completion_tokens", generation.completionTokens())
                .put("total_tokens", generation.promptTokens() + generation.completionTokens());
        Generation.AppliedSteering steering = generation.steering();
        if (steering != null) {
            root.putObject(STEERING_FIELD)
                    .put("vector_id", steering.vectorId())
                    .put("layer", steering.layer())
                    .put("pooling", steering.pooling())
                    .put("scale", steering.scale());
        }
        return root;
    }

    private ObjectNode models() {
        ObjectNode root = JSON.createObjectNode().put("object", "list");
        root.putArray("data").addObject()
                .put("id", modelName)
                .put("object", "model")
                .put("created", created)
                .put("owned_by", "ifl-" + backend.name());
        return root;
    }

    private static ObjectNode error(String message, String type, String param) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", message);
        error.put("type", type);
        error.put("param", param);
        error.putNull("code");
        return root;
    }

    private static void respond(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        ExchangeReply.send(exchange, status, "application/json; charset=utf-8", JSON.writeValueAsBytes(body));
    }

    /** Stops listening and interrupts requests still being answered; the backend stays open. */
    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
        try {
            handlers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
