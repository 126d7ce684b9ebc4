package org.ifl.inferenceworker.service;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import org.ifl.inferenceworker.WorkerOptions;
import org.ifl.inferenceworker.backend.openai.OpenAiSettings;

/** The inference worker's settings, under {@code ifl.worker.*}. */
@ConfigurationProperties(WorkerSettings.PREFIX)
public class WorkerSettings {
    public static final String PREFIX = "ifl.worker";

    public static final String GROUP_PREFIX = "ifl-inference-worker";

    /**
     * Consumer group of the workers that share the queries; blank: one group per served model and checkpoint
     * ({@link #groupIdOrDefault()}), since workers of one group that serve different models would skip each
     * other's queries.
     */
    private String groupId;
    /** Answer only queries for this model name; blank answers every query. */
    private String model;
    /** Answer only queries for this checkpoint of the model; blank answers every checkpoint with one backend. */
    private String checkpoint;
    /** djl (the reference VLM in process; a TorchScript VLM with torchscript-model) or openai. */
    private String backend = "djl";
    private int maxBatch = WorkerOptions.defaults().maxBatch();
    private Duration maxWait = WorkerOptions.defaults().maxWait();
    private int queueCapacity = WorkerOptions.defaults().queueCapacity();
    private int inferenceThreads = WorkerOptions.defaults().inferenceThreads();
    /** Answer length budget of queries that set none. */
    private int maxNewTokens = WorkerOptions.defaults().defaultMaxTokens();
    /** Encoded bytes of decoded images kept, by content hash. */
    private long imageCacheBytes = 64L * 1024 * 1024;
    /** A reference model directory ({@code ifl train-reference}'s {@code <out>/model}); blank: the bundled weights. */
    private String referenceModel;
    /** Layer the steering vector is taken at and added after; 0: a third of the depth. */
    private int steeringLayer;
    /** mean or last. */
    private String steeringPooling = "mean";
    private float steeringScale = 1f;
    /**
     * PyTorch intra-op threads of the djl backends (0: PyTorch's default, one per core). One is the default: on
     * 2 shared cores it ran the reference VLM faster and far steadier than two (docs/benchmarks.md, worker).
     */
    private int torchThreads = 1;
    /** A TorchScript VLM (docs/model-contract.md) for the djl backend instead of the reference VLM. */
    private String torchscriptModel;
    /** The TorchScript model's steering vectors (an ifl-steering-vectors/1 file); blank: no remedy arm. */
    private String torchscriptSteering;
    /** cpu, or gpu0, gpu1, ... (needs a CUDA build of PyTorch's native library on the class path). */
    private String device = "cpu";
    /** The openai backend: the endpoint's base URL, e.g. http://localhost:8000/v1. */
    private String openaiBaseUrl;
    /** The openai backend: the model name sent with each request. */
    private String openaiModel;
    /** The openai backend: the environment variable holding the API key; blank sends none. */
    private String openaiApiKeyEnv;
    private int openaiMaxConcurrency = OpenAiSettings.DEFAULT_MAX_CONCURRENCY;
    private Duration openaiTimeout = OpenAiSettings.DEFAULT_REQUEST_TIMEOUT;
    private int openaiMaxRetries = OpenAiSettings.DEFAULT_MAX_RETRIES;
    /** The openai backend: whether the server steers (it gets ifl_steer_language); otherwise IMAGE_REMEDY is refused. */
    private boolean openaiSteering;

    /** The loop's options; every problem reported at once. */
    public WorkerOptions options() {
        return new WorkerOptions(blankToNull(model), blankToNull(checkpoint), maxBatch, maxWait, queueCapacity,
                inferenceThreads, maxNewTokens, WorkerOptions.defaults().commitInterval());
    }

    /**
     * The group: {@code group-id} when given, else {@code ifl-inference-worker}, then {@code -<model>} and
     * {@code -<checkpoint>} when the worker serves only those.
     */
    public String groupIdOrDefault() {
        if (blankToNull(groupId) != null) {
            return groupId;
        }
        StringBuilder group = new StringBuilder(GROUP_PREFIX);
        if (blankToNull(model) != null) {
            group.append('-').append(model);
        }
        if (blankToNull(checkpoint) != null) {
            group.append('-').append(checkpoint);
        }
        return group.toString();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    public String getGroupId() {
        return groupId;
    }

    public void setGroupId(String groupId) {
        this.groupId = groupId;
    }

    public String getCheckpoint() {
        return checkpoint;
    }

    public void setCheckpoint(String checkpoint) {
        this.checkpoint = checkpoint;
    }

    public String getModel() {
        return model;
    }

    public void setModel(String model) {
        this.model = model;
    }

    public String getBackend() {
        return backend;
    }

    public void setBackend(String backend) {
        this.backend = backend;
    }

    public int getMaxBatch() {
        return maxBatch;
    }

    public void setMaxBatch(int maxBatch) {
        this.maxBatch = maxBatch;
    }

    public Duration getMaxWait() {
        return maxWait;
    }

    public void setMaxWait(Duration maxWait) {
        this.maxWait = maxWait;
    }

    public int getQueueCapacity() {
        return queueCapacity;
    }

    public void setQueueCapacity(int queueCapacity) {
        this.queueCapacity = queueCapacity;
    }

    public int getInferenceThreads() {
        return inferenceThreads;
    }

    public void setInferenceThreads(int inferenceThreads) {
        this.inferenceThreads = inferenceThreads;
    }

    public int getMaxNewTokens() {
        return maxNewTokens;
    }

    public void setMaxNewTokens(int maxNewTokens) {
        this.maxNewTokens = maxNewTokens;
    }

    public long getImageCacheBytes() {
        return imageCacheBytes;
    }

    public void setImageCacheBytes(long imageCacheBytes) {
        this.imageCacheBytes = imageCacheBytes;
    }

    public String getReferenceModel() {
        return referenceModel;
    }

    public void setReferenceModel(String referenceModel) {
        this.referenceModel = referenceModel;
    }

    public int getSteeringLayer() {
        return steeringLayer;
    }

    public void setSteeringLayer(int steeringLayer) {
        this.steeringLayer = steeringLayer;
    }

    public String getSteeringPooling() {
        return steeringPooling;
    }

    public void setSteeringPooling(String steeringPooling) {
        this.steeringPooling = steeringPooling;
    }

    public float getSteeringScale() {
        return steeringScale;
    }

    public void setSteeringScale(float steeringScale) {
        this.steeringScale = steeringScale;
    }

    public String getTorchscriptModel() {
        return torchscriptModel;
    }

    public void setTorchscriptModel(String torchscriptModel) {
        this.torchscriptModel = torchscriptModel;
    }

    public String getTorchscriptSteering() {
        return torchscriptSteering;
    }

    public void setTorchscriptSteering(String torchscriptSteering) {
        this.torchscriptSteering = torchscriptSteering;
    }

    public String getDevice() {
        return device;
    }

    public void setDevice(String device) {
        this.device = device;
    }

    public String getOpenaiBaseUrl() {
        return openaiBaseUrl;
    }

    public void setOpenaiBaseUrl(String openaiBaseUrl) {
        this.openaiBaseUrl = openaiBaseUrl;
    }

    public String getOpenaiModel() {
        return openaiModel;
    }

    public void setOpenaiModel(String openaiModel) {
        this.openaiModel = openaiModel;
    }

    public String getOpenaiApiKeyEnv() {
        return openaiApiKeyEnv;
    }

    public void setOpenaiApiKeyEnv(String openaiApiKeyEnv) {
        this.openaiApiKeyEnv = openaiApiKeyEnv;
    }

    public int getOpenaiMaxConcurrency() {
        return openaiMaxConcurrency;
    }

    public void setOpenaiMaxConcurrency(int openaiMaxConcurrency) {
        this.openaiMaxConcurrency = openaiMaxConcurrency;
    }

    public Duration getOpenaiTimeout() {
        return openaiTimeout;
    }

    public void setOpenaiTimeout(Duration openaiTimeout) {
        this.openaiTimeout = openaiTimeout;
    }

    public int getOpenaiMaxRetries() {
        return openaiMaxRetries;
    }

    public void setOpenaiMaxRetries(int openaiMaxRetries) {
        this.openaiMaxRetries = openaiMaxRetries;
    }

    public boolean isOpenaiSteering() {
        return openaiSteering;
    }

    public void setOpenaiSteering(boolean openaiSteering) {
        this.openaiSteering = openaiSteering;
    }

    public int getTorchThreads() {
        return torchThreads;
    }

    public void setTorchThreads(int torchThreads) {
        this.torchThreads = torchThreads;
    }
}
