package org.ifl.inferenceworker.service;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ifl.inferenceworker.WorkerLoop;
import org.ifl.platform.CauseChain;
import org.reactivestreams.Publisher;

/** UP while the worker loop runs with its backend loaded; the details name the backend, revision and queue. */
@Singleton
@Requires(beans = WorkerService.class)
public final class WorkerHealthIndicator implements HealthIndicator {
    private final WorkerService service;

    WorkerHealthIndicator(WorkerService service) {
        this.service = service;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        WorkerLoop loop = service.loop();
        HealthStatus status = loop.state() == WorkerLoop.State.RUNNING ? HealthStatus.UP : HealthStatus.DOWN;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("loop", loop.state().name());
        details.put("backend", service.backend().name());
        details.put("modelRevision", service.backend().modelRevision());
        details.put("backendLoadMs", service.backendLoadTime().toMillis());
        details.put("held", loop.held());
        details.put("paused", loop.paused());
        if (loop.failure() != null) {
            details.put("failure", CauseChain.describe(loop.failure()));
        }
        return Publishers.just(HealthResult.builder("inference-worker", status).details(details).build());
    }
}
