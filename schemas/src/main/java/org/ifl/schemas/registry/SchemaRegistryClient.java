package org.ifl.schemas.registry;

import java.util.List;
import org.apache.avro.Schema;

/**
 * The part of the Confluent schema-registry API the serdes and tools use. Subjects follow the topic-name
 * strategy: {@code <topic>-key} and {@code <topic>-value}.
 */
public interface SchemaRegistryClient extends AutoCloseable {

    /** Registers {@code schema} under {@code subject} (or finds it there) and returns its global id. */
    int register(String subject, Schema schema);

    /** The id of {@code schema} under {@code subject}, without registering it. */
    int idOf(String subject, Schema schema);

    /** The schema with global id {@code id}; a {@link SchemaRegistryException} with code 40403 if none. */
    Schema schemaById(int id);

    List<String> subjects();

    List<Integer> versions(String subject);

    RegisteredSchema latest(String subject);

    /** Where this client talks to, for messages: a URL or {@code mem://name}. */
    String endpoint();

    @Override
    default void close() {
    }
}
