package org.ifl.platform.service;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.env.CommandLinePropertySource;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;

/**
 * The application context of one service, configured the one way every service is: this module's
 * {@code application.yml} (what all share), the service's {@code application-<environment>.yml} (loaded because the
 * context runs with the service's Micronaut environment: {@code lid}, {@code stats}, {@code worker},
 * {@code serve-model}), the process environment ({@code IFL_LID_STATE_DIR} sets {@code ifl.lid.state-dir}), and
 * the settings given on the command line, which win over all of them. Each yml key comes with its default and
 * what it does.
 */
public final class ServiceContext {
    public static final String KAFKA_CONFIG = "ifl.kafka.bootstrap-servers";
    public static final String REGISTRY_CONFIG = "ifl.schema-registry.url";
    /** The client properties file: Kafka clients' security settings, the registry's credentials and trust. */
    public static final String CLIENT_CONFIG = "ifl.kafka.config-file";
    public static final String DATA_DIR_CONFIG = "ifl.data-dir";
    public static final String HTTP_HOST_CONFIG = "micronaut.server.host";
    public static final String HTTP_PORT_CONFIG = "micronaut.server.port";
    /** The property source of the settings given on the command line. */
    public static final String COMMAND_LINE = "ifl-command-line";

    private ServiceContext() {
    }

    /**
     * @param environment the service's Micronaut environment, e.g. {@code lid}
     * @param commandLine the settings given on the command line (only those: a setting left out keeps its value
     *                    from the environment or the yml)
     */
    public static ApplicationContextBuilder builder(String environment, Map<String, Object> commandLine) {
        return ApplicationContext.builder()
                .environments(environment)
                .propertySources(PropertySource.of(COMMAND_LINE, commandLine, CommandLinePropertySource.POSITION));
    }

    /** Starts the service and its HTTP server (/health, /metrics, /prometheus and its API). */
    public static ApplicationContext serve(String environment, Map<String, Object> commandLine) {
        ApplicationContext context = builder(environment, commandLine).start();
        try {
            EmbeddedServer server = context.getBean(EmbeddedServer.class);
            if (!server.isRunning()) {
                server.start();
            }
            return context;
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    /** Starts the service without an HTTP server. */
    public static ApplicationContext start(String environment, Map<String, Object> commandLine) {
        return builder(environment, commandLine).start();
    }

    /**
     * The service's settings as its context would read them, without starting it; stop it when done.
     *
     * @param environmentVariables false reads the yml defaults (and {@code commandLine}) only
     */
    public static Environment settings(String environment, Map<String, Object> commandLine,
            boolean environmentVariables) {
        return builder(environment, commandLine).environmentPropertySource(environmentVariables).build()
                .getEnvironment().start();
    }
}
