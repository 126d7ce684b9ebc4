package org.ifl.statsstream.service;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.reactivestreams.Publisher;

/** UP while the stream runs (or rebalances); the details say its state and where its API is advertised. */
@Singleton
@Requires(beans = StatsService.class)
public final class StatsHealthIndicator implements HealthIndicator {
    private final StatsService service;

    StatsHealthIndicator(StatsService service) {
        this.service = service;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        KafkaStreams.State state = service.state();
        HealthStatus status = state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING
                ? HealthStatus.UP : HealthStatus.DOWN;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("streams", state.name());
        details.put("advertised", service.advertised());
        return Publishers.just(HealthResult.builder("stats-stream", status).details(details).build());
    }
}
