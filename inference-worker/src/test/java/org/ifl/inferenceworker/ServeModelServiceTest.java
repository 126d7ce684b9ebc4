package org.ifl.inferenceworker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.ifl.platform.CauseChain;
import org.ifl.platform.service.ServiceContext;
import org.ifl.platform.testkit.HttpAccessChecks;
import org.junit.jupiter.api.Test;

/** serve-model as its context runs it: the bundled reference VLM behind the chat-completions server. */
class ServeModelServiceTest {

    @Test
    void aContextInTheServeModelEnvironmentServesTheModelUntilItCloses() throws Exception {
        URI models;
        try (ApplicationContext context = ServiceContext.start(ServeModelService.ENVIRONMENT,
                Map.of("ifl.serve-model.port", 0, "ifl.serve-model.model-name", "reference"))) {
            ServeModelService service = context.getBean(ServeModelService.class);
            models = URI.create(service.server().baseUrl() + "/models");
            HttpResponse<String> answer = get(models);
            assertEquals(200, answer.statusCode(), answer.body());
            assertTrue(answer.body().contains("\"reference\""), answer.body());

            // Its own server only: no Micronaut one, so no management endpoint; loopback unless configured.
            URI base = service.server().baseUrl().resolve("/");
            HttpAccessChecks.assertUnreachableBeyondLoopback(base.getPort());
            HttpAccessChecks.assertManagementRefused(base);
            HttpAccessChecks.assertHealthShowsStatusOnly(base);
            HttpAccessChecks.assertReadableByAnyone(base, "/v1/models", "/health");
        }
        assertTrue(refused(models), "the server closes with its context");
    }

    @Test
    void aBadSettingStopsTheStartNamingIt() {
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> ServiceContext.start(ServeModelService.ENVIRONMENT, Map.of("ifl.serve-model.port", 0,
                        "ifl.serve-model.steering-pooling", "max")).close());
        assertTrue(CauseChain.describe(e).contains("ifl.serve-model.steering-pooling: 'max'"),
                CauseChain.describe(e));
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static boolean refused(URI uri) {
        try {
            get(uri);
            return false;
        } catch (Exception e) {
            return true;
        }
    }
}
