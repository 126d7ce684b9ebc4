package org.ifl.lidstream.service;

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

/** UP while the stream runs (or rebalances) with its detector loaded; the details say which and how. */
@Singleton
@Requires(beans = LidService.class)
public final class LidHealthIndicator implements HealthIndicator {
    private final LidService service;

    LidHealthIndicator(LidService service) {
        this.service = service;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        KafkaStreams.State state = service.state();
        HealthStatus status = state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING
                ? HealthStatus.UP : HealthStatus.DOWN;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("streams", state.name());
        details.put("detector", service.detector().name());
        if (service.detector() instanceof org.ifl.lidstream.LinguaDetector lingua) {
            details.put("languages", lingua.languages());
        }
        details.put("detectorLoadMs", service.detectorLoadTime().toMillis());
        return Publishers.just(HealthResult.builder("lid-stream", status).details(details).build());
    }
}
