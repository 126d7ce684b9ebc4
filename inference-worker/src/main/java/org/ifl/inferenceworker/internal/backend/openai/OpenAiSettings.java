package org.ifl.inferenceworker.internal.backend.openai;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How the {@code openai} backend reaches an OpenAI-compatible chat-completions server. Every field is checked when
 * the record is made, and all problems are reported in one {@link IllegalArgumentException}.
 *
 * @param baseUrl           the API root the paths hang off, e.g. {@code http://localhost:8000/v1}; requests go to
 *                          {@code {baseUrl}/chat/completions}
 * @param model             the {@code model} every request names; also the backend's model revision
 * @param apiKeyEnv         name of the environment variable holding the API key, sent as
 *                          {@code Authorization: Bearer <key>}; null, or a variable that is unset or blank, sends no
 *                          such header
 * @param maxConcurrency    the most requests in flight at once, over all batches
 * @param requestTimeout    how long one HTTP attempt may take, connecting included
 * @param maxRetries        attempts after the first on 429, 5xx, timeouts and I/O errors
 * @param initialBackoff    the wait before the first retry; it doubles before each further one
 * @param maxBackoff        the longest wait between attempts, a server's {@code Retry-After} included
 * @param temperature       sent as {@code temperature}; 0 asks for greedy decoding
 * @param steeringSupported whether the server steers IMAGE_REMEDY requests itself (see {@link OpenAiBackend})
 */
public record OpenAiSettings(String baseUrl, String model, String apiKeyEnv, int maxConcurrency,
        Duration requestTimeout, int maxRetries, Duration initialBackoff, Duration maxBackoff, double temperature,
        boolean steeringSupported) {

    public static final int DEFAULT_MAX_CONCURRENCY = 8;
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(120);
    public static final int DEFAULT_MAX_RETRIES = 3;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);

    public OpenAiSettings {
        List<String> problems = new ArrayList<>();
        if (baseUrl == null || baseUrl.isBlank()) {
            problems.add("baseUrl is missing (e.g. http://localhost:8000/v1)");
        } else {
            String urlProblem = urlProblem(baseUrl);
            if (urlProblem != null) {
                problems.add("baseUrl '" + baseUrl + "' " + urlProblem);
            }
        }
        if (model == null || model.isBlank()) {
            problems.add("model is missing: the name the server serves the model under");
        }
        if (apiKeyEnv != null && !apiKeyEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            problems.add("apiKeyEnv '" + apiKeyEnv + "' is not an environment variable name");
        }
        if (maxConcurrency < 1) {
            problems.add("maxConcurrency must be at least 1, not " + maxConcurrency);
        }
        if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
            problems.add("requestTimeout must be positive, not " + requestTimeout);
        }
        if (maxRetries < 0) {
            problems.add("maxRetries must be at least 0, not " + maxRetries);
        }
        if (initialBackoff == null || initialBackoff.isNegative()) {
            problems.add("initialBackoff must be 0 or more, not " + initialBackoff);
        }
        if (maxBackoff == null || maxBackoff.isNegative()) {
            problems.add("maxBackoff must be 0 or more, not " + maxBackoff);
        } else if (initialBackoff != null && maxBackoff.compareTo(initialBackoff) < 0) {
            problems.add("maxBackoff (" + maxBackoff + ") must not be shorter than initialBackoff (" + initialBackoff
                    + ")");
        }
        if (!(temperature >= 0 && temperature <= 2)) {
            problems.add("temperature must be in [0, 2], not " + temperature);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid openai backend settings: " + String.join("; ", problems));
        }
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** Settings for {@code model} at {@code baseUrl}: no API key, the defaults above, temperature 0, no steering. */
    public static OpenAiSettings defaults(String baseUrl, String model) {
        return new OpenAiSettings(baseUrl, model, null, DEFAULT_MAX_CONCURRENCY, DEFAULT_REQUEST_TIMEOUT,
                DEFAULT_MAX_RETRIES, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF, 0, false);
    }

    public OpenAiSettings withApiKeyEnv(String variable) {
        return new OpenAiSettings(baseUrl, model, variable, maxConcurrency, requestTimeout, maxRetries,
                initialBackoff, maxBackoff, temperature, steeringSupported);
    }

    public OpenAiSettings withMaxConcurrency(int requests) {
        return new OpenAiSettings(baseUrl, model, apiKeyEnv, requests, requestTimeout, maxRetries, initialBackoff,
                maxBackoff, temperature, steeringSupported);
    }

    public OpenAiSettings withRequestTimeout(Duration timeout) {
        return new OpenAiSettings(baseUrl, model, apiKeyEnv, maxConcurrency, timeout, maxRetries, initialBackoff,
                maxBackoff, temperature, steeringSupported);
    }

    /** Retries after the first attempt and the backoff before them. */
    public OpenAiSettings withRetries(int retries, Duration initial, Duration max) {
        return new OpenAiSettings(baseUrl, model, apiKeyEnv, maxConcurrency, requestTimeout, retries, initial, max,
                temperature, steeringSupported);
    }

    public OpenAiSettings withTemperature(double value) {
        return new OpenAiSettings(baseUrl, model, apiKeyEnv, maxConcurrency, requestTimeout, maxRetries,
                initialBackoff, maxBackoff, value, steeringSupported);
    }

    public OpenAiSettings withSteeringSupported(boolean supported) {
        return new OpenAiSettings(baseUrl, model, apiKeyEnv, maxConcurrency, requestTimeout, maxRetries,
                initialBackoff, maxBackoff, temperature, supported);
    }

    /** {@code {baseUrl}/chat/completions}. */
    public URI chatCompletionsUri() {
        return URI.create(baseUrl + "/chat/completions");
    }

    private static String urlProblem(String url) {
        try {
            URI uri = new URI(url);
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
                return "is not an http or https URL";
            }
            if (uri.getHost() == null) {
                return "has no host";
            }
            if (uri.getQuery() != null || uri.getFragment() != null) {
                return "must not have a query or fragment";
            }
            return null;
        } catch (URISyntaxException e) {
            return "is not a URL: " + e.getMessage();
        }
    }
}
