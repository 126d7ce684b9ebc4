package org.ifl.cli;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.ifl.inferenceworker.ChatCompletionsServer;
import org.ifl.inferenceworker.ServeModelService;
import org.ifl.inferenceworker.ServeModelSettings;
import org.ifl.platform.service.ServiceContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ifl serve-model}: the reference VLM behind an OpenAI-compatible HTTP API until Ctrl-C. */
@Command(name = "serve-model",
        description = {
            "Serves the reference VLM over an OpenAI-compatible chat-completions API (POST /v1/chat/completions, "
                    + "GET /v1/models, GET /health), so that the worker's openai backend, or any OpenAI client, can "
                    + "query it. A user message with an image_url part (a base64 data URL) runs the IMAGE arm; one "
                    + "without runs the TEXT arm; the request field \"ifl_steer_language\": \"de\" runs the image "
                    + "with the steering vector for that language. See docs/backends.md. Every setting "
                    + "(application-serve-model.yml) can also be set in the environment: IFL_SERVE_MODEL_PORT=8001.",
            ""},
        sortOptions = false)
final class ServeModelCommand extends ServiceCommand {
    private static final String P = ServeModelSettings.PREFIX + ".";

    @Option(names = "--port", paramLabel = "PORT",
            description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    @Setting(P + "port")
    int port;

    @Option(names = "--host", paramLabel = "ADDRESS",
            description = "Address to listen on; 0.0.0.0 for every interface (default: ${DEFAULT-VALUE}).")
    @Setting(P + "host")
    String host;

    @Option(names = "--model", paramLabel = "DIR",
            description = "A model directory written by train-reference (<out>/model); default: the bundled weights.")
    @Setting(P + "reference-model")
    Path model;

    @Option(names = "--steering-layer", paramLabel = "N",
            description = "Layer the steering vector is taken at and added after; 0: a third of the depth "
                    + "(default: ${DEFAULT-VALUE}).")
    @Setting(P + "steering-layer")
    int steeringLayer;

    @Option(names = "--pooling", paramLabel = "mean|last",
            description = "How the steering sentence's states are pooled (default: ${DEFAULT-VALUE}).")
    @Setting(P + "steering-pooling")
    String pooling;

    @Override
    protected String environment() {
        return ServeModelService.ENVIRONMENT;
    }

    @Override
    protected String stage() {
        return "serve-model";
    }

    /** The chat-completions server is the service's own; Micronaut's HTTP server stays off. */
    @Override
    protected ApplicationContext start(Map<String, Object> settings) {
        return ServiceContext.start(environment(), settings);
    }

    @Override
    protected void describe(ApplicationContext context) {
        ServeModelService service = context.getBean(ServeModelService.class);
        ServeModelSettings settings = context.getBean(ServeModelSettings.class);
        ChatCompletionsServer server = service.server();
        String weights = settings.getReferenceModel() == null || settings.getReferenceModel().isBlank()
                ? "bundled weights" : settings.getReferenceModel();
        out().println("serving " + server.modelName() + " (" + weights + ", steering after layer "
                + service.backend().steeringLayer() + ", " + settings.getSteeringPooling().toLowerCase(Locale.ROOT)
                + "-pooled)");
        out().println("  OpenAI base URL  " + server.baseUrl());
        out().println("  chat             POST " + server.baseUrl() + "/chat/completions");
    }
}
