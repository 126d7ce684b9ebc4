package org.ifl.cli;

import java.nio.file.Path;
import java.util.List;
import org.ifl.inferenceworker.WorkerLoop;
import org.ifl.inferenceworker.WorkerService;
import org.ifl.inferenceworker.WorkerSettings;
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
                    + "--http-port. Every setting (application-worker.yml) can also be set in the environment: "
                    + "IFL_WORKER_MAX_BATCH=16.",
            ""},
        sortOptions = false)
final class WorkerCommand extends StageCommand {
    private static final String P = WorkerSettings.PREFIX + ".";

    @Option(names = "--serve", paramLabel = "MODEL",
            description = "Answer only queries for this model name (as published with --model); default: all.")
    @Setting(P + "model")
    String servedModel;

    @Option(names = "--checkpoint", paramLabel = "NAME",
            description = "With --serve: answer only queries for this checkpoint of the model (its weights given with "
                    + "--reference-model, --torchscript-model or the endpoint); default: every checkpoint, with one "
                    + "backend.")
    @Setting(P + "checkpoint")
    String servedCheckpoint;

    @Option(names = "--registered-checkpoints",
            description = "Load each query's checkpoint from its registration on eval.checkpoints (ifl checkpoint "
                    + "register or watch): djl reads its location as a reference model directory or a TorchScript "
                    + "file, openai requests it as the served model. Checkpoints registered later are answered with "
                    + "no restart; one that cannot be loaded fails its queries, CHECKPOINT_UNAVAILABLE.")
    @Setting(P + "registered-checkpoints")
    boolean registeredCheckpoints;

    @Option(names = "--checkpoint-memory", paramLabel = "BYTES",
            description = "With --registered-checkpoints: bytes of weights kept loaded; the least recently used "
                    + "checkpoints are unloaded beyond it (default: ${DEFAULT-VALUE}).")
    @Setting(P + "checkpoint-memory-bytes")
    long checkpointMemory;

    @Option(names = "--group", paramLabel = "ID",
            description = "Consumer group; workers of one group share the queries (default: ifl-inference-worker, "
                    + "then -MODEL and -CHECKPOINT when --serve and --checkpoint are given, so that workers of "
                    + "different models never share partitions).")
    @Setting(P + "group-id")
    String group;

    @Option(names = "--backend", paramLabel = "KIND", description = "djl or openai (default: ${DEFAULT-VALUE}).")
    @Setting(P + "backend")
    String backend;

    @Option(names = "--reference-model", paramLabel = "DIR",
            description = "djl: a reference model written by train-reference (<out>/model); default: bundled.")
    @Setting(P + "reference-model")
    Path referenceModel;

    @Option(names = "--torchscript-model", paramLabel = "FILE.pt",
            description = "djl: a TorchScript VLM following docs/model-contract.md, instead of the reference VLM.")
    @Setting(P + "torchscript-model")
    Path torchscriptModel;

    @Option(names = "--torchscript-steering", paramLabel = "FILE",
            description = "djl: the TorchScript model's steering vectors (ifl-steering-vectors/1).")
    @Setting(P + "torchscript-steering")
    Path torchscriptSteering;

    @Option(names = "--device", paramLabel = "DEVICE",
            description = "djl with --torchscript-model: cpu, gpu0, ... (default: ${DEFAULT-VALUE}).")
    @Setting(P + "device")
    String device;

    @Option(names = "--openai-base-url", paramLabel = "URL", description = "openai: e.g. http://127.0.0.1:8000/v1.")
    @Setting(P + "openai-base-url")
    String openaiBaseUrl;

    @Option(names = "--openai-model", paramLabel = "NAME", description = "openai: the model name to request.")
    @Setting(P + "openai-model")
    String openaiModel;

    @Option(names = "--openai-api-key-env", paramLabel = "VAR",
            description = "openai: the environment variable holding the API key (none sent if not given).")
    @Setting(P + "openai-api-key-env")
    String openaiApiKeyEnv;

    @Option(names = "--openai-steering",
            description = "openai: the server steers (ifl serve-model does): send IMAGE_REMEDY queries with "
                    + "ifl_steer_language instead of refusing them.")
    @Setting(P + "openai-steering")
    boolean openaiSteering;

    @Option(names = "--image-roots", paramLabel = "DIR", split = ",",
            description = "Folders whose image files queries may name (by path or file: URI), subfolders included, "
                    + "compared as real paths; other files are refused, IMAGE_UNREADABLE (default: ${DEFAULT-VALUE}, "
                    + "the data directory, where publish draws the bundled suites' images).")
    @Setting(P + "image-roots")
    List<Path> imageRoots;

    @Option(names = "--image-max-bytes", paramLabel = "BYTES",
            description = "The largest image read, from a file or inline (default: ${DEFAULT-VALUE}).")
    @Setting(P + "image-max-bytes")
    long imageMaxBytes;

    @Option(names = "--max-batch", paramLabel = "N",
            description = "Most queries per backend call (default: ${DEFAULT-VALUE}).")
    @Setting(P + "max-batch")
    int maxBatch;

    @Option(names = "--max-wait", paramLabel = "DURATION", converter = DurationText.class,
            description = "Longest a query waits for its batch to fill (default: ${DEFAULT-VALUE}).")
    @Setting(P + "max-wait")
    String maxWait;

    @Option(names = "--queue-capacity", paramLabel = "N",
            description = "Queries held before the consumer pauses (default: ${DEFAULT-VALUE}).")
    @Setting(P + "queue-capacity")
    int queueCapacity;

    @Option(names = "--inference-threads", paramLabel = "N",
            description = "Batches answered at once; raise it for the openai backend (default: ${DEFAULT-VALUE}).")
    @Setting(P + "inference-threads")
    int inferenceThreads;

    @Override
    protected String environment() {
        return WorkerService.ENVIRONMENT;
    }

    @Override
    protected String stage() {
        return WorkerLoop.STAGE;
    }

    @Override
    protected String flow() {
        return Topics.QUERIES.name() + " -> " + Topics.COMPLETIONS.name();
    }
}
