package org.ifl.inferenceworker;

/**
 * A checkpoint the worker cannot serve: its queries get error completions {@code CHECKPOINT_UNAVAILABLE} with
 * this message, which names the checkpoint and why.
 */
public final class CheckpointUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public CheckpointUnavailableException(String message) {
        super(message);
    }

    public CheckpointUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
