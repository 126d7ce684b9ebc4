package org.ifl.platform.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.ifl.platform.kafka.RecoveringStreams;
import org.ifl.platform.kafka.StreamsStageConfig;
import org.ifl.platform.service.health.StageHealth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the context's {@link StreamsStage}: builds its Kafka Streams client with the shared settings (exactly-once
 * v2, dead letters), kept going through registry and broker outages and replaced once when its state is ahead of
 * its topics ({@link RecoveringStreams}), says when it stopped for good ({@link #stopped()}), binds the
 * client's metrics and the stage's dead-letter counter, starts it (with the context, or once the HTTP server
 * listens for a stage that advertises its API), and closes it leaving the consumer group. Its health is the
 * stage's on {@code /health}.
 */
@Context
@Requires(beans = StreamsStage.class)
public final class StreamsStageService implements StageHealth {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsStageService.class);
    /** A client whose state is ahead of its topics is replaced once; a second such failure leaves it stopped. */
    private static final int MAX_REPLACEMENTS = 1;
    private static final String LAG_METRIC = "records-lag";
    private static final String FETCH_METRICS = "consumer-fetch-manager-metrics";

    private final StreamsStage stage;
    private final Cluster cluster;
    private final MeterRegistry meters;
    /** Null until the stream has started. */
    private volatile Running running;
    private final CompletableFuture<Throwable> stopped = new CompletableFuture<>();

    /** The client, and host:port other instances query its state at (null for a stage that serves none). */
    private record Running(RecoveringStreams streams, String applicationServer) {
    }

    StreamsStageService(StreamsStage stage, Cluster cluster, MeterRegistry meters) {
        StageMeters.bindDeadLetters(meters, stage.name());
        this.stage = stage;
        this.cluster = cluster;
        this.meters = meters;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        if (stage.advertisedHost().isEmpty()) {
            start(null);
        }
    }

    @EventListener
    void onServerStartup(ServerStartupEvent event) {
        stage.advertisedHost().ifPresent(host -> start(host + ":" + event.getSource().getPort()));
    }

    private synchronized void start(String server) {
        if (running != null) {
            return;
        }
        Properties config = stage.settings().streamsConfig(cluster.access(),
                stage.name());
        if (server != null) {
            config.put(StreamsConfig.APPLICATION_SERVER_CONFIG, server);
        }
        running = new Running(new RecoveringStreams(stage.name(), () -> new KafkaStreams(stage.topology(), config),
                client -> {
                    KafkaStreamsMetrics clientMetrics = new KafkaStreamsMetrics(client);
                    clientMetrics.bindTo(meters);
                    return clientMetrics;
                }, MAX_REPLACEMENTS).start(), server);
        running.streams().stopped().thenAccept(stopped::complete);
        LOG.info("{} started against {} (registry {}), state in {}{}", stage.name(), cluster.bootstrapServers(),
                cluster.registryUrl(), stage.settings().getStateDir(),
                server == null ? "" : ", serving its state as " + server);
    }

    /** The current client; null until the stream has started. */
    public KafkaStreams streams() {
        Running r = running;
        return r == null ? null : r.streams().streams();
    }

    /** The client's state; {@code CREATED} until it has started and while it is being replaced. */
    public KafkaStreams.State state() {
        Running r = running;
        return r == null ? KafkaStreams.State.CREATED : r.streams().state();
    }

    /** How many times the client was replaced because its state was ahead of its topics. */
    public int replacements() {
        Running r = running;
        return r == null ? 0 : r.streams().replacements();
    }

    /** How many times a thread or the client was started again after the registry or the broker did not answer. */
    public long retries() {
        Running r = running;
        return r == null ? 0 : r.streams().retries();
    }

    /**
     * Completes with the failure that stopped the stream for good (not a clean close): the command that runs the
     * service then exits non-zero, for its supervisor to start it again.
     */
    public CompletableFuture<Throwable> stopped() {
        return stopped;
    }

    /** host:port other instances query this one's state at ({@code application.server}); empty if none. */
    public Optional<String> applicationServer() {
        Running r = running;
        return r == null ? Optional.empty() : Optional.ofNullable(r.applicationServer());
    }

    /**
     * Records this instance has yet to read, summed over the partitions its consumers are assigned (the main and
     * the global consumers, not the restore consumers); empty while no consumer knows its lag yet.
     */
    public Optional<Long> lag() {
        KafkaStreams client = streams();
        if (client == null) {
            return Optional.empty();
        }
        double lag = 0;
        boolean known = false;
        for (Map.Entry<MetricName, ? extends Metric> metric : client.metrics().entrySet()) {
            MetricName name = metric.getKey();
            if (name.name().equals(LAG_METRIC) && name.group().equals(FETCH_METRICS)
                    && !name.tags().getOrDefault("client-id", "").endsWith("restore-consumer")
                    && name.tags().containsKey("partition")
                    && metric.getValue().metricValue() instanceof Double value && Double.isFinite(value)) {
                lag += value;
                known = true;
            }
        }
        return known ? Optional.of((long) lag) : Optional.empty();
    }

    @Override
    public String name() {
        return stage.name();
    }

    @Override
    public boolean isUp() {
        KafkaStreams.State state = state();
        return state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("streams", state().name());
        lag().ifPresent(lag -> details.put("lag", lag));
        details.put("replacements", replacements());
        details.put("retries", retries());
        applicationServer().ifPresent(server -> details.put("advertised", server));
        details.putAll(stage.healthDetails());
        return details;
    }

    @PreDestroy
    synchronized void close() {
        if (running != null) {
            running.streams().close(StreamsStageConfig.leavingGroup());
        }
    }
}
