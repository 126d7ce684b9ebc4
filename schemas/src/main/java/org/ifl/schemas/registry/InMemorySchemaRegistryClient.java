package org.ifl.schemas.registry;

import java.util.List;
import org.apache.avro.Schema;

/**
 * A registry held in this JVM, with the same rules as the embedded server (both run on {@link SchemaStore}).
 * For {@code TopologyTestDriver} tests and single-process tools; reach a named one with {@code mem://name}.
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {
    private final String name;
    private final SchemaStore store;

    public InMemorySchemaRegistryClient(String name) {
        this(name, SchemaStore.inMemory());
    }

    public InMemorySchemaRegistryClient(String name, SchemaStore store) {
        this.name = name;
        this.store = store;
    }

    @Override
    public int register(String subject, Schema schema) {
        return store.register(subject, schema.toString()).id();
    }

    @Override
    public int idOf(String subject, Schema schema) {
        return store.lookup(subject, schema.toString()).id();
    }

    @Override
    public Schema schemaById(int id) {
        return new Schema.Parser().parse(store.schemaById(id));
    }

    @Override
    public List<String> subjects() {
        return store.subjects();
    }

    @Override
    public List<Integer> versions(String subject) {
        return store.versions(subject);
    }

    @Override
    public RegisteredSchema latest(String subject) {
        return store.version(subject, "latest");
    }

    @Override
    public String endpoint() {
        return SchemaRegistryClients.MEMORY_SCHEME + name;
    }

    public SchemaStore store() {
        return store;
    }
}
