package org.ifl.cli;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.ifl.platform.kafka.ClientProperties;
import org.ifl.platform.service.ServiceContext;
import picocli.CommandLine.Option;

/**
 * {@code --kafka-config FILE}: the client properties file (Kafka's security and tuning settings for every client,
 * the schema registry's credentials and trust). Not given: {@code IFL_KAFKA_CONFIG_FILE}, else, for a platform found
 * through {@code --data-dir}, the {@code client.properties} that platform wrote.
 */
final class KafkaConfigOption {
    static final String ENVIRONMENT = "IFL_KAFKA_CONFIG_FILE";

    @Option(names = "--kafka-config", paramLabel = "FILE",
            description = "Client properties file: Kafka client settings (security.protocol, ssl.*, sasl.*), "
                    + "bootstrap.servers, schema.registry.url and the registry's credentials (basic.auth.user.info, "
                    + "bearer.auth.token, schema.registry.ssl.truststore.*); secrets as ${env:NAME} or "
                    + "${file:PATH:KEY} (default: IFL_KAFKA_CONFIG_FILE, else the client.properties of the platform "
                    + "found with --data-dir).")
    @Setting(ServiceContext.CLIENT_CONFIG)
    Path file;

    /** The file given by the option or the environment, if any. */
    String given() {
        if (file != null) {
            return file.toString();
        }
        String fromEnvironment = System.getenv(ENVIRONMENT);
        return fromEnvironment == null || fromEnvironment.isBlank() ? null : fromEnvironment;
    }

    /** The given file's properties, else those of {@code fallback} (a file name, or null for none). */
    ClientProperties load(String fallback) {
        String chosen = given() != null ? given() : fallback;
        try {
            return ClientProperties.of(chosen);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new CommandFailure("--kafka-config: " + e.getMessage(), e);
        }
    }
}
