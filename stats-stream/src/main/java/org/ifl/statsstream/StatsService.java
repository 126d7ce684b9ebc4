package org.ifl.statsstream;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.apache.kafka.streams.Topology;
import org.ifl.platform.service.Cluster;
import org.ifl.platform.service.StreamsStage;
import org.ifl.platform.service.StreamsStageService;
import org.ifl.schemas.serde.RegistryAvroSerdes;
import org.ifl.schemas.topic.Topics;

/**
 * stats-stream as a Streams stage: {@link StatsStage#topology} (RocksDB state, changelogged) with the configured windows
 * and alert policy, which are checked when the context starts so that a bad setting stops it with its message. The
 * platform's {@link StreamsStageService} runs it, once the HTTP server listens: its port is what other instances are
 * told to ask for this instance's cells ({@code application.server}). Present in the {@value #ENVIRONMENT}
 * environment, whose settings are {@code application-stats.yml}.
 */
@Singleton
@Requires(env = StatsService.ENVIRONMENT)
public final class StatsService implements StreamsStage {
    public static final String ENVIRONMENT = "stats";

    private final StatsSettings settings;
    private final StatsStage.Options options;
    private final Topics topics;

    StatsService(StatsSettings settings, Cluster cluster) {
        this.settings = settings;
        this.options = new StatsStage.Options(settings.getWindowSize(), settings.getWindowAdvance(),
                settings.getWindowRetention(), settings.getEmitInterval(), settings.getAlertThreshold(),
                settings.getBaselines());
        this.topics = new Topics(RegistryAvroSerdes.forUrl(cluster.registryUrl()));
    }

    @Override
    public String name() {
        return StatsStage.STAGE;
    }

    @Override
    public StatsSettings settings() {
        return settings;
    }

    @Override
    public Topology topology() {
        return StatsStage.topology(topics, options);
    }

    @Override
    public Optional<String> advertisedHost() {
        return Optional.of(settings.getAdvertisedHost());
    }
}
