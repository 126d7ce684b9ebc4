package org.ifl.platform.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.ifl.schemas.registry.SchemaRegistryClient;
import org.ifl.schemas.registry.SchemaRegistryClients;
import org.ifl.schemas.serde.RegistryAvroSerdes;

/**
 * Where a Kafka cluster and its schema registry are, and how to reach them: every client a stage or a command
 * makes starts from {@link #kafkaConfig()} (the bootstrap servers and the client properties file's security and
 * tuning settings) and reaches the registry with the file's credentials and trust.
 */
public record ClusterAccess(String bootstrapServers, String registryUrl, ClientProperties client) {

    /** A plaintext cluster and a registry without credentials, as the embedded platform's own tests use. */
    public static ClusterAccess plain(String bootstrapServers, String registryUrl) {
        return new ClusterAccess(bootstrapServers, registryUrl, ClientProperties.NONE);
    }

    /** A new, mutable client configuration: the bootstrap servers, then the client properties. */
    public Map<String, Object> kafkaConfig() {
        Map<String, Object> config = new HashMap<>(client.kafka());
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }

    /** {@link #kafkaConfig()} as {@link Properties}, for the clients that take those. */
    public Properties kafkaProperties() {
        Properties p = new Properties();
        p.putAll(kafkaConfig());
        return p;
    }

    public Admin admin() {
        return Admin.create(kafkaConfig());
    }

    /** The process-wide client of the registry, with the client properties' credentials and trust. */
    public SchemaRegistryClient registry() {
        return SchemaRegistryClients.forUrl(registryUrl, client.registryAccess());
    }

    public RegistryAvroSerdes serdes() {
        return RegistryAvroSerdes.forUrl(registryUrl, client.registryAccess());
    }
}
