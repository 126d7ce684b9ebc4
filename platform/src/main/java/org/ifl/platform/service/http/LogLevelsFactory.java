package org.ifl.platform.service.http;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Requires;
import io.micronaut.management.endpoint.loggers.ManagedLoggingSystem;
import io.micronaut.management.endpoint.loggers.impl.LogbackLoggingSystem;
import jakarta.inject.Singleton;

/**
 * The logging system {@code /loggers} reads and sets: Logback's, which the services log with. Kafka brings Log4j 2
 * onto the class path too, and Micronaut would otherwise find two and set neither.
 */
@Factory
final class LogLevelsFactory {

    @Primary
    @Singleton
    @Requires(beans = LogbackLoggingSystem.class)
    ManagedLoggingSystem logLevels(LogbackLoggingSystem logback) {
        return logback;
    }
}
