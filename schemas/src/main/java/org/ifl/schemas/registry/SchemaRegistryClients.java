package org.ifl.schemas.registry;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves a registry URL to a client: {@code http(s)://...} gives a caching REST client, {@code mem://name}
 * the JVM-wide in-memory registry of that name (shared by every serde configured with the same URL, the way
 * tests and Kafka-instantiated handlers need it).
 */
public final class SchemaRegistryClients {
    public static final String MEMORY_SCHEME = "mem://";

    private static final Map<String, InMemorySchemaRegistryClient> MEMORY = new ConcurrentHashMap<>();
    private static final Map<RestEndpoint, RestSchemaRegistryClient> REST = new ConcurrentHashMap<>();

    private record RestEndpoint(String url, RegistryAccess access) {
    }

    private SchemaRegistryClients() {
    }

    /** One client per URL, so schema caches are shared across serdes of the same process. */
    public static SchemaRegistryClient forUrl(String url) {
        return forUrl(url, RegistryAccess.NONE);
    }

    /**
     * One client per URL and access, so schema caches are shared across serdes of the same process; {@code access}
     * (credentials, trust) applies to {@code http(s)://} registries.
     */
    public static SchemaRegistryClient forUrl(String url, RegistryAccess access) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("no schema registry URL configured");
        }
        if (url.startsWith(MEMORY_SCHEME)) {
            String name = url.substring(MEMORY_SCHEME.length());
            return MEMORY.computeIfAbsent(name, InMemorySchemaRegistryClient::new);
        }
        if (url.startsWith("http://") || url.startsWith("https://")) {
            return REST.computeIfAbsent(new RestEndpoint(url, access),
                    endpoint -> new RestSchemaRegistryClient(url, Duration.ofSeconds(10), access));
        }
        throw new IllegalArgumentException("schema registry URL '" + url + "' must start with http://, https:// or "
                + MEMORY_SCHEME);
    }

    /** Forgets the in-memory registry {@code name}; the next {@code mem://name} starts empty. */
    public static void dropInMemory(String name) {
        MEMORY.remove(name);
    }
}
