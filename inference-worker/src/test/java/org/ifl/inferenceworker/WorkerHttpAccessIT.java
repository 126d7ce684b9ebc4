package org.ifl.inferenceworker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.ifl.platform.EmbeddedPlatform;
import org.ifl.platform.service.ServiceContext;
import org.ifl.platform.testkit.HttpAccessChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker service's HTTP server as `ifl worker` runs it, on the real embedded broker and registry: what anyone
 * and what the operator may see and do. The openai backend, pointed at a port where nothing listens, loads in no
 * time and is never called: no query is published.
 */
class WorkerHttpAccessIT {
    @TempDir
    Path dataDir;

    @Test
    void onlyHealthMetricsAndPrometheusAnswerAnyoneAndTheOperatorSetsLogLevels() throws Exception {
        try (EmbeddedPlatform platform = EmbeddedPlatform.start(EmbeddedPlatform.Settings.ephemeral(dataDir))) {
            Map<String, Object> settings = new HashMap<>();
            settings.put(ServiceContext.KAFKA_CONFIG, platform.bootstrapServers());
            settings.put(ServiceContext.REGISTRY_CONFIG, platform.registryUrl());
            settings.put(ServiceContext.HTTP_PORT_CONFIG, -1);
            settings.put(ServiceContext.DATA_DIR_CONFIG, dataDir.toString());
            settings.put(WorkerSettings.PREFIX + ".backend", "openai");
            settings.put(WorkerSettings.PREFIX + ".openai-base-url", "http://127.0.0.1:9/v1");
            settings.put(WorkerSettings.PREFIX + ".openai-model", "nowhere");
            try (ApplicationContext worker = ServiceContext.serve(WorkerService.ENVIRONMENT,
                    HttpAccessChecks.withAdminToken(settings))) {
                EmbeddedServer server = worker.getBean(EmbeddedServer.class);
                URI base = server.getURI();
                assertEquals("127.0.0.1", server.getHost(), "loopback unless configured");
                HttpAccessChecks.assertUnreachableBeyondLoopback(server.getPort());
                HttpAccessChecks.assertLockedDown(base);
                HttpAccessChecks.assertReadableByAnyone(base, "/metrics", "/prometheus");
                HttpAccessChecks.assertOperatorSeesDetailsAndSetsLogLevels(base);
                JsonNode details = HttpAccessChecks.operatorHealth(base).path("details");
                assertTrue(details.has(WorkerLoop.STAGE), "the worker's own entry: " + details);
            }
        }
    }
}
