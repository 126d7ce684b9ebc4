package org.ifl.lidstream.service;

import java.util.HashMap;
import java.util.Map;

/** The properties an application context needs to run the lid-stream service with its HTTP endpoints. */
public final class LidServiceProperties {
    private LidServiceProperties() {
    }

    /**
     * @param httpPort port of /health, /metrics and /prometheus; -1 picks a free one
     */
    public static Map<String, Object> of(String bootstrapServers, String registryUrl, int httpPort) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.application.name", "ifl-lid-stream");
        properties.put("ifl.lid.enabled", true);
        properties.put(LidService.KAFKA_CONFIG, bootstrapServers);
        properties.put(LidService.REGISTRY_CONFIG, registryUrl);
        properties.put("micronaut.server.port", httpPort);
        properties.put("micronaut.server.host", "127.0.0.1");
        // Local operations endpoints: readable without authentication, bound to loopback above.
        properties.put("endpoints.all.sensitive", false);
        properties.put("endpoints.health.details-visible", "ANONYMOUS");
        properties.put("micronaut.metrics.enabled", true);
        return properties;
    }
}
