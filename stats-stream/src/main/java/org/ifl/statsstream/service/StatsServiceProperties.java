package org.ifl.statsstream.service;

import java.util.Map;
import org.ifl.platform.ServiceProperties;

/** The properties an application context needs to run the stats-stream service and its HTTP API. */
public final class StatsServiceProperties {
    private StatsServiceProperties() {
    }

    /**
     * @param httpPort port of the API, /health, /metrics and /prometheus; -1 picks a free one
     */
    public static Map<String, Object> of(String bootstrapServers, String registryUrl, int httpPort) {
        return ServiceProperties.of("ifl-stats-stream", "ifl.stats.enabled", bootstrapServers, registryUrl, httpPort);
    }
}
