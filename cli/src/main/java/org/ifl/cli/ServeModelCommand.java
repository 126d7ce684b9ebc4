package org.ifl.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.ifl.inferenceworker.ChatCompletionsServer;
import org.ifl.inferenceworker.ReferenceVlmBackend;
import org.ifl.referencevlm.DjlOffline;
import org.ifl.referencevlm.Pooling;
import org.ifl.referencevlm.ReferenceModel;
import org.ifl.referencevlm.Sampling;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code ifl serve-model}: the reference VLM behind an OpenAI-compatible HTTP API until Ctrl-C. */
@Command(name = "serve-model",
        description = {
            "Serves the reference VLM over an OpenAI-compatible chat-completions API (POST /v1/chat/completions, "
                    + "GET /v1/models, GET /health), so that the worker's openai backend, or any OpenAI client, can "
                    + "query it. A user message with an image_url part (a base64 data URL) runs the IMAGE arm; one "
                    + "without runs the TEXT arm; the request field \"ifl_steer_language\": \"de\" runs the image "
                    + "with the steering vector for that language. See docs/backends.md.",
            ""},
        sortOptions = false)
final class ServeModelCommand extends IflSubcommand {

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8000",
            description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on; 0.0.0.0 for every interface (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--model", paramLabel = "DIR",
            description = "A model directory written by train-reference (<out>/model); default: the bundled weights.")
    Path model;

    @Option(names = "--steering-layer", paramLabel = "N", defaultValue = "0",
            description = "Layer the steering vector is taken at and added after; 0: a third of the depth "
                    + "(default: ${DEFAULT-VALUE}).")
    int steeringLayer;

    @Option(names = "--pooling", paramLabel = "mean|last", defaultValue = "mean",
            description = "How the steering sentence's states are pooled (default: ${DEFAULT-VALUE}).")
    String pooling;

    @Override
    protected int execute() throws Exception {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be in 0..65535, not " + port);
        }
        Pooling steeringPooling = switch (pooling.toLowerCase(Locale.ROOT)) {
            case "mean" -> Pooling.MEAN;
            case "last" -> Pooling.LAST;
            default -> throw new ParameterException(spec.commandLine(), "--pooling must be mean or last, not '"
                    + pooling + "'");
        };
        if (model != null && !Files.isDirectory(model)) {
            throw new ParameterException(spec.commandLine(), "--model " + model + " is not a directory");
        }
        DjlOffline.enable();
        StopSignal stop = StopSignal.install(err());
        ReferenceModel weights = load();
        ReferenceVlmBackend backend;
        try {
            backend = new ReferenceVlmBackend(weights, new ReferenceVlmBackend.Settings(steeringLayer,
                    steeringPooling, 1f, Sampling.greedy()));
        } catch (IllegalArgumentException e) {
            weights.close();
            throw new ParameterException(spec.commandLine(), "--steering-layer: " + e.getMessage());
        }
        try (backend; ChatCompletionsServer server = listen(backend)) {
            out().println("serving " + server.modelName() + " (" + (model == null ? "bundled weights" : model)
                    + ", steering after layer " + backend.steeringLayer() + ", " + steeringPooling.name()
                    .toLowerCase(Locale.ROOT) + "-pooled)");
            out().println("  OpenAI base URL  " + server.baseUrl());
            out().println("  chat             POST " + server.baseUrl() + "/chat/completions");
            out().println("Ctrl-C stops it.");
            out().flush();
            stop.await();
        }
        out().println("stopped");
        return ExitCode.OK;
    }

    private ReferenceModel load() {
        try {
            return model == null ? ReferenceModel.loadBundled() : ReferenceModel.load(model);
        } catch (IOException | RuntimeException e) {
            throw new CommandFailure("cannot load the reference VLM from " + (model == null ? "the bundled weights"
                    : model.toString()) + ": " + e.getMessage(), e);
        }
    }

    private ChatCompletionsServer listen(ReferenceVlmBackend backend) {
        try {
            return ChatCompletionsServer.start(backend, ChatCompletionsServer.Settings.of(host, port));
        } catch (IOException e) {
            throw new CommandFailure("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }
}
