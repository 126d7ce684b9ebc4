package org.ifl.platform.service;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.ifl.platform.kafka.ClientProperties;
import org.ifl.platform.kafka.ClusterAccess;

/**
 * Where a service's Kafka cluster and schema registry are, and how its clients reach them: the client properties
 * file ({@value ServiceContext#CLIENT_CONFIG}) gives every client its security settings and the registry client its
 * credentials and trust. A service does not start without both addresses (given as settings, or in the client
 * properties file); the {@code ifl} command fills them in when neither is given (the platform {@code ifl up} runs,
 * else one it starts).
 */
@Singleton
public final class Cluster {
    private final ClusterAccess access;

    Cluster(@Value("${" + ServiceContext.KAFKA_CONFIG + ":}") String bootstrapServers,
            @Value("${" + ServiceContext.REGISTRY_CONFIG + ":}") String registryUrl,
            @Value("${" + ServiceContext.CLIENT_CONFIG + ":}") String clientConfigFile) {
        ClientProperties client;
        try {
            client = ClientProperties.of(clientConfigFile);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new IllegalStateException(ServiceContext.CLIENT_CONFIG + " (IFL_KAFKA_CONFIG_FILE, --kafka-config): "
                    + e.getMessage(), e);
        }
        String servers = given(bootstrapServers) ? bootstrapServers : client.bootstrapServers().orElse(null);
        String registry = given(registryUrl) ? registryUrl : client.registryUrl().orElse(null);
        List<String> missing = new ArrayList<>();
        if (!given(servers)) {
            missing.add(ServiceContext.KAFKA_CONFIG + " (IFL_KAFKA_BOOTSTRAP_SERVERS, --bootstrap-servers)");
        }
        if (!given(registry)) {
            missing.add(ServiceContext.REGISTRY_CONFIG + " (IFL_SCHEMA_REGISTRY_URL, --registry-url)");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("no cluster to run against: set " + String.join(" and ", missing));
        }
        this.access = new ClusterAccess(servers.strip(), registry.strip(), client);
    }

    private static boolean given(String value) {
        return value != null && !value.isBlank();
    }

    /** The addresses and the client properties, for making clients. */
    public ClusterAccess access() {
        return access;
    }

    public String bootstrapServers() {
        return access.bootstrapServers();
    }

    public String registryUrl() {
        return access.registryUrl();
    }
}
