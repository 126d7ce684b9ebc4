package org.ifl.inferenceworker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.ifl.inferenceworker.internal.backend.openai.OpenAiSettings;
import org.ifl.platform.testkit.ServiceSettings;
import org.junit.jupiter.api.Test;

/** The settings the inference worker and serve-model run with: their yml defaults, the environment, the command line. */
class WorkerSettingsTest {

    @Test
    void theWorkersYmlDefaultsAreTheLoopsAndTheOpenAiBackendsDefaults() {
        try (ApplicationContext context = ServiceSettings.context(WorkerService.ENVIRONMENT, Map.of(), Map.of())) {
            WorkerSettings settings = context.getBean(WorkerSettings.class);
            assertEquals(WorkerOptions.defaults(), settings.options());
            assertEquals("ifl-inference-worker", settings.groupIdOrDefault());
            assertEquals("djl", settings.getBackend());
            assertEquals(64L * 1024 * 1024, settings.getImageCacheBytes());
            // Images are read under the data directory, where `ifl publish` draws the bundled suites' images.
            assertEquals(List.of(context.getRequiredProperty("ifl.data-dir", String.class)), settings.getImageRoots());
            assertEquals(List.of(Path.of(".ifl/data").toAbsolutePath()), settings.imageLoader().roots());
            assertEquals(ImageLoader.DEFAULT_MAX_BYTES, settings.getImageMaxBytes());
            assertEquals(20L * 1024 * 1024, settings.imageLoader().maxBytes());
            assertEquals(0, settings.getSteeringLayer());
            assertEquals("mean", settings.getSteeringPooling());
            assertEquals(1f, settings.getSteeringScale());
            assertEquals(1, settings.getTorchThreads());
            assertEquals("cpu", settings.getDevice());
            assertEquals(OpenAiSettings.DEFAULT_MAX_CONCURRENCY, settings.getOpenaiMaxConcurrency());
            assertEquals(OpenAiSettings.DEFAULT_REQUEST_TIMEOUT, settings.getOpenaiTimeout());
            assertEquals(OpenAiSettings.DEFAULT_MAX_RETRIES, settings.getOpenaiMaxRetries());
            assertFalse(settings.isOpenaiSteering());
            assertEquals(8086, context.getRequiredProperty("micronaut.server.port", Integer.class));
        }
    }

    @Test
    void theEnvironmentOverridesTheYmlAndTheCommandLineOverridesBoth() {
        Map<String, String> environment = Map.of("IFL_WORKER_MAX_BATCH", "16", "IFL_WORKER_MAX_WAIT", "200ms",
                "IFL_WORKER_MODEL", "llava");
        try (ApplicationContext context = ServiceSettings.context(WorkerService.ENVIRONMENT, environment,
                Map.of("ifl.worker.max-batch", "4", "ifl.worker.checkpoint", "step-2"))) {
            WorkerSettings settings = context.getBean(WorkerSettings.class);
            WorkerOptions options = settings.options();
            assertEquals(4, options.maxBatch());
            assertEquals(Duration.ofMillis(200), options.maxWait());
            assertEquals("ifl-inference-worker-llava-step-2", settings.groupIdOrDefault());
        }
    }

    @Test
    void imageRootsAndTheSizeLimitAreSetInTheEnvironmentOrOnTheCommandLine() {
        try (ApplicationContext context = ServiceSettings.context(WorkerService.ENVIRONMENT,
                Map.of("IFL_WORKER_IMAGE_ROOTS", "/srv/images,/mnt/suites", "IFL_WORKER_IMAGE_MAX_BYTES", "1024"),
                Map.of())) {
            ImageLoader images = context.getBean(WorkerSettings.class).imageLoader();
            assertEquals(List.of(Path.of("/srv/images"), Path.of("/mnt/suites")), images.roots());
            assertEquals(1024, images.maxBytes());
        }
        try (ApplicationContext context = ServiceSettings.context(WorkerService.ENVIRONMENT,
                Map.of("IFL_WORKER_IMAGE_ROOTS", "/srv/images"),
                Map.of("ifl.worker.image-roots", List.of("/data/a", "/data/b"), "ifl.data-dir", "/var/lib/ifl"))) {
            assertEquals(List.of(Path.of("/data/a"), Path.of("/data/b")),
                    context.getBean(WorkerSettings.class).imageLoader().roots());
        }
        try (ApplicationContext context = ServiceSettings.context(WorkerService.ENVIRONMENT, Map.of(),
                Map.of("ifl.data-dir", "/var/lib/ifl"))) {
            assertEquals(List.of(Path.of("/var/lib/ifl")), context.getBean(WorkerSettings.class).imageLoader().roots(),
                    "the default follows the data directory");
        }
    }

    @Test
    void serveModelsYmlDefaultsAreTheServersDefaults() {
        try (ApplicationContext context = ServiceSettings.context(ServeModelService.ENVIRONMENT, Map.of(), Map.of())) {
            ServeModelSettings settings = context.getBean(ServeModelSettings.class);
            assertEquals(ChatCompletionsServer.Settings.of("127.0.0.1", 8000),
                    settings.server());
            assertEquals("", settings.getReferenceModel());
            assertEquals(0, settings.getSteeringLayer());
            assertEquals("mean", settings.getSteeringPooling());
            assertEquals(1f, settings.getSteeringScale());
        }
        try (ApplicationContext context = ServiceSettings.context(ServeModelService.ENVIRONMENT,
                Map.of("IFL_SERVE_MODEL_PORT", "8001", "IFL_SERVE_MODEL_HOST", "0.0.0.0"),
                Map.of("ifl.serve-model.port", 0))) {
            ServeModelSettings settings = context.getBean(ServeModelSettings.class);
            assertEquals(0, settings.getPort());
            assertEquals("0.0.0.0", settings.getHost());
        }
    }
}
