package org.ifl.cli;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.BeanContextException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.ifl.platform.CauseChain;
import org.ifl.platform.service.ServiceContext;
import org.ifl.platform.service.StreamsStageService;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The base of the commands that run one service in the foreground until Ctrl-C: its settings (the shared
 * {@code application.yml}, its {@code application-<environment>.yml}, the process environment, and the options
 * given, which win), its application context, and a clean stop. An option sets the setting its {@link Setting}
 * names only when it is given.
 */
@Command(defaultValueProvider = ServiceDefaults.class)
abstract class ServiceCommand extends IflSubcommand {
    private static final Duration FAILURE_POLL = Duration.ofMillis(500);

    /** The service's Micronaut environment: its settings are in {@code application-<environment>.yml}. */
    protected abstract String environment();

    /** The service's name, as in messages: "lid-stream". */
    protected abstract String stage();

    /**
     * Adds to {@code settings} what the command works out itself before the service starts (a cluster found or
     * started); returns what to close once the service has stopped.
     */
    protected AutoCloseable prepare(Map<String, Object> settings) {
        return () -> { };
    }

    /** Starts the service's context with these settings. */
    protected ApplicationContext start(Map<String, Object> settings) {
        return ServiceContext.serve(environment(), settings);
    }

    /** The lines that say the service runs and where it answers. */
    protected abstract void describe(ApplicationContext context);

    /** The settings the options given on the command line set; those not given are left out. */
    Map<String, Object> givenSettings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        ParseResult parsed = spec.commandLine().getParseResult();
        for (OptionSpec option : spec.options()) {
            String key = ServiceDefaults.settingOf(option);
            if (key != null && parsed != null && parsed.hasMatchedOption(option)) {
                put(settings, key, option.getValue());
            }
        }
        return settings;
    }

    private static void put(Map<String, Object> settings, String key, Object value) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> settings.put(key + "." + k, String.valueOf(v)));
        } else if (value instanceof List<?> list) {
            settings.put(key, list.stream().map(String::valueOf).toList());
        } else if (value instanceof Path path) {
            settings.put(key, path.toAbsolutePath().toString());
        } else {
            settings.put(key, value);
        }
    }

    /**
     * What went wrong, without the wrappers in which Micronaut says which beans it was making (a bad setting is
     * named by the exception the settings threw).
     */
    private static Throwable withoutBeanPath(Throwable failure) {
        Throwable t = failure;
        while (t instanceof BeanContextException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** Waits for Ctrl-C, or for the service's stream to stop for good; returns that failure, or null on Ctrl-C. */
    private static Throwable awaitStopOrFailure(StopSignal stopSignal, ApplicationContext context)
            throws InterruptedException {
        CompletableFuture<Throwable> stopped = context.findBean(StreamsStageService.class)
                .map(StreamsStageService::stopped).orElseGet(CompletableFuture::new);
        while (!stopSignal.await(FAILURE_POLL)) {
            if (stopped.isDone()) {
                return stopped.join();
            }
        }
        return null;
    }

    @Override
    protected final int execute() throws Exception {
        StopSignal stopSignal = StopSignal.install(err());
        Map<String, Object> settings = givenSettings();
        try (AutoCloseable prepared = prepare(settings)) {
            ApplicationContext context;
            try {
                context = start(settings);
            } catch (RuntimeException e) {
                throw new CommandFailure("cannot start " + stage() + ": " + CauseChain.describe(withoutBeanPath(e)),
                        e);
            }
            Throwable failure;
            try {
                describe(context);
                out().println("Ctrl-C stops it.");
                out().flush();
                failure = awaitStopOrFailure(stopSignal, context);
            } finally {
                context.close();
            }
            if (failure != null) {
                throw new CommandFailure(stage() + " stopped: " + CauseChain.describe(failure)
                        + "; exiting non-zero so that its supervisor starts it again", failure);
            }
        }
        out().println("stopped");
        return ExitCode.OK;
    }
}
