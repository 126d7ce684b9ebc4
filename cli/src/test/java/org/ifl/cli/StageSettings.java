package org.ifl.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.ifl.platform.EmbeddedPlatform;
import org.ifl.platform.service.ServiceContext;

/** The settings a test starts a stage service with against an embedded platform: its broker and registry. */
final class StageSettings {
    private StageSettings() {
    }

    /** The platform's broker and registry; the service's HTTP port a free one. */
    static Map<String, Object> on(EmbeddedPlatform platform) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ServiceContext.KAFKA_CONFIG, platform.bootstrapServers());
        settings.put(ServiceContext.REGISTRY_CONFIG, platform.registryUrl());
        settings.put(ServiceContext.HTTP_PORT_CONFIG, -1);
        return settings;
    }

    /** lid-stream with its state under {@code stateDir}. */
    static Map<String, Object> lid(EmbeddedPlatform platform, Path stateDir) {
        Map<String, Object> settings = on(platform);
        settings.put("ifl.lid.state-dir", stateDir.toString());
        return settings;
    }

    /** stats-stream with its state under {@code stateDir}, publishing every 200 ms so that tests wait little. */
    static Map<String, Object> stats(EmbeddedPlatform platform, Path stateDir) {
        Map<String, Object> settings = on(platform);
        settings.put("ifl.stats.state-dir", stateDir.toString());
        settings.put("ifl.stats.emit-interval", "200ms");
        return settings;
    }
}
