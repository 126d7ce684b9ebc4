package org.ifl.schemas.serde;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * Where topic serdes for Avro records come from. The project's own implementation is
 * {@link RegistryAvroSerdes}; a deployment that can use Confluent's {@code SpecificAvroSerde} implements this
 * interface with it and passes it to {@link org.ifl.schemas.topic.Topics}.
 */
@FunctionalInterface
public interface AvroSerdeProvider {
    <T extends SpecificRecord> Serde<T> serde(Class<T> type, boolean isKey);
}
