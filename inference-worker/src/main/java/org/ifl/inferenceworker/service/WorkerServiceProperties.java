package org.ifl.inferenceworker.service;

import java.util.Map;
import org.ifl.platform.ServiceProperties;

/** The properties an application context needs to run the inference worker with its HTTP endpoints. */
public final class WorkerServiceProperties {
    private WorkerServiceProperties() {
    }

    /** @param httpPort port of /health, /metrics and /prometheus; -1 picks a free one */
    public static Map<String, Object> of(String bootstrapServers, String registryUrl, int httpPort) {
        return ServiceProperties.of("ifl-inference-worker", "ifl.worker.enabled", bootstrapServers, registryUrl,
                httpPort);
    }
}
