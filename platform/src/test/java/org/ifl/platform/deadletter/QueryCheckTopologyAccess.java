package org.ifl.platform.deadletter;

import org.apache.kafka.streams.Topology;
import org.ifl.schemas.avro.Query;
import org.ifl.schemas.topic.Topic;

/** Opens the test stage to the broker-backed scenarios in the parent package. */
public final class QueryCheckTopologyAccess {
    public static final String CHECKED = QueryCheckTopology.CHECKED;

    private QueryCheckTopologyAccess() {
    }

    public static Topology build(Topic<String, Query> queries) {
        return QueryCheckTopology.build(queries);
    }
}
