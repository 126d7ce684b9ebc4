package org.ifl.inferenceworker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a {@link WorkerLoop} batches and bounds its work. Every problem is reported at once.
 *
 * @param model             answer only queries for this model (null: every query); others are skipped
 * @param checkpoint        answer only queries for this checkpoint of it (null: every checkpoint, all answered by
 *                          the one backend); others are skipped
 * @param maxBatch          most queries in one backend call
 * @param maxWait           longest a query waits for its batch to fill
 * @param queueCapacity     most queries held (waiting for a batch, or being answered) before the consumer pauses;
 *                          it resumes at half
 * @param inferenceThreads  batches answered at once (1 for the in-process DJL backend)
 * @param defaultMaxTokens  the answer length budget of queries that set none
 * @param commitInterval    how often finished offsets are committed
 */
public record WorkerOptions(String model, String checkpoint, int maxBatch, Duration maxWait, int queueCapacity, int inferenceThreads,
        int defaultMaxTokens, Duration commitInterval) {

    public WorkerOptions {
        List<String> problems = new ArrayList<>();
        if (checkpoint != null && model == null) {
            problems.add("a checkpoint (" + checkpoint + ") is served only with its model");
        }
        if (maxBatch < 1) {
            problems.add("max-batch must be at least 1, not " + maxBatch);
        }
        if (maxWait == null || maxWait.isNegative()) {
            problems.add("max-wait must not be negative, not " + maxWait);
        }
        if (queueCapacity < maxBatch) {
            problems.add("queue-capacity (" + queueCapacity + ") must be at least max-batch (" + maxBatch + ")");
        }
        if (inferenceThreads < 1) {
            problems.add("inference-threads must be at least 1, not " + inferenceThreads);
        }
        if (defaultMaxTokens < 1) {
            problems.add("max-new-tokens must be at least 1, not " + defaultMaxTokens);
        }
        if (commitInterval == null || commitInterval.isNegative() || commitInterval.isZero()) {
            problems.add("commit-interval must be positive, not " + commitInterval);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("worker options: " + String.join("; ", problems));
        }
    }

    /**
     * Batches of 8 within 50 ms, 256 queries held (room for full batches of 32 keys: 3 arms, the remedy one per
     * language), one inference thread, 96 new tokens, commits every second.
     */
    public static WorkerOptions defaults() {
        return new WorkerOptions(null, null, 8, Duration.ofMillis(50), 256, 1, 96, Duration.ofSeconds(1));
    }

    public WorkerOptions withModel(String servedModel) {
        return new WorkerOptions(servedModel, checkpoint, maxBatch, maxWait, queueCapacity, inferenceThreads, defaultMaxTokens,
                commitInterval);
    }

    /** Answer only queries for {@code servedCheckpoint} of the served model. */
    public WorkerOptions withCheckpoint(String servedCheckpoint) {
        return new WorkerOptions(model, servedCheckpoint, maxBatch, maxWait, queueCapacity, inferenceThreads,
                defaultMaxTokens, commitInterval);
    }

    /** Whether a query for {@code queryModel} and {@code queryCheckpoint} is this worker's to answer. */
    public boolean serves(String queryModel, String queryCheckpoint) {
        return (model == null || model.equals(queryModel)) && (checkpoint == null || checkpoint.equals(queryCheckpoint));
    }

    public WorkerOptions withBatching(int batch, Duration wait, int capacity) {
        return new WorkerOptions(model, checkpoint, batch, wait, capacity, inferenceThreads, defaultMaxTokens, commitInterval);
    }

    public WorkerOptions withInferenceThreads(int threads) {
        return new WorkerOptions(model, checkpoint, maxBatch, maxWait, queueCapacity, threads, defaultMaxTokens, commitInterval);
    }

    public WorkerOptions withDefaultMaxTokens(int tokens) {
        return new WorkerOptions(model, checkpoint, maxBatch, maxWait, queueCapacity, inferenceThreads, tokens, commitInterval);
    }
}
