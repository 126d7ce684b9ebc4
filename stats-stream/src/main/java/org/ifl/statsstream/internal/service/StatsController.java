package org.ifl.statsstream.internal.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.ifl.platform.service.StreamsStageService;
import org.ifl.statsstream.CellsCsv;
import org.ifl.statsstream.CheckpointView;
import org.ifl.statsstream.FiguresView;
import org.ifl.statsstream.StatsService;
import org.ifl.statsstream.SummaryView;
import org.ifl.statsstream.internal.api.CellQueries;
import org.ifl.statsstream.internal.cell.CellWindow;
import org.ifl.statsstream.topology.StatsTopology;

/**
 * The latest figures, read from the state stores. The cells of a model live on the instance that owns the
 * model's partition of the by-model topic: a query for a model goes there (Kafka Streams metadata says
 * which), a query without one asks every instance and merges. A forwarded query carries {@code local=true}
 * so it is answered where it lands.
 */
@Controller
@Requires(beans = StatsService.class)
final class StatsController {
    private static final StringSerializer KEYS = new StringSerializer();
    private final StreamsStageService stage;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    StatsController(StreamsStageService stage, ObjectMapper json) {
        this.stage = stage;
        this.json = json;
    }

    @Get(uri = "/cells", produces = MediaType.APPLICATION_JSON)
    public List<FiguresView> cells(@Nullable @QueryValue String model, @Nullable @QueryValue String checkpoint,
            @Nullable @QueryValue String dataset, @Nullable @QueryValue String window,
            @Nullable @QueryValue Boolean local) {
        CellWindow w = window(window);
        List<FiguresView> out = new ArrayList<>();
        for (HostInfo host : owners(model, local)) {
            if (isSelf(host)) {
                out.addAll(local().cells(model, checkpoint, dataset, w));
            } else {
                List<FiguresView> remote = remote(host, "/cells", query(model, checkpoint, dataset, window),
                        new TypeReference<List<FiguresView>>() { });
                if (remote != null) {
                    out.addAll(remote);
                }
            }
        }
        out.sort(CellQueries.CELL_ORDER);
        return out;
    }

    /** {@code task=explanation}: the entity metrics, a row per cell, arm and alignment setting. */
    @Get(uri = "/cells.csv", produces = "text/csv")
    public String cellsCsv(@Nullable @QueryValue String model, @Nullable @QueryValue String checkpoint,
            @Nullable @QueryValue String dataset, @Nullable @QueryValue String window,
            @Nullable @QueryValue String task) {
        if (task != null && !task.isBlank() && !task.equals("fidelity") && !task.equals("explanation")) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "task: fidelity or explanation, not '" + task
                    + "'");
        }
        List<FiguresView> cells = cells(model, checkpoint, dataset, window, null);
        return "explanation".equals(task) ? CellsCsv.writeExplanation(cells) : CellsCsv.write(cells);
    }

    @Get(uri = "/summary", produces = MediaType.APPLICATION_JSON)
    public SummaryView summary(@QueryValue String model, @QueryValue String checkpoint,
            @Nullable @QueryValue String window, @Nullable @QueryValue Boolean local) {
        HostInfo owner = owners(model, local).get(0);
        SummaryView summary = isSelf(owner) ? local().summary(model, checkpoint, window(window))
                : remote(owner, "/summary", query(model, checkpoint, null, window), new TypeReference<SummaryView>() { });
        if (summary == null) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "no cells of model '" + model + "' checkpoint '"
                    + checkpoint + "' in window " + window(window).key());
        }
        return summary;
    }

    /**
     * The checkpoints with cumulative cells or published queries, each with its cells and answers counted of
     * expected: what a report can ask for.
     */
    @Get(uri = "/checkpoints", produces = MediaType.APPLICATION_JSON)
    public List<CheckpointView> checkpoints(@Nullable @QueryValue String model, @Nullable @QueryValue Boolean local) {
        List<CheckpointView> out = new ArrayList<>();
        for (HostInfo host : owners(model, local)) {
            if (isSelf(host)) {
                out.addAll(local().checkpoints(model));
            } else {
                List<CheckpointView> remote = remote(host, "/checkpoints", query(model, null, null, null),
                        new TypeReference<List<CheckpointView>>() { });
                if (remote != null) {
                    out.addAll(remote);
                }
            }
        }
        out.sort(Comparator.comparing(CheckpointView::model).thenComparing(CheckpointView::checkpoint));
        return out;
    }

    /** While Streams starts, rebalances or restores, its stores cannot be read: say so, and to retry. */
    @Error(exception = InvalidStateStoreException.class)
    public HttpResponse<String> notReady(InvalidStateStoreException e) {
        return HttpResponse.<String>status(HttpStatus.SERVICE_UNAVAILABLE)
                .body("stats-stream cannot read its state yet (" + e.getMessage() + "); retry shortly");
    }

    private static CellWindow window(String window) {
        try {
            return window == null || window.isBlank() ? CellWindow.CUMULATIVE : CellWindow.parse(window);
        } catch (RuntimeException e) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "window: " + e.getMessage());
        }
    }

    /** Instances to ask: this one for a forwarded query, the model's owner, or every instance with the store. */
    private List<HostInfo> owners(String model, Boolean local) {
        KafkaStreams streams = running();
        if (Boolean.TRUE.equals(local)) {
            return List.of(self());
        }
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

    private KafkaStreams running() {
        KafkaStreams streams = stage.streams();
        if (streams == null) {
            throw unavailable("stats-stream is starting");
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

    private CellQueries local() {
        return CellQueries.local(running());
    }

    private static Map<String, String> query(String model, String checkpoint, String dataset, String window) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("model", model);
        q.put("checkpoint", checkpoint);
        q.put("dataset", dataset);
        q.put("window", window);
        q.put("local", "true");
        return q;
    }

    private <T> T remote(HostInfo host, String path, Map<String, String> query, TypeReference<T> type) {
        StringBuilder uri = new StringBuilder("http://").append(host.host()).append(':').append(host.port())
                .append(path);
        char sep = '?';
        for (Map.Entry<String, String> e : query.entrySet()) {
            if (e.getValue() != null) {
                uri.append(sep).append(e.getKey()).append('=')
                        .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
                sep = '&';
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

    private static HttpStatusException unavailable(String message) {
        return new HttpStatusException(HttpStatus.SERVICE_UNAVAILABLE, message);
    }

}
