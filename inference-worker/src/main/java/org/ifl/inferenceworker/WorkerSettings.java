package org.ifl.inferenceworker;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The inference worker's settings, under {@code ifl.worker.*}: their defaults and what each does are in
 * {@code application-worker.yml}.
 */
@ConfigurationProperties(WorkerSettings.PREFIX)
public class WorkerSettings extends ReferenceVlmSettings {
    public static final String PREFIX = "ifl.worker";

    public static final String GROUP_PREFIX = "ifl-inference-worker";

    /** Blank: one group per served model and checkpoint ({@link #groupIdOrDefault()}). */
    private String groupId;
    private String model;
    private String checkpoint;
    private String backend;
    private int maxBatch;
    private Duration maxWait;
    private int queueCapacity;
    private int inferenceThreads;
    private int maxNewTokens;
    private long imageCacheBytes;
    private List<String> imageRoots;
    private long imageMaxBytes;
    private int torchThreads;
    private String torchscriptModel;
    private String torchscriptSteering;
    private String device;
    private String openaiBaseUrl;
    private String openaiModel;
    private String openaiApiKeyEnv;
    private int openaiMaxConcurrency;
    private Duration openaiTimeout;
    private int openaiMaxRetries;
    private boolean openaiSteering;
    private boolean registeredCheckpoints;
    private long checkpointMemoryBytes;
    private Duration checkpointRetry;

    /** The loop's options; every problem reported at once. */
    public WorkerOptions options() {
        return new WorkerOptions(blankToNull(model), blankToNull(checkpoint), maxBatch, maxWait, queueCapacity,
                inferenceThreads, maxNewTokens, WorkerOptions.defaults().commitInterval());
    }

    /** Reads the images the queries name under {@code image-roots}, up to {@code image-max-bytes}. */
    public ImageLoader imageLoader() {
        List<Path> roots = imageRoots == null ? List.of()
                : imageRoots.stream().filter(r -> !r.isBlank()).map(Path::of).toList();
        return new ImageLoader(imageCacheBytes, roots, imageMaxBytes);
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

    public List<String> getImageRoots() {
        return imageRoots;
    }

    public void setImageRoots(List<String> imageRoots) {
        this.imageRoots = imageRoots;
    }

    public long getImageMaxBytes() {
        return imageMaxBytes;
    }

    public void setImageMaxBytes(long imageMaxBytes) {
        this.imageMaxBytes = imageMaxBytes;
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

    public boolean isRegisteredCheckpoints() {
        return registeredCheckpoints;
    }

    public void setRegisteredCheckpoints(boolean registeredCheckpoints) {
        this.registeredCheckpoints = registeredCheckpoints;
    }

    public long getCheckpointMemoryBytes() {
        return checkpointMemoryBytes;
    }

    public void setCheckpointMemoryBytes(long checkpointMemoryBytes) {
        this.checkpointMemoryBytes = checkpointMemoryBytes;
    }

    public Duration getCheckpointRetry() {
        return checkpointRetry;
    }

    public void setCheckpointRetry(Duration checkpointRetry) {
        this.checkpointRetry = checkpointRetry;
    }
}
