package org.ifl.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The JVM options each {@code ifl} command ships with ({@code jvm-options.properties} beside this class): what the
 * {@code ifl} script starts a command with unless {@code IFL_JAVA_OPTS} is set, and what the harnesses that start
 * {@code ifl} commands as child processes give them.
 */
public final class JvmOptions {
    private static final String FILE = "jvm-options.properties";
    private static final Properties OPTIONS = load();

    private JvmOptions() {
    }

    /** The options of {@code command} (e.g. {@code stats}), empty for a command that has none. */
    public static List<String> of(String command) {
        String options = OPTIONS.getProperty(command, "").trim();
        return options.isEmpty() ? List.of() : Arrays.asList(options.split("\\s+"));
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = JvmOptions.class.getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException(FILE + " is missing beside " + JvmOptions.class.getName());
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE, e);
        }
        return properties;
    }
}
