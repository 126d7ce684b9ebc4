package org.ifl.platform.kafka;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigTransformer;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.apache.kafka.common.config.provider.DirectoryConfigProvider;
import org.apache.kafka.common.config.provider.EnvVarConfigProvider;
import org.apache.kafka.common.config.provider.FileConfigProvider;
import org.apache.kafka.streams.StreamsConfig;
import org.ifl.schemas.registry.RegistryAccess;

/**
 * The client properties file ({@code --kafka-config}, {@code ifl.kafka.config-file}, {@code IFL_KAFKA_CONFIG_FILE}):
 * Kafka's own client property names ({@code security.protocol}, {@code ssl.*}, {@code sasl.*}, tuning such as
 * {@code linger.ms}), given to every producer, consumer, admin and Streams client, and the schema registry's
 * access under Confluent's names ({@link RegistryAccess}). {@code bootstrap.servers} and {@code schema.registry.url}
 * in it are used where no address is given otherwise.
 * <p>
 * A value may name a secret instead of holding it, with Kafka's config providers: {@code ${env:NAME}} (an
 * environment variable), {@code ${file:/path:key}} (a key of a properties file), {@code ${dir:/path:file}} (a file's
 * content, as a mounted Kubernetes Secret). These three are available unless the file declares its own
 * {@code config.providers}. Values are resolved when the file is read, so a missing secret fails at start, naming
 * the file and property. {@link #toString()} shows property names only.
 */
public final class ClientProperties {
    /** No file: plaintext clients with Kafka's defaults, a registry without credentials. */
    public static final ClientProperties NONE = new ClientProperties(null, Map.of(), RegistryAccess.NONE, null, null);

    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String REGISTRY_URL = "schema.registry.url";
    private static final String PROVIDERS = "config.providers";
    /** Settings each stage sets itself for its guarantees; a file may not change them. */
    private static final Set<String> OWNED = Set.of(StreamsConfig.APPLICATION_ID_CONFIG,
            StreamsConfig.PROCESSING_GUARANTEE_CONFIG, ConsumerConfig.GROUP_ID_CONFIG,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            ProducerConfig.TRANSACTIONAL_ID_CONFIG, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            StreamsConfig.STATE_DIR_CONFIG, StreamsConfig.APPLICATION_SERVER_CONFIG);
    private static final List<String> CLIENT_PREFIXES = List.of(StreamsConfig.PRODUCER_PREFIX,
            StreamsConfig.CONSUMER_PREFIX, StreamsConfig.ADMIN_CLIENT_PREFIX, StreamsConfig.MAIN_CONSUMER_PREFIX,
            StreamsConfig.RESTORE_CONSUMER_PREFIX, StreamsConfig.GLOBAL_CONSUMER_PREFIX);
    private static final Set<String> CLIENT_NAMES = clientNames();

    private final Path file;
    private final Map<String, Object> kafka;
    private final RegistryAccess registryAccess;
    private final String bootstrapServers;
    private final String registryUrl;

    private ClientProperties(Path file, Map<String, Object> kafka, RegistryAccess registryAccess,
            String bootstrapServers, String registryUrl) {
        this.file = file;
        this.kafka = Map.copyOf(kafka);
        this.registryAccess = registryAccess;
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
    }

    /** {@link #NONE} for a null or blank name, else the file read by {@link #load(Path)}. */
    public static ClientProperties of(String file) {
        return file == null || file.isBlank() ? NONE : load(Path.of(file.strip()));
    }

    /**
     * Reads and checks {@code file}.
     *
     * @throws IllegalArgumentException naming the file and the property when one is unknown, owned by the stages,
     *                                  names a secret that cannot be found, or is invalid
     * @throws UncheckedIOException     when the file cannot be read
     */
    public static ClientProperties load(Path file) {
        Properties raw = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            raw.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the client properties file " + file + ": " + e, e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        raw.stringPropertyNames().stream().sorted().forEach(name -> values.put(name, raw.getProperty(name).strip()));
        return parse(file, values);
    }

    /** Properties given in code, checked as a file's are ({@link #load(Path)}). */
    public static ClientProperties of(Map<String, String> properties) {
        return parse(null, new LinkedHashMap<>(properties));
    }

    private static ClientProperties parse(Path file, Map<String, String> values) {
        Object origin = file == null ? "client properties" : file;
        Map<String, String> resolved = resolve(origin, values);
        Map<String, Object> kafka = new LinkedHashMap<>();
        Map<String, String> registry = new HashMap<>();
        for (Map.Entry<String, String> e : resolved.entrySet()) {
            String name = e.getKey();
            if (name.startsWith(PROVIDERS) || name.equals(BOOTSTRAP_SERVERS) || name.equals(REGISTRY_URL)) {
                continue;
            }
            if (RegistryAccess.PROPERTY_NAMES.contains(name)) {
                registry.put(name, e.getValue());
            } else if (OWNED.contains(unprefixed(name))) {
                throw new IllegalArgumentException(origin + ": " + name + " is set by each stage for its guarantees"
                        + " and cannot be changed in the client properties file");
            } else if (CLIENT_NAMES.contains(unprefixed(name))) {
                kafka.put(name, e.getValue());
            } else {
                throw new IllegalArgumentException(origin + ": unknown property " + name + "; the file takes Kafka"
                        + " client settings (security.protocol, ssl.*, sasl.*, ...), " + BOOTSTRAP_SERVERS + ", "
                        + REGISTRY_URL + " and the registry's " + new TreeSet<>(RegistryAccess.PROPERTY_NAMES));
            }
        }
        return new ClientProperties(file, kafka, RegistryAccess.fromProperties(registry, origin.toString()),
                resolved.get(BOOTSTRAP_SERVERS), resolved.get(REGISTRY_URL));
    }

    /** The file these came from, if any. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** The Kafka client settings, secrets resolved: add them to every client's configuration. */
    public Map<String, Object> kafka() {
        return kafka;
    }

    public RegistryAccess registryAccess() {
        return registryAccess;
    }

    /** {@code bootstrap.servers} from the file, if it sets it. */
    public Optional<String> bootstrapServers() {
        return Optional.ofNullable(bootstrapServers);
    }

    /** {@code schema.registry.url} from the file, if it sets it. */
    public Optional<String> registryUrl() {
        return Optional.ofNullable(registryUrl);
    }

    @Override
    public String toString() {
        return file == null ? "no client properties" : "client properties " + file + " " + new TreeSet<>(kafka.keySet())
                + " registry " + registryAccess;
    }

    private static String unprefixed(String name) {
        for (String prefix : CLIENT_PREFIXES) {
            if (name.startsWith(prefix)) {
                return name.substring(prefix.length());
            }
        }
        return name;
    }

    private static Map<String, String> resolve(Object file, Map<String, String> values) {
        if (values.values().stream().noneMatch(v -> v.contains("${"))) {
            return values;
        }
        Map<String, ConfigProvider> providers = providers(file, values);
        try {
            ConfigTransformer transformer = new ConfigTransformer(providers);
            Map<String, String> resolved = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : values.entrySet()) {
                if (e.getKey().startsWith(PROVIDERS) || !e.getValue().contains("${")) {
                    resolved.put(e.getKey(), e.getValue());
                    continue;
                }
                // one property at a time, so that a reference that fails is named with its property
                String value;
                try {
                    value = transformer.transform(Map.of(e.getKey(), e.getValue())).data().get(e.getKey());
                } catch (org.apache.kafka.common.config.ConfigException failed) {
                    throw new IllegalArgumentException(file + ": " + e.getKey() + " names a secret that cannot be"
                            + " read: " + failed.getMessage(), failed);
                }
                Matcher left = ConfigTransformer.DEFAULT_PATTERN.matcher(value);
                if (left.find()) {
                    throw new IllegalArgumentException(file + ": " + e.getKey() + " names " + left.group()
                            + ", which " + (providers.containsKey(left.group(1))
                            ? "does not resolve (no such variable, file or key)"
                            : "uses a config provider the file does not declare (" + providers.keySet() + ")"));
                }
                resolved.put(e.getKey(), value);
            }
            return resolved;
        } finally {
            providers.values().forEach(ClientProperties::closeQuietly);
        }
    }

    /** The providers the file declares ({@code config.providers=...}), else env, file and dir. */
    private static Map<String, ConfigProvider> providers(Object file, Map<String, String> values) {
        Map<String, ConfigProvider> providers = new LinkedHashMap<>();
        String declared = values.get(PROVIDERS);
        if (declared == null) {
            providers.put("env", configured(new EnvVarConfigProvider(), Map.of()));
            providers.put("file", configured(new FileConfigProvider(), Map.of()));
            providers.put("dir", configured(new DirectoryConfigProvider(), Map.of()));
            return providers;
        }
        for (String name : declared.split(",")) {
            String provider = name.strip();
            String className = values.get(PROVIDERS + "." + provider + ".class");
            if (className == null) {
                throw new IllegalArgumentException(file + ": " + PROVIDERS + " names " + provider + " but "
                        + PROVIDERS + "." + provider + ".class is not set");
            }
            String paramPrefix = PROVIDERS + "." + provider + ".param.";
            Map<String, String> params = new HashMap<>();
            values.forEach((k, v) -> {
                if (k.startsWith(paramPrefix)) {
                    params.put(k.substring(paramPrefix.length()), v);
                }
            });
            try {
                ConfigProvider instance = (ConfigProvider) Class.forName(className).getDeclaredConstructor()
                        .newInstance();
                providers.put(provider, configured(instance, params));
            } catch (ReflectiveOperationException | ClassCastException e) {
                throw new IllegalArgumentException(file + ": " + PROVIDERS + "." + provider + ".class " + className
                        + " is not a config provider on the class path: " + e, e);
            }
        }
        return providers;
    }

    private static ConfigProvider configured(ConfigProvider provider, Map<String, ?> params) {
        provider.configure(params);
        return provider;
    }

    private static void closeQuietly(ConfigProvider provider) {
        try {
            provider.close();
        } catch (IOException | RuntimeException e) {
            // nothing held that matters: the providers only read the environment and files
        }
    }

    private static Set<String> clientNames() {
        Set<String> names = new HashSet<>();
        names.addAll(ProducerConfig.configNames());
        names.addAll(ConsumerConfig.configNames());
        names.addAll(AdminClientConfig.configNames());
        names.addAll(StreamsConfig.configDef().names());
        return Set.copyOf(names);
    }
}
