package org.ifl.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.ifl.inferenceworker.service.WorkerServiceProperties;
import org.ifl.inferenceworker.service.WorkerSettings;
import org.ifl.schemas.topic.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ifl worker}: the inference worker in the foreground until Ctrl-C. */
@Command(name = "worker",
        description = {
            "Runs an inference worker: answers queries with a VLM backend, batched (eval.queries -> "
                    + "eval.completions). Start several with the same --group to share the partitions.",
            "",
            "Backends: djl runs the bundled reference VLM (or --reference-model DIR, or a TorchScript VLM with "
                    + "--torchscript-model, see docs/model-contract.md) in this process; openai sends each query to "
                    + "an OpenAI-compatible endpoint (vLLM, TGI, SGLang, llama.cpp, Ollama, ifl serve-model; see "
                    + "docs/backends.md). Connects as `ifl lid` does. Serves /health, /metrics and /prometheus on "
                    + "--http-port.",
            ""},
        sortOptions = false)
final class WorkerCommand extends StageCommand {
    private static final String P = WorkerSettings.PREFIX + ".";

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "8086",
            description = "Port of /health, /metrics and /prometheus on 127.0.0.1; -1 picks a free one "
                    + "(default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--serve", paramLabel = "MODEL",
            description = "Answer only queries for this model name (as published with --model); default: all.")
    String servedModel;

    @Option(names = "--checkpoint", paramLabel = "NAME",
            description = "With --serve: answer only queries for this checkpoint of the model (its weights given with "
                    + "--reference-model, --torchscript-model or the endpoint); default: every checkpoint, with one "
                    + "backend.")
    String servedCheckpoint;

    @Option(names = "--group", paramLabel = "ID",
            description = "Consumer group; workers of one group share the queries (default: ifl-inference-worker, "
                    + "then -MODEL and -CHECKPOINT when --serve and --checkpoint are given, so that workers of "
                    + "different models never share partitions).")
    String group;

    @Option(names = "--backend", paramLabel = "KIND", defaultValue = "djl",
            description = "djl or openai (default: ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--reference-model", paramLabel = "DIR",
            description = "djl: a reference model written by train-reference (<out>/model); default: bundled.")
    Path referenceModel;

    @Option(names = "--torchscript-model", paramLabel = "FILE.pt",
            description = "djl: a TorchScript VLM following docs/model-contract.md, instead of the reference VLM.")
    Path torchscriptModel;

    @Option(names = "--torchscript-steering", paramLabel = "FILE",
            description = "djl: the TorchScript model's steering vectors (ifl-steering-vectors/1).")
    Path torchscriptSteering;

    @Option(names = "--device", paramLabel = "DEVICE", defaultValue = "cpu",
            description = "djl with --torchscript-model: cpu, gpu0, ... (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--openai-base-url", paramLabel = "URL", description = "openai: e.g. http://127.0.0.1:8000/v1.")
    String openaiBaseUrl;

    @Option(names = "--openai-model", paramLabel = "NAME", description = "openai: the model name to request.")
    String openaiModel;

    @Option(names = "--openai-api-key-env", paramLabel = "VAR",
            description = "openai: the environment variable holding the API key (none sent if not given).")
    String openaiApiKeyEnv;

    @Option(names = "--openai-steering",
            description = "openai: the server steers (ifl serve-model does): send IMAGE_REMEDY queries with "
                    + "ifl_steer_language instead of refusing them.")
    boolean openaiSteering;

    @Option(names = "--max-batch", paramLabel = "N", defaultValue = "8",
            description = "Most queries per backend call (default: ${DEFAULT-VALUE}).")
    int maxBatch;

    @Option(names = "--max-wait", paramLabel = "DURATION", defaultValue = "50ms",
            description = "Longest a query waits for its batch to fill (default: ${DEFAULT-VALUE}).")
    String maxWait;

    @Option(names = "--queue-capacity", paramLabel = "N", defaultValue = "256",
            description = "Queries held before the consumer pauses (default: ${DEFAULT-VALUE}).")
    int queueCapacity;

    @Option(names = "--inference-threads", paramLabel = "N", defaultValue = "1",
            description = "Batches answered at once; raise it for the openai backend (default: ${DEFAULT-VALUE}).")
    int inferenceThreads;

    @Override
    protected String stage() {
        return "inference-worker";
    }

    @Override
    protected String flow() {
        return Topics.QUERIES.name() + " -> " + Topics.COMPLETIONS.name();
    }

    @Override
    protected Map<String, Object> properties(String kafka, String registry) {
        Map<String, Object> properties = new HashMap<>(WorkerServiceProperties.of(kafka, registry, httpPort));
        put(properties, "model", servedModel);
        put(properties, "checkpoint", servedCheckpoint);
        put(properties, "group-id", group);
        put(properties, "backend", backend);
        put(properties, "reference-model", referenceModel == null ? null : referenceModel.toAbsolutePath());
        put(properties, "torchscript-model", torchscriptModel == null ? null : torchscriptModel.toAbsolutePath());
        put(properties, "torchscript-steering",
                torchscriptSteering == null ? null : torchscriptSteering.toAbsolutePath());
        put(properties, "device", device);
        put(properties, "openai-base-url", openaiBaseUrl);
        put(properties, "openai-model", openaiModel);
        put(properties, "openai-api-key-env", openaiApiKeyEnv);
        put(properties, "openai-steering", openaiSteering);
        put(properties, "max-batch", maxBatch);
        put(properties, "max-wait", maxWait);
        put(properties, "queue-capacity", queueCapacity);
        put(properties, "inference-threads", inferenceThreads);
        return properties;
    }

    private static void put(Map<String, Object> properties, String key, Object value) {
        if (value != null) {
            properties.put(P + key, value.toString());
        }
    }

    @Override
    protected void describeEndpoints(String url) {
        out().println("  health   " + url + "/health");
        out().println("  metrics  " + url + "/metrics, " + url + "/prometheus");
    }
}
