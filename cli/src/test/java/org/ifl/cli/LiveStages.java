package org.ifl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.ifl.platform.EmbeddedPlatform;
import org.ifl.platform.service.ServiceContext;
import org.ifl.platform.testkit.Await;

/**
 * lid-stream and stats-stream on the embedded platform as the browser ITs run them (settings for
 * {@link ServiceContext#serve}), and the stats API they ask: its JSON, and waiting for it to say something.
 */
final class LiveStages {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private LiveStages() {
    }

    /**
     * lid-stream without HTTP, its state under {@code dir}/lid, detecting only {@code languages} (the answers' and
     * a few near ones: the detector loads in a fraction of the time).
     */
    static Map<String, Object> lid(EmbeddedPlatform platform, Path dir, String languages) {
        Map<String, Object> lid = cluster(platform);
        lid.put(ServiceContext.HTTP_PORT_CONFIG, -1);
        lid.put("ifl.lid.state-dir", dir.resolve("lid").toString());
        lid.put("ifl.lid.languages", languages);
        return lid;
    }

    /** stats-stream serving its API on {@code port}, its state under {@code dir}/stats, emitting every 200 ms. */
    static Map<String, Object> stats(EmbeddedPlatform platform, Path dir, int port) {
        Map<String, Object> stats = cluster(platform);
        stats.put(ServiceContext.HTTP_PORT_CONFIG, port);
        stats.put("ifl.stats.state-dir", dir.resolve("stats").toString());
        stats.put("ifl.stats.emit-interval", "200ms");
        return stats;
    }

    static Map<String, Object> cluster(EmbeddedPlatform platform) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ServiceContext.KAFKA_CONFIG, platform.bootstrapServers());
        settings.put(ServiceContext.REGISTRY_CONFIG, platform.registryUrl());
        return settings;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Asks the API until its answer at {@code path} satisfies {@code done}; fails with the last answer. */
    static JsonNode awaitJson(URI api, String path, String what, Predicate<JsonNode> done)
            throws InterruptedException {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        AtomicReference<String> failure = new AtomicReference<>("");
        try {
            Await.until(what + " (GET /" + path + ")", () -> {
                try {
                    last.set(get(api, path));
                    return done.test(last.get());
                } catch (IOException e) {
                    failure.set(e.toString());
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return true;
                }
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; last answer " + last.get() + " " + failure.get(), e);
        }
        return last.get();
    }

    static JsonNode get(URI api, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(api.resolve(path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET /" + path + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
