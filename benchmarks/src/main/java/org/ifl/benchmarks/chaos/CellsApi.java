package org.ifl.benchmarks.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** stats-stream's {@code GET /cells}, as JSON text, for each window asked. */
final class CellsApi {
    /** The window of the figures over everything so far. */
    static final String CUMULATIVE = "cumulative";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** How long a service that answers 503 (its state not yet restored) is waited for. */
    private static final Duration STARTING_WAIT = Duration.ofMinutes(5);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;

    /** @param url the stats service, e.g. http://127.0.0.1:8470 */
    CellsApi(String url) {
        this.url = url;
    }

    /** Every cell of each window (cumulative: {@code "cumulative"}), in the service's order, by window. */
    Map<String, String> cells(List<String> windows) throws IOException, InterruptedException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String window : windows) {
            out.put(window, get("/cells?window=" + URLEncoder.encode(window, StandardCharsets.UTF_8)));
        }
        return out;
    }

    /**
     * The answer to {@code path}. A 503 means the service is restoring its state (a restarted stats-stream whose
     * committed offsets are already at the end): asked again each second for up to {@link #STARTING_WAIT}.
     */
    private String get(String path) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + STARTING_WAIT.toNanos();
        while (true) {
            var response = http.send(HttpRequest.newBuilder(URI.create(url + path)).timeout(REQUEST_TIMEOUT).GET()
                    .build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() == 200) {
                return response.body();
            }
            if (response.statusCode() != 503 || System.nanoTime() > deadline) {
                throw new IOException("GET " + url + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            Thread.sleep(1_000);
        }
    }
}
