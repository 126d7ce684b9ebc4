package org.ifl.statsstream.internal.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.ifl.platform.service.StreamsStageService;
import org.ifl.statsstream.StatsService;
import org.ifl.statsstream.internal.api.CellQueries;
import org.ifl.statsstream.internal.api.CheckpointQueries;
import org.ifl.statsstream.internal.api.EffectsQueries;
import org.ifl.statsstream.topology.StatsTopology;

/**
 * Where a query about the model-keyed state is answered. The cells of a model live on the instance that owns the
 * model's partition (Kafka Streams metadata says which): a query for a model goes there, a query without one asks
 * every instance and merges. A forwarded query carries {@code local=true}, so it is answered where it lands.
 * Every endpoint that reads that state goes through {@link #fromEach} or {@link #fromOwner}.
 */
@Singleton
@Requires(beans = StatsService.class)
final class Instances {
    static final String LOCAL = "local";
    private static final StringSerializer KEYS = new StringSerializer();
    private final StreamsStageService stage;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Instances(StreamsStageService stage, ObjectMapper json) {
        this.stage = stage;
        this.json = json;
    }

    /**
     * The answers of every instance that holds {@code model} (null: every instance; {@code local}: this one),
     * concatenated: {@code here} for this instance, {@code path} with {@code query} and {@code local=true} for
     * the others. An instance that answers 404 adds nothing.
     */
    <T> List<T> fromEach(String path, Map<String, String> query, String model, Boolean local,
            TypeReference<List<T>> type, Supplier<List<T>> here) {
        List<T> out = new ArrayList<>();
        for (HostInfo host : owners(model, local)) {
            List<T> answer = isSelf(host) ? here.get() : remote(host, path, query, type);
            if (answer != null) {
                out.addAll(answer);
            }
        }
        return out;
    }

    /** The answer of the instance that holds {@code model} (or this one, {@code local}); null where it has none. */
    <T> T fromOwner(String path, Map<String, String> query, String model, Boolean local, TypeReference<T> type,
            Supplier<T> here) {
        HostInfo owner = owners(model, local).get(0);
        return isSelf(owner) ? here.get() : remote(owner, path, query, type);
    }

    /** The query parameters of a request, from name, value pairs; a null value is left out. */
    static Map<String, String> query(String... namesAndValues) {
        Map<String, String> q = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            q.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return q;
    }

    /** This instance's cells and expected answers. */
    CellQueries cells() {
        return CellQueries.local(running());
    }

    /** Design-factor effects from this instance's item outcomes and the registrations (every instance's). */
    EffectsQueries effects() {
        return EffectsQueries.local(running());
    }

    /** This instance's checkpoints: those of the models it hosts. */
    CheckpointQueries checkpoints() {
        KafkaStreams streams = running();
        HostInfo self = self();
        return CheckpointQueries.local(streams, model -> {
            KeyQueryMetadata metadata = streams.queryMetadataForKey(StatsTopology.CELLS_STORE, model, KEYS);
            return metadata != null && self.equals(metadata.activeHost());
        });
    }

    /** Instances to ask: this one for a forwarded query, the model's owner, or every instance with the store. */
    private List<HostInfo> owners(String model, Boolean local) {
        KafkaStreams streams = running();
        if (Boolean.TRUE.equals(local)) {
            return List.of(self());
        }
        try {
            return owners(streams, model);
        } catch (IllegalStateException e) {
            // It stopped since running() looked.
            throw unavailable("stats-stream is not running (" + e.getMessage() + "); retry shortly");
        }
    }

    private List<HostInfo> owners(KafkaStreams streams, String model) {
        if (model != null) {
            KeyQueryMetadata metadata = streams.queryMetadataForKey(StatsTopology.CELLS_STORE, model, KEYS);
            if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
                throw unavailable("no instance owns model '" + model + "' yet (rebalancing)");
            }
            return List.of(metadata.activeHost());
        }
        List<HostInfo> hosts = new ArrayList<>();
        for (StreamsMetadata m : streams.streamsMetadataForStore(StatsTopology.CELLS_STORE)) {
            hosts.add(m.hostInfo());
        }
        return hosts.isEmpty() ? List.of(self()) : hosts;
    }

    /**
     * The stream, while it runs or rebalances; 503 while it starts, and while it stops (the HTTP server still
     * answers then: an open page reconnects and asks).
     */
    private KafkaStreams running() {
        KafkaStreams streams = stage.streams();
        if (streams == null) {
            throw unavailable("stats-stream is starting");
        }
        KafkaStreams.State state = streams.state();
        if (!state.isRunningOrRebalancing() && state != KafkaStreams.State.CREATED) {
            throw unavailable("stats-stream is not running (" + state + "); retry shortly");
        }
        return streams;
    }

    private HostInfo self() {
        return HostInfo.buildFromEndpoint(stage.applicationServer().orElseThrow(() -> unavailable(
                "stats-stream is starting")));
    }

    private boolean isSelf(HostInfo host) {
        return host.equals(self());
    }

    private <T> T remote(HostInfo host, String path, Map<String, String> query, TypeReference<T> type) {
        StringBuilder uri = new StringBuilder("http://").append(host.host()).append(':').append(host.port())
                .append(path).append('?').append(LOCAL).append("=true");
        for (Map.Entry<String, String> e : query.entrySet()) {
            if (e.getValue() != null) {
                uri.append('&').append(e.getKey()).append('=')
                        .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            }
        }
        try {
            var response = http.send(HttpRequest.newBuilder(URI.create(uri.toString()))
                    .timeout(Duration.ofSeconds(10)).GET().build(), BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                return null;
            }
            if (response.statusCode() != 200) {
                throw unavailable("instance " + host + " answered " + response.statusCode() + ": " + response.body());
            }
            return json.readValue(response.body(), type);
        } catch (IOException e) {
            throw unavailable("cannot reach the instance that owns these cells, " + host + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while asking " + host);
        }
    }

    static HttpStatusException unavailable(String message) {
        return new HttpStatusException(HttpStatus.SERVICE_UNAVAILABLE, message);
    }
}
