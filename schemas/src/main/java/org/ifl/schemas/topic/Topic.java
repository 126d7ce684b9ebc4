package org.ifl.schemas.topic;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/** A topic ready to use: its contract and the serdes for its keys and values. */
public record Topic<K, V extends SpecificRecord>(TopicContract<K, V> contract, Serde<K> keySerde, Serde<V> valueSerde) {

    public String name() {
        return contract.name();
    }
}
