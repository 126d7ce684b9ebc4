package org.ifl.platform;

import java.util.HashMap;
import java.util.Map;

/**
 * What every stage's Micronaut application context is started with: where the cluster and registry are, the
 * flag that switches the stage's service on (so commands sharing a class path start only theirs), and its
 * HTTP server with local, unauthenticated operations endpoints (bound to loopback).
 */
public final class ServiceProperties {
    public static final String KAFKA_CONFIG = "ifl.kafka.bootstrap-servers";
    public static final String REGISTRY_CONFIG = "ifl.schema-registry.url";

    private ServiceProperties() {
    }

    /**
     * @param applicationName e.g. ifl-lid-stream
     * @param enabledProperty e.g. ifl.lid.enabled
     * @param httpPort port of the HTTP server (/health, /metrics, /prometheus, the stage's API); -1 picks a free one
     */
    public static Map<String, Object> of(String applicationName, String enabledProperty, String bootstrapServers,
            String registryUrl, int httpPort) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.application.name", applicationName);
        properties.put(enabledProperty, true);
        properties.put(KAFKA_CONFIG, bootstrapServers);
        properties.put(REGISTRY_CONFIG, registryUrl);
        properties.put("micronaut.server.port", httpPort);
        properties.put("micronaut.server.host", "127.0.0.1");
        properties.put("endpoints.all.sensitive", false);
        properties.put("endpoints.health.details-visible", "ANONYMOUS");
        properties.put("micronaut.metrics.enabled", true);
        properties.put("jackson.serialization.write-dates-as-timestamps", false);
        return properties;
    }
}
