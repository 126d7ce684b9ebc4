package org.ifl.statsstream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.kafka.streams.Topology;
import org.ifl.platform.AddressFile;
import org.ifl.platform.service.Cluster;
import org.ifl.platform.service.StageMeters;
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
    /**
     * The file in the data directory ({@code ifl.data-dir}) where a running service leaves the URL of its API,
     * under {@value #API_URL_PROPERTY}; removed when it stops cleanly.
     */
    public static final String API_FILE = "stats-api.properties";
    public static final String API_URL_PROPERTY = "url";

    private final StatsSettings settings;
    private final StatsStage.Options options;
    private final Topics topics;
    private final Counter answersCounted;

    StatsService(StatsSettings settings, Cluster cluster, MeterRegistry meters) {
        this.settings = settings;
        this.answersCounted = StageMeters.records(meters, StatsStage.STAGE, "answers counted into their cells");
        this.options = new StatsStage.Options(settings.getWindowSize(), settings.getWindowAdvance(),
                settings.getWindowRetention(), settings.getEmitInterval(), settings.getAlertThreshold(),
                settings.getBaselines());
        this.topics = new Topics(cluster.access().serdes());
    }

    /**
     * The API URL a service running with {@code dataDir} left in {@link #API_FILE}; empty when there is no such
     * file (none running, or one that stopped cleanly). A killed service leaves a stale one behind.
     */
    public static Optional<String> readApiUrl(Path dataDir) {
        return AddressFile.read(dataDir.resolve(API_FILE)).map(p -> p.getProperty(API_URL_PROPERTY))
                .filter(url -> !url.isBlank());
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
        return StatsStage.topology(topics, options, answersCounted::increment);
    }

    @Override
    public Optional<String> advertisedHost() {
        return Optional.of(settings.getAdvertisedHost());
    }
}
