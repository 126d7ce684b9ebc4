package org.ifl.statsstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.ifl.platform.kafka.ClusterAccess;
import org.ifl.platform.testkit.ServiceSettings;
import org.junit.jupiter.api.Test;

/**
 * The settings stats-stream runs with: application-stats.yml's defaults, the environment over them, the command line
 * over all; the Streams settings every stage shares bind with the stage's own.
 */
class StatsSettingsTest {

    @Test
    void theYmlDefaultsAreWhatTheServiceGets() {
        try (ApplicationContext context = ServiceSettings.context(StatsService.ENVIRONMENT, Map.of(), Map.of())) {
            StatsSettings settings = context.getBean(StatsSettings.class);
            assertEquals(Duration.ofHours(1), settings.getWindowSize());
            assertEquals(Duration.ofMinutes(5), settings.getWindowAdvance());
            assertEquals(Duration.ofDays(1), settings.getWindowRetention());
            assertEquals(Duration.ofSeconds(1), settings.getEmitInterval());
            assertEquals(0.05, settings.getAlertThreshold());
            assertEquals(Map.of(), settings.getBaselines());
            assertEquals("127.0.0.1", settings.getAdvertisedHost());
            Properties streams = settings.streamsConfig(ClusterAccess.plain("k:9092", "http://r"), "stats-stream");
            assertEquals("ifl-stats-stream", streams.get(StreamsConfig.APPLICATION_ID_CONFIG));
            assertEquals(".ifl/data/stats-stream", streams.get(StreamsConfig.STATE_DIR_CONFIG));
            assertEquals(1, streams.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG));
            assertEquals(100L, streams.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG));
            assertEquals(0, streams.get(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG));
            assertEquals(8470, context.getRequiredProperty("micronaut.server.port", Integer.class));
            assertEquals(3, context.getBean(StatsMetricsSettings.class).getCheckpointsPerModel());
        }
    }

    @Test
    void theEnvironmentOverridesTheYml() {
        try (ApplicationContext context = ServiceSettings.context(StatsService.ENVIRONMENT, Map.of(
                "IFL_STATS_APPLICATION_ID", "stats-7", "IFL_STATS_STATE_DIR", "/var/lib/ifl/stats",
                "IFL_STATS_THREADS", "3", "IFL_STATS_COMMIT_INTERVAL_MS", "250", "IFL_STATS_WINDOW_SIZE", "30m",
                "IFL_STATS_STANDBY_REPLICAS", "1",
                "IFL_STATS_BASELINES_VLM", "step-1000"), Map.of())) {
            StatsSettings settings = context.getBean(StatsSettings.class);
            assertEquals(Duration.ofMinutes(30), settings.getWindowSize());
            assertEquals(Map.of("vlm", "step-1000"), settings.getBaselines());
            Properties streams = settings.streamsConfig(ClusterAccess.plain("k:9092", "http://r"), "stats-stream");
            assertEquals("stats-7", streams.get(StreamsConfig.APPLICATION_ID_CONFIG));
            assertEquals("/var/lib/ifl/stats", streams.get(StreamsConfig.STATE_DIR_CONFIG));
            assertEquals(3, streams.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG));
            assertEquals(250L, streams.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG));
            assertEquals(1, streams.get(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG));
        }
    }

    @Test
    void theCommandLineOverridesTheEnvironmentInEitherDurationForm() {
        try (ApplicationContext context = ServiceSettings.context(StatsService.ENVIRONMENT, Map.of(
                "IFL_STATS_WINDOW_SIZE", "30m", "IFL_STATS_EMIT_INTERVAL", "5s"), Map.of(
                "ifl.stats.window-size", "PT10M", "ifl.stats.window-advance", "2m"))) {
            StatsSettings settings = context.getBean(StatsSettings.class);
            assertEquals(Duration.ofMinutes(10), settings.getWindowSize());
            assertEquals(Duration.ofMinutes(2), settings.getWindowAdvance());
            assertEquals(Duration.ofSeconds(5), settings.getEmitInterval(), "what the command line leaves out stays");
        }
    }

    @Test
    void checkpointsPerModelComesFromTheEnvironmentAndMustBePositive() {
        try (ApplicationContext context = ServiceSettings.context(StatsService.ENVIRONMENT, Map.of(
                "IFL_STATS_METRICS_CHECKPOINTS_PER_MODEL", "5"), Map.of())) {
            assertEquals(5, context.getBean(StatsMetricsSettings.class).getCheckpointsPerModel());
        }
        try (ApplicationContext context = ServiceSettings.context(StatsService.ENVIRONMENT, Map.of(
                "IFL_STATS_METRICS_CHECKPOINTS_PER_MODEL", "0"), Map.of())) {
            RuntimeException e = assertThrows(RuntimeException.class,
                    () -> context.getBean(StatsMetricsSettings.class));
            assertTrue(e.getMessage().contains("ifl.stats.metrics.checkpoints-per-model must be at least 1, not 0"),
                    e.getMessage());
        }
    }
}
