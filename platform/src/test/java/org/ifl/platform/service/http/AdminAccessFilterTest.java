package org.ifl.platform.service.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.util.Map;
import org.ifl.platform.service.ServiceContext;
import org.ifl.platform.testkit.HttpAccessChecks;
import org.junit.jupiter.api.Test;

/**
 * The shared HTTP settings and the admin token's filter on a context with no stage in it (no broker needed): what
 * every service's server answers. Each service's own test checks the same on the service itself.
 */
class AdminAccessFilterTest {
    private static final String NO_STAGE = "no-stage";

    @Test
    void onlyHealthAndMetricsAnswerWithoutTheToken() throws Exception {
        try (ApplicationContext service = ServiceContext.serve(NO_STAGE, HttpAccessChecks.withAdminToken(
                Map.of(ServiceContext.HTTP_PORT_CONFIG, -1)))) {
            EmbeddedServer server = service.getBean(EmbeddedServer.class);
            assertEquals("127.0.0.1", server.getHost(), "loopback unless configured");
            URI base = server.getURI();
            HttpAccessChecks.assertLockedDown(base);
            // /prometheus comes with each service's Prometheus registry, not with the platform.
            HttpAccessChecks.assertReadableByAnyone(base, "/metrics", "/health");
            HttpAccessChecks.assertOperatorSeesDetailsAndSetsLogLevels(base);
            HttpAccessChecks.assertUnreachableBeyondLoopback(server.getPort());
        }
    }

    @Test
    void withoutATokenConfiguredNobodyChangesAnything() throws Exception {
        try (ApplicationContext service = ServiceContext.serve(NO_STAGE, Map.of(ServiceContext.HTTP_PORT_CONFIG,
                -1))) {
            URI base = service.getBean(EmbeddedServer.class).getURI();
            HttpAccessChecks.assertLockedDown(base);
            var refused = HttpAccessChecks.send(base, "POST", "/loggers/org.ifl", "{\"configuredLevel\":\"DEBUG\"}",
                    HttpAccessChecks.ADMIN_TOKEN);
            assertEquals(401, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("ifl.http.admin-token"), "says which setting: " + refused.body());
            assertEquals(401, HttpAccessChecks.send(base, "GET", "/health", "", HttpAccessChecks.ADMIN_TOKEN)
                    .statusCode(), "no token is anybody's");
        }
    }
}
