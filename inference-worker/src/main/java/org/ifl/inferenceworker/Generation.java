package org.ifl.inferenceworker;

import java.util.Objects;

/**
 * What a backend made of one request: the answer and its token counts, or why there is none.
 *
 * @param text             the answer; null when {@code failure} is set
 * @param promptTokens     tokens the model read (image tokens included where the backend knows them)
 * @param completionTokens tokens the model generated
 * @param steering         the vector the answer was generated with; null when none was applied
 * @param failure          why there is no answer; null on success
 */
public record Generation(String text, int promptTokens, int completionTokens, AppliedSteering steering,
        Failure failure) {

    public Generation {
        if ((text == null) == (failure == null)) {
            throw new IllegalArgumentException("a generation has either a text or a failure");
        }
    }

    public static Generation answered(String text, int promptTokens, int completionTokens, AppliedSteering steering) {
        return new Generation(Objects.requireNonNull(text, "text"), promptTokens, completionTokens, steering, null);
    }

    public static Generation failed(String code, String message, boolean retriable) {
        return new Generation(null, 0, 0, null, new Failure(code, message, retriable));
    }

    public boolean succeeded() {
        return failure == null;
    }

    /** Error codes completions carry (InferenceError.code). */
    public static final String IMAGE_UNREADABLE = "IMAGE_UNREADABLE";
    public static final String BACKEND_FAILURE = "BACKEND_FAILURE";
    public static final String TIMEOUT = "TIMEOUT";
    public static final String UNSUPPORTED_ARM = "UNSUPPORTED_ARM";
    public static final String INVALID_QUERY = "INVALID_QUERY";
    /** The query's checkpoint cannot be served: not registered, or its weights could not be loaded. */
    public static final String CHECKPOINT_UNAVAILABLE = "CHECKPOINT_UNAVAILABLE";

    /** Why a request got no answer; {@code retriable} when asking again may succeed. */
    public record Failure(String code, String message, boolean retriable) {
        public Failure {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * The steering vector an answer was generated with.
     *
     * @param vectorId identifies the cached vector: model revision, language, layer, pooling
     * @param layer    the layer after which it was added
     * @param pooling  "mean" or "last_token"
     * @param scale    its multiplier
     */
    public record AppliedSteering(String vectorId, int layer, String pooling, float scale) {
    }
}
