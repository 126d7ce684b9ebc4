package org.ifl.platform.service;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.ifl.platform.kafka.StreamsStageSettings;
import org.ifl.schemas.topic.Topics;

/** The smallest Streams stage: counts the records of eval.queries. Present in the {@value #ENVIRONMENT} environment. */
@Singleton
@Requires(env = CountingStage.ENVIRONMENT)
final class CountingStage implements StreamsStage {
    static final String ENVIRONMENT = "counting-stage";
    static final String STATE_DIR_CONFIG = "ifl.counting-stage.state-dir";

    private final StreamsStageSettings settings = new StreamsStageSettings("ifl-counting-stage") { };
    private final AtomicLong counted = new AtomicLong();

    CountingStage(@Value("${" + STATE_DIR_CONFIG + "}") String stateDir) {
        settings.setStateDir(stateDir);
    }

    @Override
    public String name() {
        return ENVIRONMENT;
    }

    @Override
    public StreamsStageSettings settings() {
        return settings;
    }

    @Override
    public Topology topology() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Topics.QUERIES.name(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .foreach((key, value) -> counted.incrementAndGet());
        return builder.build();
    }

    long counted() {
        return counted.get();
    }
}
