package org.ifl.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.ifl.platform.CauseChain;
import org.ifl.statsstream.CheckpointView;
import org.ifl.statsstream.EffectsView;
import org.ifl.statsstream.FiguresView;
import org.ifl.statsstream.SummaryView;

/** The stats service's HTTP API as the command line reads it; failures are one-line {@link CommandFailure}s. */
final class StatsApi {
    /** The wire format of the stats service: records by component name, instants as ISO 8601 or numbers. */
    static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** Longer error bodies (a stack trace page) are cut: the message must stay one readable line. */
    private static final int MAX_BODY_CHARS = 300;

    private final String base;
    private final String origin;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /**
     * @param base e.g. http://127.0.0.1:8470, no trailing slash
     * @param origin where the address came from, for messages ("--url", the file a service left it in), or null
     *     for the default
     */
    StatsApi(String base, String origin) {
        this.base = base;
        this.origin = origin;
    }

    /** @param base e.g. http://127.0.0.1:8470, no trailing slash */
    StatsApi(String base) {
        this(base, null);
    }

    String base() {
        return base;
    }

    /** The checkpoints the service has cells or published queries of. */
    List<CheckpointView> checkpoints() throws InterruptedException {
        return get(URI.create(base + "/checkpoints"), "/checkpoints", "", new TypeReference<>() { });
    }

    /** The cumulative figures of every cell of a checkpoint (scope CELL). */
    List<FiguresView> cells(String model, String checkpoint) throws InterruptedException {
        return get("/cells", model, checkpoint, new TypeReference<>() { });
    }

    /** The dataset and checkpoint summaries of a checkpoint. */
    SummaryView summary(String model, String checkpoint) throws InterruptedException {
        return get("/summary", model, checkpoint, new TypeReference<>() { });
    }

    /**
     * Design-factor effects of {@code checkpoints} (the first the reference) on {@code attributes} (all that differ,
     * if empty), of one language and dataset if given (null: all).
     */
    EffectsView effects(String model, List<String> checkpoints, List<String> attributes, String language,
            String dataset) throws InterruptedException {
        StringBuilder query = new StringBuilder("?model=").append(encode(model)).append("&checkpoints=")
                .append(encode(String.join(",", checkpoints)));
        if (!attributes.isEmpty()) {
            query.append("&attributes=").append(encode(String.join(",", attributes)));
        }
        if (language != null) {
            query.append("&language=").append(encode(language));
        }
        if (dataset != null) {
            query.append("&dataset=").append(encode(dataset));
        }
        return get(URI.create(base + "/effects" + query), "/effects", " for model " + model + ", checkpoints "
                + String.join(", ", checkpoints), new TypeReference<>() { });
    }

    /** GETs {@code path} for this model and checkpoint and reads the answer as {@code type}. */
    private <T> T get(String path, String model, String checkpoint, TypeReference<T> type)
            throws InterruptedException {
        URI uri = URI.create(base + path + "?model=" + encode(model) + "&checkpoint=" + encode(checkpoint));
        return get(uri, path, " for model " + model + ", checkpoint " + checkpoint, type);
    }

    /** GETs {@code uri} and reads the answer as {@code type}; {@code what} ends the messages about it. */
    private <T> T get(URI uri, String path, String what, TypeReference<T> type) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "application/json")
                .GET().build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new CommandFailure("the stats service is not reachable at " + base + (origin == null ? ""
                    : " (from " + origin + ")") + " (" + CauseChain.describe(e) + "); start it with `ifl stats`, or "
                    + "give its address with --url" + (origin == null || origin.equals("--url") ? ""
                    : " (a service that was killed leaves " + origin + " behind)"), e);
        } catch (HttpTimeoutException e) {
            throw new CommandFailure("the stats service at " + base + " did not answer GET " + path + " within "
                    + TIMEOUT.toSeconds() + " s", e);
        } catch (IOException e) {
            throw new CommandFailure("GET " + uri + " failed: " + CauseChain.describe(e), e);
        }
        if (response.statusCode() != 200) {
            throw new CommandFailure("the stats service at " + base + " answered GET " + path + what + " with HTTP "
                    + response.statusCode() + ": " + oneLine(response.body()));
        }
        try {
            return JSON.readValue(response.body(), type);
        } catch (JsonProcessingException e) {
            throw new CommandFailure("cannot read the answer to GET " + uri + ": " + e.getOriginalMessage(), e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String oneLine(String body) {
        String line = body == null || body.isBlank() ? "(no body)" : body.strip().replaceAll("\\s*\\R\\s*", " ");
        return line.length() <= MAX_BODY_CHARS ? line : line.substring(0, MAX_BODY_CHARS) + "...";
    }
}
