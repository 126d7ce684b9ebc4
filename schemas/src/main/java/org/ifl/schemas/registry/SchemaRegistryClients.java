package org.ifl.schemas.registry;

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
    private static final Map<String, RestSchemaRegistryClient> REST = new ConcurrentHashMap<>();

    private SchemaRegistryClients() {
    }

    /** One client per URL, so schema caches are shared across serdes of the same process. */
    public static SchemaRegistryClient forUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("no schema registry URL configured");
        }
        if (url.startsWith(MEMORY_SCHEME)) {
            String name = url.substring(MEMORY_SCHEME.length());
            return MEMORY.computeIfAbsent(name, InMemorySchemaRegistryClient::new);
        }
        if (url.startsWith("http://") || url.startsWith("https://")) {
            return REST.computeIfAbsent(url, RestSchemaRegistryClient::new);
        }
        throw new IllegalArgumentException("schema registry URL '" + url + "' must start with http://, https:// or "
                + MEMORY_SCHEME);
    }

    /** Forgets the in-memory registry {@code name}; the next {@code mem://name} starts empty. */
    public static void dropInMemory(String name) {
        MEMORY.remove(name);
    }
}
