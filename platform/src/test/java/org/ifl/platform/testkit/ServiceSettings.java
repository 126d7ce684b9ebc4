package org.ifl.platform.testkit;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.ActiveEnvironment;
import io.micronaut.context.env.CommandLinePropertySource;
import io.micronaut.context.env.EnvironmentPropertySource;
import io.micronaut.context.env.MapPropertySource;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import io.micronaut.core.io.scan.ClassPathResourceLoader;
import java.util.HashMap;
import java.util.Map;
import org.ifl.platform.service.ServiceContext;

/**
 * A context that reads a service's settings as the service's own context does (the shared {@code application.yml},
 * its {@code application-<environment>.yml} loaded by Micronaut's own loader with that environment's precedence,
 * environment variables, the command line) without running the service: its environment is not active, so its
 * beans stay out, and settings classes bind alone. The environment variables are given as a map and read with
 * Micronaut's rules for the process environment ({@code IFL_LID_STATE_DIR} sets {@code ifl.lid.state-dir}); the
 * real process environment is left out, so that the machine's variables do not leak into a test.
 */
public final class ServiceSettings {
    private ServiceSettings() {
    }

    public static ApplicationContext context(String environment, Map<String, String> environmentVariables,
            Map<String, Object> commandLine) {
        PropertySource yml = new YamlPropertySourceLoader()
                .loadEnv("application", ClassPathResourceLoader.defaultLoader(ServiceSettings.class.getClassLoader()),
                        ActiveEnvironment.of(environment, 0))
                .orElseThrow(() -> new IllegalArgumentException("no application-" + environment + ".yml"));
        return ApplicationContext.builder()
                .environmentPropertySource(false)
                .propertySources(yml, new VariablesSource(environmentVariables),
                        PropertySource.of(ServiceContext.COMMAND_LINE, commandLine, CommandLinePropertySource.POSITION))
                .start();
    }

    /** Environment variables at the process environment's place, named and read as Micronaut reads those. */
    private static final class VariablesSource extends MapPropertySource {
        VariablesSource(Map<String, String> variables) {
            super(EnvironmentPropertySource.NAME, new HashMap<>(variables));
        }

        @Override
        public int getOrder() {
            return EnvironmentPropertySource.POSITION;
        }

        @Override
        public PropertyConvention getConvention() {
            return PropertyConvention.ENVIRONMENT_VARIABLE;
        }
    }
}
