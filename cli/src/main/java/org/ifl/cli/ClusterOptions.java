package org.ifl.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where a command that talks to Kafka alone (no registry) connects: {@code --bootstrap-servers}, else the client
 * properties file's {@code bootstrap.servers}, else the platform {@code ifl up} runs with {@code --data-dir}; its
 * clients use the client properties file ({@code --kafka-config}).
 */
final class ClusterOptions {
    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Kafka cluster (default: the --kafka-config file's bootstrap.servers, else the one `ifl up` "
                    + "wrote to <data-dir>/endpoints.properties).")
    String bootstrapServers;

    @Mixin
    DataDirOption dataDir;

    @Mixin
    KafkaConfigOption kafkaConfig;

    ClusterAddress resolve() {
        return ClusterAddress.resolve(bootstrapServers, dataDir.path(), kafkaConfig);
    }
}
