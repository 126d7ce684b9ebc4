package org.ifl.lidstream.service;

import java.util.Map;
import org.ifl.platform.ServiceProperties;

/** The properties an application context needs to run the lid-stream service with its HTTP endpoints. */
public final class LidServiceProperties {
    private LidServiceProperties() {
    }

    /**
     * @param httpPort port of /health, /metrics and /prometheus; -1 picks a free one
     */
    public static Map<String, Object> of(String bootstrapServers, String registryUrl, int httpPort) {
        return ServiceProperties.of("ifl-lid-stream", "ifl.lid.enabled", bootstrapServers, registryUrl, httpPort);
    }
}
