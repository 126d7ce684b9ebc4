package org.ifl.schemas.serde;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.ifl.schemas.registry.RegistryAccess;
import org.ifl.schemas.registry.SchemaRegistryClient;
import org.ifl.schemas.registry.SchemaRegistryClients;

/** Confluent wire-format serdes over a {@link SchemaRegistryClient}: the project's default serdes. */
public final class RegistryAvroSerdes implements AvroSerdeProvider {
    private final SchemaRegistryClient registry;
    private final boolean autoRegister;

    public RegistryAvroSerdes(SchemaRegistryClient registry, boolean autoRegister) {
        this.registry = registry;
        this.autoRegister = autoRegister;
    }

    /** Serdes over the registry at {@code url} ({@code http(s)://} or {@code mem://name}), registering schemas. */
    public static RegistryAvroSerdes forUrl(String url) {
        return forUrl(url, RegistryAccess.NONE);
    }

    /** As {@link #forUrl(String)}, reaching the registry with {@code access}'s credentials and trust. */
    public static RegistryAvroSerdes forUrl(String url, RegistryAccess access) {
        return new RegistryAvroSerdes(SchemaRegistryClients.forUrl(url, access), true);
    }

    @Override
    public <T extends SpecificRecord> Serde<T> serde(Class<T> type, boolean isKey) {
        return Serdes.serdeFrom(new WireFormatSerializer<>(registry, type, isKey, autoRegister),
                new WireFormatDeserializer<>(registry, type));
    }

    public SchemaRegistryClient registry() {
        return registry;
    }
}
