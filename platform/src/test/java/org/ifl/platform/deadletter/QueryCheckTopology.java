package org.ifl.platform.deadletter;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.ifl.schemas.avro.Query;
import org.ifl.schemas.topic.Topic;

/**
 * A minimal stage for exercising the dead-letter path: it reads queries, refuses those without a prompt by
 * throwing (as a real stage's processor would on a record it cannot handle), and forwards the rest.
 */
final class QueryCheckTopology {
    static final String CHECKED = "test.queries.checked";

    private QueryCheckTopology() {
    }

    static Topology build(Topic<String, Query> queries) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(queries.name(), Consumed.with(queries.keySerde(), queries.valueSerde()))
                .mapValues(query -> {
                    if (query.getPrompt().isBlank()) {
                        throw new IllegalArgumentException("query " + query.getQueryId() + " has an empty prompt");
                    }
                    return query;
                })
                .to(CHECKED, Produced.with(queries.keySerde(), queries.valueSerde()));
        return builder.build();
    }
}
