package org.ifl.inferenceworker;

import java.util.List;

/**
 * A VLM the worker runs queries through. The worker hands it batches of compatible requests (one arm kind, and
 * for the remedy arm one expected language) and publishes one completion per request from what it returns.
 *
 * <p>Implementations answer every request of a batch: a request that cannot be answered gets a
 * {@link Generation#failed failed} generation with a code and reason, and the others still get their text. An
 * exception from {@link #generate} means the whole batch failed (the worker turns it into an error completion per
 * request, code {@code BACKEND_FAILURE}).
 */
public interface InferenceBackend extends AutoCloseable {

    /** What completions carry in {@code backend}: "djl-reference", "djl-torchscript", "openai". */
    String name();

    /** Identifies the weights answering (a content hash, or the served model's name); on every completion. */
    String modelRevision();

    /** Whether the IMAGE_REMEDY arm is run with a steering vector; if not, such requests fail UNSUPPORTED_ARM. */
    boolean supportsSteering();

    /** Answers in request order: {@code result.get(i)} answers {@code batch.get(i)}. */
    List<Generation> generate(List<GenerationRequest> batch) throws Exception;

    @Override
    default void close() throws Exception {
    }
}
