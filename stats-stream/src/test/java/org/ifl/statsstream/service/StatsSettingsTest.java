package org.ifl.statsstream.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/** Settings bind from ifl.stats.*, the Streams settings every stage shares included. */
class StatsSettingsTest {

    @Test
    void bindsTheStageAndTheSharedStreamsSettings() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "ifl.stats.application-id", "stats-7", "ifl.stats.state-dir", "/var/lib/ifl/stats",
                "ifl.stats.threads", 3, "ifl.stats.commit-interval-ms", 250, "ifl.stats.window-size", "30m",
                "ifl.stats.baselines.vlm", "step-1000"))) {
            StatsSettings settings = context.getBean(StatsSettings.class);
            assertEquals(Duration.ofMinutes(30), settings.getWindowSize());
            assertEquals(Map.of("vlm", "step-1000"), settings.getBaselines());
            var config = settings.streamsConfig("k:9092", "http://r", "stats-stream");
            assertEquals("stats-7", config.get(StreamsConfig.APPLICATION_ID_CONFIG));
            assertEquals("/var/lib/ifl/stats", config.get(StreamsConfig.STATE_DIR_CONFIG));
            assertEquals(3, config.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG));
            assertEquals(250L, config.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG));
        }
    }
}
