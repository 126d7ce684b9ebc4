package org.ifl.cli.deploy;

import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.ifl.inferenceworker.WorkerService;
import org.ifl.lidstream.LidService;
import org.ifl.platform.service.ServiceContext;
import org.ifl.statsstream.StatsService;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * What the deployment manifests under {@code deploy/} are checked against, for any manifest format: their YAML read
 * as plain maps and lists, the settings of each service (the keys of its application*.yml), the setting an
 * environment variable sets, the port a service listens on, and the image the build makes.
 */
public final class ManifestSettings {
    /** The ifl command that starts each service -> the service's Micronaut environment. */
    public static final Map<String, String> SERVICE_ENVIRONMENTS = Map.of(
            "worker", WorkerService.ENVIRONMENT, "lid", LidService.ENVIRONMENT, "stats", StatsService.ENVIRONMENT);
    /** Variables a container of the ifl image may set that are not settings of a service: the JVM's own. */
    public static final Set<String> NOT_SETTINGS = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "TZ");

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private ManifestSettings() {
    }

    /** The repository's {@code deploy/} folder (tests run in cli/). */
    public static Path deployDir() {
        Path dir = Path.of("..", "deploy").toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new AssertionError("no deploy/ folder at " + dir);
        }
        return dir;
    }

    /** Every YAML file under {@code dir}, sorted. */
    public static List<Path> yamlFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The documents of a YAML file (a Kubernetes manifest may hold several), with merge keys ({@code <<: *anchor},
     * which YAML 1.2 readers leave as a key) merged as Compose and Kubernetes tools merge them.
     */
    public static List<Object> documents(Path file) {
        try {
            List<Object> documents = new ArrayList<>();
            for (Object document : new Load(LoadSettings.builder().setLabel(file.toString()).build())
                    .loadAllFromString(Files.readString(file))) {
                if (document != null) {
                    documents.add(merged(document));
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw new AssertionError(file + " is not valid YAML: " + e.getMessage(), e);
        }
    }

    /** The one document of a YAML file, as a map. */
    public static Map<String, Object> document(Path file) {
        List<Object> documents = documents(file);
        if (documents.size() != 1 || !(documents.get(0) instanceof Map<?, ?>)) {
            throw new AssertionError(file + ": expected one YAML document, a mapping");
        }
        return map(documents.get(0), file.toString());
    }

    private static Object merged(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> result = new LinkedHashMap<>();
            Object base = map.get("<<");
            if (base != null) {
                for (Object each : base instanceof List<?> list ? list : List.of(base)) {
                    ((Map<?, ?>) merged(each)).forEach((k, v) -> result.put(String.valueOf(k), v));
                }
            }
            map.forEach((k, v) -> {
                if (!"<<".equals(k)) {
                    result.put(String.valueOf(k), merged(v));
                }
            });
            return result;
        }
        if (node instanceof List<?> list) {
            return list.stream().map(ManifestSettings::merged).toList();
        }
        return node;
    }

    /** {@code node} as a mapping, or an assertion error naming {@code where} it was expected. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object node, String where) {
        if (!(node instanceof Map<?, ?>)) {
            throw new AssertionError(where + ": expected a mapping, found " + node);
        }
        return (Map<String, Object>) node;
    }

    /** An environment given as a mapping or as a list of NAME=VALUE (both spellings of Compose), as text. */
    public static Map<String, String> environment(Object node, String where) {
        Map<String, String> environment = new LinkedHashMap<>();
        if (node == null) {
            return environment;
        }
        if (node instanceof List<?> list) {
            for (Object entry : list) {
                String text = String.valueOf(entry);
                int eq = text.indexOf('=');
                environment.put(eq < 0 ? text : text.substring(0, eq), eq < 0 ? "" : text.substring(eq + 1));
            }
        } else {
            map(node, where).forEach((k, v) -> environment.put(k, v == null ? "" : String.valueOf(v)));
        }
        return environment;
    }

    /** Every string, number and key in a YAML tree, for checks on what a manifest names anywhere. */
    public static List<String> scalars(Object node) {
        List<String> scalars = new ArrayList<>();
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                scalars.add(String.valueOf(k));
                scalars.addAll(scalars(v));
            });
        } else if (node instanceof List<?> list) {
            list.forEach(v -> scalars.addAll(scalars(v)));
        } else if (node != null) {
            scalars.add(String.valueOf(node));
        }
        return scalars;
    }

    /** {@code ${NAME}} in {@code text} replaced by {@code variables} (an .env file's), failing on one it lacks. */
    public static String interpolate(String text, Map<String, String> variables, String where) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder result = new StringBuilder();
        while (m.find()) {
            String value = variables.get(m.group(1));
            if (value == null) {
                throw new AssertionError(where + ": ${" + m.group(1) + "} is not set in " + variables.keySet());
            }
            m.appendReplacement(result, Matcher.quoteReplacement(value));
        }
        return m.appendTail(result).toString();
    }

    /** The NAME=VALUE lines of an .env file (comments and blank lines skipped). */
    public static Map<String, String> envFile(Path file) {
        try {
            Map<String, String> variables = new LinkedHashMap<>();
            for (String line : Files.readAllLines(file)) {
                String trimmed = line.strip();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    int eq = trimmed.indexOf('=');
                    if (eq < 1) {
                        throw new AssertionError(file + ": not NAME=VALUE: " + line);
                    }
                    variables.put(trimmed.substring(0, eq), trimmed.substring(eq + 1));
                }
            }
            return variables;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The settings of the service run with Micronaut {@code environment}: the keys of its application*.yml, with their
     * values as written there (placeholders unresolved).
     */
    public static Map<String, Object> settings(String environment) {
        Environment settings = ServiceContext.settings(environment, Map.of(), false);
        try {
            Map<String, Object> keys = new TreeMap<>();
            for (PropertySource source : settings.getPropertySources()) {
                if (source.getName().startsWith("application")) {
                    source.forEach(key -> keys.putIfAbsent(key, source.get(key)));
                }
            }
            return keys;
        } finally {
            settings.stop();
        }
    }

    /**
     * The setting {@code variable} sets, as Micronaut reads the environment: upper case, {@code _} for {@code .} and
     * {@code -} ({@code IFL_STATS_ADVERTISED_HOST} sets {@code ifl.stats.advertised-host}).
     */
    public static Optional<String> settingOf(String variable, Map<String, Object> settings) {
        return settings.keySet().stream().filter(key -> key.toUpperCase(Locale.ROOT).replace('.', '_')
                .replace('-', '_').equals(variable)).findFirst();
    }

    /**
     * The port a service's HTTP server listens on: {@code MICRONAUT_SERVER_PORT} among {@code variables} if set, else
     * its yml's ({@code settings}, from {@link #settings}).
     */
    public static int httpPort(Map<String, Object> settings, Map<String, String> variables) {
        Object port = variables.containsKey("MICRONAUT_SERVER_PORT") ? variables.get("MICRONAUT_SERVER_PORT")
                : settings.get(ServiceContext.HTTP_PORT_CONFIG);
        if (port == null) {
            throw new AssertionError("no " + ServiceContext.HTTP_PORT_CONFIG + " in " + settings.keySet());
        }
        return Integer.parseInt(String.valueOf(port));
    }

    /**
     * The image the build makes, {@code name:tag}: cli/pom.xml's {@code ifl.image.name} (else {@code ifl/ifl}) and the
     * project version.
     */
    public static String image() {
        try {
            String pom = Files.readString(Path.of("pom.xml"));
            Matcher name = Pattern.compile("<ifl\\.image\\.name>([^<]+)</ifl\\.image\\.name>").matcher(pom);
            Matcher version = Pattern.compile("<parent>.*?<version>([^<]+)</version>.*?</parent>", Pattern.DOTALL)
                    .matcher(pom);
            if (!version.find()) {
                throw new AssertionError("cli/pom.xml names no parent version");
            }
            return (name.find() ? name.group(1).strip() : "ifl/ifl") + ":" + version.group(1).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
