package org.ifl.platform.service;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a service's Kafka cluster and schema registry are. A service does not start without both; the
 * {@code ifl} command fills them in when neither is given (the platform {@code ifl up} runs, else one it starts).
 */
@Singleton
public final class Cluster {
    private final String bootstrapServers;
    private final String registryUrl;

    Cluster(@Value("${" + ServiceContext.KAFKA_CONFIG + ":}") String bootstrapServers,
            @Value("${" + ServiceContext.REGISTRY_CONFIG + ":}") String registryUrl) {
        List<String> missing = new ArrayList<>();
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            missing.add(ServiceContext.KAFKA_CONFIG + " (IFL_KAFKA_BOOTSTRAP_SERVERS, --bootstrap-servers)");
        }
        if (registryUrl == null || registryUrl.isBlank()) {
            missing.add(ServiceContext.REGISTRY_CONFIG + " (IFL_SCHEMA_REGISTRY_URL, --registry-url)");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("no cluster to run against: set " + String.join(" and ", missing));
        }
        this.bootstrapServers = bootstrapServers.strip();
        this.registryUrl = registryUrl.strip();
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String registryUrl() {
        return registryUrl;
    }
}
