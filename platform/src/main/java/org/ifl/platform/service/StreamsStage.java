package org.ifl.platform.service;

import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.Topology;
import org.ifl.platform.kafka.StreamsStageSettings;

/**
 * What a Kafka Streams stage (lid-stream, stats-stream) brings to the {@link StreamsStageService} that runs it: its
 * name, settings and topology, and what its health entry adds. A stage is a bean of its service's environment; the
 * platform builds, starts, observes and closes the client.
 */
public interface StreamsStage {

    /** The stage's name: in its dead letters, its metrics' tag and its health entry, e.g. {@code lid-stream}. */
    String name();

    StreamsStageSettings settings();

    /** A new topology: every client of the stage (a replacement too) gets its own. */
    Topology topology();

    /**
     * The host other instances reach this one's HTTP API at, for a stage whose state they query: its stream then
     * starts once the HTTP server listens, with {@code application.server} = this host and the server's port.
     * Empty (the default): the stream starts with the context.
     */
    default Optional<String> advertisedHost() {
        return Optional.empty();
    }

    /** What the health entry shows besides the stream's state, lag and replacements. */
    default Map<String, Object> healthDetails() {
        return Map.of();
    }
}
