package org.ifl.cli;

import io.micronaut.context.env.Environment;
import java.lang.reflect.Field;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.ifl.platform.service.ServiceContext;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The defaults of a service command's {@link Setting} options: what the service's yml says, as its context reads it
 * without the environment or the command line. {@code --help} shows them, so it says what the service runs with
 * when nothing overrides them.
 */
final class ServiceDefaults implements IDefaultValueProvider {
    private Map<String, String> defaults;

    /** The setting {@code arg} sets, or null for an option that sets none. */
    static String settingOf(ArgSpec arg) {
        if (arg.userObject() instanceof Field field && field.isAnnotationPresent(Setting.class)) {
            return field.getAnnotation(Setting.class).value();
        }
        return null;
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        String key = settingOf(arg);
        if (key == null || !(arg.command().userObject() instanceof ServiceCommand command)) {
            return null;
        }
        return defaults(command).get(key);
    }

    private synchronized Map<String, String> defaults(ServiceCommand command) {
        if (defaults == null) {
            defaults = new HashMap<>();
            Environment yml = ServiceContext.settings(command.environment(), Map.of(), false);
            try {
                for (OptionSpec option : command.spec.options()) {
                    String key = settingOf(option);
                    if (key != null) {
                        yml.getProperty(key, Object.class).map(ServiceDefaults::text)
                                .filter(text -> !text.isBlank()).ifPresent(text -> defaults.put(key, text));
                    }
                }
            } finally {
                yml.stop();
            }
        }
        return defaults;
    }

    /** A list as the option's split takes it; a map (none by default) as nothing. */
    private static String text(Object value) {
        if (value instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        return value instanceof Map<?, ?> ? "" : value.toString();
    }
}
