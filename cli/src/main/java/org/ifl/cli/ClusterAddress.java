package org.ifl.cli;

import org.ifl.platform.CauseChain;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import org.ifl.platform.EmbeddedPlatform;

/**
 * Where a command connects: the bootstrap servers it was given, or those a running {@code ifl up} wrote to
 * its data directory.
 *
 * @param bootstrapServers Kafka's {@code bootstrap.servers}
 * @param origin how they were found, for messages: "--bootstrap-servers" or the endpoints file
 * @param fromEndpointsFile whether they came from the endpoints file (which a killed platform leaves behind)
 */
record ClusterAddress(String bootstrapServers, String origin, boolean fromEndpointsFile) {

    static ClusterAddress resolve(String bootstrapServersOption, Path dataDir) {
        if (bootstrapServersOption != null && !bootstrapServersOption.isBlank()) {
            return new ClusterAddress(bootstrapServersOption.strip(), "--bootstrap-servers", false);
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
        return new ClusterAddress(servers.strip(), file.toString(), true);
    }

    /** "127.0.0.1:9092 (from .ifl/data/endpoints.properties)". */
    String describe() {
        return bootstrapServers + " (from " + origin + ")";
    }
}
