package org.ifl.lidstream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.context.ApplicationContext;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.ifl.platform.kafka.ClusterAccess;
import org.ifl.platform.testkit.ServiceSettings;
import org.junit.jupiter.api.Test;

/** The settings lid-stream runs with: application-lid.yml's defaults, the environment over them, the command line over all. */
class LidSettingsTest {

    @Test
    void theYmlDefaultsAreWhatTheServiceGets() {
        try (ApplicationContext context = ServiceSettings.context(LidService.ENVIRONMENT, Map.of(), Map.of())) {
            LidSettings settings = context.getBean(LidSettings.class);
            assertEquals(LinguaDetector.DEFAULT_LANGUAGES, settings.getLanguages());
            assertEquals(65536, settings.getMaxTextBytes());
            assertEquals("", settings.getFasttextModel());
            Properties streams = settings.streamsConfig(ClusterAccess.plain("k:9092", "http://r"), "lid-stream");
            assertEquals("ifl-lid-stream", streams.get(StreamsConfig.APPLICATION_ID_CONFIG));
            assertEquals(".ifl/data/lid-stream", streams.get(StreamsConfig.STATE_DIR_CONFIG),
                    "the state lives in the data directory, not in tmp");
            assertEquals(1, streams.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG));
            assertEquals(100L, streams.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG));
            assertEquals(8085, context.getRequiredProperty("micronaut.server.port", Integer.class));
        }
    }

    @Test
    void theEnvironmentOverridesTheYmlAndTheCommandLineOverridesBoth() {
        Map<String, String> environment = Map.of("IFL_LID_STATE_DIR", "/var/lib/ifl/lid", "IFL_LID_THREADS", "2",
                "IFL_LID_MAX_TEXT_BYTES", "1000", "IFL_LID_LANGUAGES", "de,it,ja");
        try (ApplicationContext context = ServiceSettings.context(LidService.ENVIRONMENT, environment, Map.of())) {
            LidSettings settings = context.getBean(LidSettings.class);
            assertEquals("/var/lib/ifl/lid", settings.getStateDir());
            assertEquals(2, settings.getThreads());
            assertEquals(1000, settings.getMaxTextBytes());
            assertEquals(List.of("de", "it", "ja"), settings.getLanguages());
        }
        try (ApplicationContext context = ServiceSettings.context(LidService.ENVIRONMENT, environment, Map.of(
                "ifl.lid.threads", 4, "ifl.lid.languages", List.of("de", "fr")))) {
            LidSettings settings = context.getBean(LidSettings.class);
            assertEquals(4, settings.getThreads());
            assertEquals(List.of("de", "fr"), settings.getLanguages());
            assertEquals("/var/lib/ifl/lid", settings.getStateDir(), "what the command line leaves out stays");
        }
    }

    @Test
    void theStateFollowsTheDataDirectory() {
        try (ApplicationContext context = ServiceSettings.context(LidService.ENVIRONMENT, Map.of("IFL_DATA_DIR",
                "/srv/ifl"), Map.of())) {
            assertEquals("/srv/ifl/lid-stream", context.getBean(LidSettings.class).getStateDir());
        }
    }
}
