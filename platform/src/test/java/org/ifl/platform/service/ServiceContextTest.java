package org.ifl.platform.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.management.health.monitor.HealthMonitorTask;
import java.time.Duration;
import java.util.Map;
import org.ifl.platform.testkit.ServiceSettings;
import org.junit.jupiter.api.Test;

/**
 * The settings mechanism every service shares, on a service of the test class path ({@code application-example.yml}):
 * the shared yml, the service's yml, the environment over both, the command line over all.
 */
class ServiceContextTest {
    private static final String STATE_DIR = "ifl.example.state-dir";
    private static final String THREADS = "ifl.example.threads";

    @Test
    void theServicesEnvironmentLoadsItsYmlBesideTheSharedOne() {
        Environment settings = ServiceContext.settings("example", Map.of(), false);
        try {
            assertEquals(".ifl/data/example", settings.getRequiredProperty(STATE_DIR, String.class));
            assertEquals(1, settings.getRequiredProperty(THREADS, Integer.class));
            assertEquals(Duration.ofSeconds(2), settings.getRequiredProperty("ifl.health.timeout", Duration.class));
            assertEquals("", settings.getRequiredProperty(ServiceContext.KAFKA_CONFIG, String.class));
            assertEquals("127.0.0.1", settings.getRequiredProperty(ServiceContext.HTTP_HOST_CONFIG, String.class));
        } finally {
            settings.stop();
        }
    }

    @Test
    void anotherServicesYmlStaysOut() {
        Environment settings = ServiceContext.settings("another", Map.of(), false);
        try {
            assertEquals(java.util.Optional.empty(), settings.getProperty(THREADS, Integer.class));
        } finally {
            settings.stop();
        }
    }

    @Test
    void environmentVariablesOverrideTheYmlAndReachItsPlaceholders() {
        try (ApplicationContext context = ServiceSettings.context("example",
                Map.of("IFL_EXAMPLE_THREADS", "3", "IFL_DATA_DIR", "/srv/ifl"), Map.of())) {
            assertEquals(3, context.getRequiredProperty(THREADS, Integer.class));
            assertEquals("/srv/ifl/example", context.getRequiredProperty(STATE_DIR, String.class));
        }
        try (ApplicationContext context = ServiceSettings.context("example",
                Map.of("IFL_EXAMPLE_STATE_DIR", "/var/lib/example", "IFL_DATA_DIR", "/srv/ifl"), Map.of())) {
            assertEquals("/var/lib/example", context.getRequiredProperty(STATE_DIR, String.class));
        }
    }

    @Test
    void theCommandLineOverridesTheEnvironment() {
        try (ApplicationContext context = ServiceSettings.context("example",
                Map.of("IFL_EXAMPLE_THREADS", "3", "IFL_EXAMPLE_STATE_DIR", "/var/lib/example"),
                Map.of(THREADS, 5, ServiceContext.DATA_DIR_CONFIG, "/data"))) {
            assertEquals(5, context.getRequiredProperty(THREADS, Integer.class));
            assertEquals("/var/lib/example", context.getRequiredProperty(STATE_DIR, String.class),
                    "a setting the command line leaves out keeps the environment's value");
        }
    }

    @Test
    void theCommandLineOverridesSystemPropertiesWhichOverrideTheYml() {
        System.setProperty(THREADS, "7");
        try {
            Environment fromSystem = ServiceContext.settings("example", Map.of(), false);
            Environment fromCommandLine = ServiceContext.settings("example", Map.of(THREADS, 9), false);
            try {
                assertEquals(7, fromSystem.getRequiredProperty(THREADS, Integer.class));
                assertEquals(9, fromCommandLine.getRequiredProperty(THREADS, Integer.class));
            } finally {
                fromSystem.stop();
                fromCommandLine.stop();
            }
        } finally {
            System.clearProperty(THREADS);
        }
    }

    @Test
    void noBackgroundHealthProbeRunsBesideTheHealthEndpoint() {
        try (ApplicationContext context = ServiceSettings.context("example", Map.of(),
                Map.of("micronaut.application.name", "ifl-example"))) {
            assertFalse(context.containsBean(HealthMonitorTask.class));
        }
    }
}
