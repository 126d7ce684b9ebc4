package org.ifl.cli;

import org.ifl.platform.CauseChain;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.ifl.platform.EmbeddedPlatform;
import org.ifl.platform.kafka.ClientProperties;
import org.ifl.platform.kafka.ClusterAccess;

/**
 * Where a command connects: the bootstrap servers it was given (or its client properties file names), or those a
 * running {@code ifl up} wrote to its data directory, and the client properties its clients use.
 *
 * @param bootstrapServers Kafka's {@code bootstrap.servers}
 * @param origin how they were found, for messages: "--bootstrap-servers" or the endpoints file
 * @param fromEndpointsFile whether they came from the endpoints file (which a killed platform leaves behind)
 * @param client the client properties: security settings and tuning
 */
record ClusterAddress(String bootstrapServers, String origin, boolean fromEndpointsFile, ClientProperties client) {

    static ClusterAddress resolve(String bootstrapServersOption, Path dataDir, KafkaConfigOption kafkaConfig) {
        if (bootstrapServersOption != null && !bootstrapServersOption.isBlank()) {
            return new ClusterAddress(bootstrapServersOption.strip(), "--bootstrap-servers", false,
                    kafkaConfig.load(null));
        }
        ClientProperties given = kafkaConfig.load(null);
        if (given.bootstrapServers().isPresent()) {
            return new ClusterAddress(given.bootstrapServers().get(), given.file().orElseThrow().toString(), false,
                    given);
        }
        Path file = dataDir.resolve(EmbeddedPlatform.ENDPOINTS_FILE);
        Optional<EmbeddedPlatform.Endpoints> endpoints;
        try {
            endpoints = EmbeddedPlatform.readEndpoints(dataDir);
        } catch (UncheckedIOException e) {
            throw new CommandFailure("cannot read " + file + ": " + CauseChain.describe(e), e);
        }
        String servers = endpoints.map(EmbeddedPlatform.Endpoints::bootstrapServers).orElse(null);
        if (servers == null || servers.isBlank()) {
            throw new CommandFailure("no running platform found (no " + file + "); start one with `./ifl up`"
                    + " (with the same --data-dir) or pass --bootstrap-servers");
        }
        return new ClusterAddress(servers.strip(), file.toString(), true,
                kafkaConfig.load(endpoints.get().clientConfigFile()));
    }

    /** A new client configuration: the bootstrap servers and the client properties. */
    Map<String, Object> kafkaConfig() {
        return new ClusterAccess(bootstrapServers, null, client).kafkaConfig();
    }

    /** "127.0.0.1:9092 (from .ifl/data/endpoints.properties)". */
    String describe() {
        return bootstrapServers + " (from " + origin + ")";
    }
}
