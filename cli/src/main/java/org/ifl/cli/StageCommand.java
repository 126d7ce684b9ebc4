package org.ifl.cli;

import static org.ifl.platform.service.ServiceContext.CLIENT_CONFIG;
import static org.ifl.platform.service.ServiceContext.DATA_DIR_CONFIG;
import static org.ifl.platform.service.ServiceContext.KAFKA_CONFIG;
import static org.ifl.platform.service.ServiceContext.REGISTRY_CONFIG;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.core.value.PropertyResolver;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.ifl.platform.CauseChain;
import org.ifl.platform.EmbeddedPlatform;
import org.ifl.platform.kafka.ClientProperties;
import org.ifl.platform.service.Cluster;
import org.ifl.platform.service.ServiceContext;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The base of the commands that run one stage against a cluster: the one its settings name (the options, the
 * environment), else the platform {@code ifl up} runs with the data directory, else an embedded one started in
 * this process.
 */
abstract class StageCommand extends ServiceCommand {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Kafka cluster (default: IFL_KAFKA_BOOTSTRAP_SERVERS, else as the text above says).")
    @Setting(KAFKA_CONFIG)
    String bootstrapServers;

    @Option(names = "--registry-url", paramLabel = "URL",
            description = "Confluent-compatible schema registry (default: IFL_SCHEMA_REGISTRY_URL, else as above).")
    @Setting(REGISTRY_CONFIG)
    String registryUrl;

    @Option(names = "--http-port", paramLabel = "PORT",
            description = "Port of the HTTP server on 127.0.0.1; -1 picks a free one (default: ${DEFAULT-VALUE}).")
    @Setting(ServiceContext.HTTP_PORT_CONFIG)
    int httpPort;

    @Mixin
    DataDirOption dataDir;

    @Mixin
    KafkaConfigOption kafkaConfig;

    /** What the stage reads and writes, e.g. "eval.completions -> eval.labeled". */
    protected abstract String flow();

    /** Lines that say where the running service answers, after "running". */
    protected void describeEndpoints(String url) {
        out().println("  health   " + url + "/health");
        out().println("  metrics  " + url + "/metrics, " + url + "/prometheus");
    }

    /** Settings this stage works out from the others, given or not, before it starts. */
    protected void derive(PropertyResolver resolved, Map<String, Object> settings) {
    }

    @Override
    protected final AutoCloseable prepare(Map<String, Object> settings) {
        Environment resolved = ServiceContext.settings(environment(), settings, true);
        String kafka;
        String registry;
        String clientConfig;
        Path data;
        try {
            data = Path.of(resolved.getProperty(DATA_DIR_CONFIG, String.class).orElse(DataDirOption.DEFAULT))
                    .toAbsolutePath();
            kafka = resolved.getProperty(KAFKA_CONFIG, String.class).filter(s -> !s.isBlank()).orElse(null);
            registry = resolved.getProperty(REGISTRY_CONFIG, String.class).filter(s -> !s.isBlank()).orElse(null);
            clientConfig = resolved.getProperty(CLIENT_CONFIG, String.class).filter(s -> !s.isBlank()).orElse(null);
            derive(resolved, settings);
        } finally {
            resolved.stop();
        }
        settings.put(DATA_DIR_CONFIG, data.toString());
        ClientProperties client = kafkaConfig.load(clientConfig);
        kafka = kafka != null ? kafka : client.bootstrapServers().orElse(null);
        registry = registry != null ? registry : client.registryUrl().orElse(null);
        if (kafka != null && registry != null) {
            return () -> { };
        }
        if (kafka != null || registry != null) {
            throw new CommandFailure("give both --bootstrap-servers and --registry-url (or IFL_KAFKA_BOOTSTRAP_SERVERS "
                    + "and IFL_SCHEMA_REGISTRY_URL), or neither");
        }
        Optional<EmbeddedPlatform.Endpoints> running = EmbeddedPlatform.readEndpoints(data);
        if (running.isPresent()) {
            settings.put(KAFKA_CONFIG, running.get().bootstrapServers());
            settings.put(REGISTRY_CONFIG, running.get().registryUrl());
            if (clientConfig == null && running.get().clientConfigFile() != null) {
                settings.put(CLIENT_CONFIG, running.get().clientConfigFile());
            }
            out().println("using the platform running with " + data + ": " + running.get().bootstrapServers() + ", "
                    + running.get().registryUrl());
            return () -> { };
        }
        out().println("no platform running with " + data + ": starting one in this process");
        EmbeddedPlatform embedded;
        try {
            embedded = EmbeddedPlatform.start(new EmbeddedPlatform.Settings(data, 0, 0, 0, false));
        } catch (RuntimeException e) {
            throw new CommandFailure("cannot start the platform: " + CauseChain.describe(e), e);
        }
        settings.put(KAFKA_CONFIG, embedded.bootstrapServers());
        settings.put(REGISTRY_CONFIG, embedded.registryUrl());
        if (clientConfig == null) {
            settings.put(CLIENT_CONFIG, embedded.clientPropertiesFile().toString());
        }
        return embedded;
    }

    @Override
    protected final void describe(ApplicationContext context) {
        out().println(stage() + " running: " + flow() + " on " + context.getBean(Cluster.class).bootstrapServers());
        describeEndpoints(context.getBean(EmbeddedServer.class).getURL().toString());
    }
}
