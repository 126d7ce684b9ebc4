package org.ifl.statsstream.service;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.ifl.platform.deadletter.DeadLetterCounts;
import org.ifl.platform.kafka.StreamsStageConfig;
import org.ifl.schemas.serde.RegistryAvroSerdes;
import org.ifl.schemas.topic.Topics;
import org.ifl.statsstream.alert.AlertPolicy;
import org.ifl.statsstream.cell.HoppingWindows;
import org.ifl.statsstream.topology.StatsTopology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stats-stream service: runs {@link StatsTopology} with exactly-once v2 (RocksDB state, changelogged)
 * against the configured cluster and registry. The stream starts once the HTTP server is up, because its
 * port is what other instances are told to ask for this instance's cells ({@code application.server}).
 * Present only where {@code ifl.stats.enabled=true}.
 */
@Singleton
@Context
@Requires(property = "ifl.stats.enabled", value = "true")
public final class StatsService implements ApplicationEventListener<ServerStartupEvent> {
    public static final String KAFKA_CONFIG = org.ifl.platform.ServiceProperties.KAFKA_CONFIG;
    public static final String REGISTRY_CONFIG = org.ifl.platform.ServiceProperties.REGISTRY_CONFIG;
    private static final Logger LOG = LoggerFactory.getLogger(StatsService.class);

    private final StatsSettings settings;
    private final String bootstrapServers;
    private final String registryUrl;
    private final MeterRegistry meters;
    private final StatsTopology.Options options;
    private volatile KafkaStreams streams;
    private volatile String advertised;

    StatsService(StatsSettings settings, @Value("${" + KAFKA_CONFIG + "}") String bootstrapServers,
            @Value("${" + REGISTRY_CONFIG + "}") String registryUrl, MeterRegistry meters) {
        this.settings = settings;
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.meters = meters;
        // Validate the windows and the policy now, so a bad setting stops start-up with its message.
        this.options = new StatsTopology.Options(
                new HoppingWindows(settings.getWindowSize(), settings.getWindowAdvance(),
                        settings.getWindowRetention()),
                settings.getEmitInterval(), new AlertPolicy(settings.getAlertThreshold(), settings.getBaselines()));
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        advertised = settings.getAdvertisedHost() + ":" + event.getSource().getPort();
        Properties config = settings.streamsConfig(bootstrapServers, registryUrl, StatsTopology.STAGE);
        config.put(StreamsConfig.APPLICATION_SERVER_CONFIG, advertised);
        KafkaStreams started = new KafkaStreams(
                StatsTopology.build(new Topics(RegistryAvroSerdes.forUrl(registryUrl)), options), config);
        new KafkaStreamsMetrics(started).bindTo(meters);
        FunctionCounter.builder("ifl.deadletters", StatsTopology.STAGE, DeadLetterCounts::count)
                .description("records this stage sent to the dead-letter topic")
                .tag("stage", StatsTopology.STAGE)
                .register(meters);
        started.start();
        streams = started;
        LOG.info("stats-stream started against {} (registry {}), serving its cells as {}", bootstrapServers,
                registryUrl, advertised);
    }

    /** The running streams; null until the HTTP server has started. */
    public KafkaStreams streams() {
        return streams;
    }

    /** host:port of this instance's HTTP API, as other instances see it. */
    public String advertised() {
        return advertised;
    }

    public KafkaStreams.State state() {
        KafkaStreams s = streams;
        return s == null ? KafkaStreams.State.CREATED : s.state();
    }

    @PreDestroy
    void close() {
        KafkaStreams s = streams;
        if (s != null) {
            s.close(StreamsStageConfig.leavingGroup());
        }
    }
}
