package org.ifl.schemas.topic;

import org.apache.avro.specific.SpecificRecord;

/**
 * What a topic carries, independent of how it is serialized: its name, key and value types, how it is keyed
 * and why, and how it is created. {@link Topics} lists every contract; {@link Topics#topic} binds one to
 * serdes.
 */
public record TopicContract<K, V extends SpecificRecord>(
        String name,
        Class<K> keyType,
        Class<V> valueType,
        String keyFormat,
        String partitioningReason,
        TopicSpec spec,
        String purpose) {
}
