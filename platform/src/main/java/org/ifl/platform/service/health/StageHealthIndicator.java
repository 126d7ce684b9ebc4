package org.ifl.platform.service.health;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ifl.platform.service.Cluster;
import org.reactivestreams.Publisher;

/**
 * The health of a service, the same for every one: UP while its stage does its work ({@link StageHealth}) and its
 * broker and schema registry answer; DOWN otherwise. The entry, named after the stage, shows the stage's details
 * and what the broker and the registry said (or why they did not).
 */
@Singleton
@Requires(beans = StageHealth.class)
public final class StageHealthIndicator implements HealthIndicator {
    private final StageHealth stage;
    private final Reachability reachability;

    StageHealthIndicator(StageHealth stage, Cluster cluster, @Value("${ifl.health.timeout}") Duration timeout,
            @Value("${ifl.health.cache}") Duration reuse) {
        this.stage = stage;
        this.reachability = new Reachability(cluster.access(), "ifl-health-" + stage.name(), timeout, reuse);
    }

    @Override
    public Publisher<HealthResult> getResult() {
        boolean working = stage.isUp();
        Map<String, Object> stageDetails = stage.details();
        return Publishers.fromCompletableFuture(reachability.broker().thenCombine(reachability.registry(),
                (broker, registry) -> {
                    Map<String, Object> details = new LinkedHashMap<>(stageDetails);
                    details.put("broker", broker.details());
                    details.put("registry", registry.details());
                    HealthStatus status = working && broker.reachable() && registry.reachable()
                            ? HealthStatus.UP : HealthStatus.DOWN;
                    return HealthResult.builder(stage.name(), status).details(details).build();
                }));
    }

    @PreDestroy
    void close() {
        reachability.close();
    }
}
