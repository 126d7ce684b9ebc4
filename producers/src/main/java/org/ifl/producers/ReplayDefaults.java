package org.ifl.producers;

import java.time.Instant;

/**
 * What the command line supplies where a replay file is silent. Each is optional; a reader that needs one the
 * file lacks reports a problem naming the field.
 *
 * @param runId        the run the completions belong to ({@code --run-id}); when null, the CSV readers derive
 *                     one from the file's bytes ({@code replay-} and 16 hex digits of its SHA-256)
 * @param model        the model, where the file has no model field ({@code --model})
 * @param checkpoint   the checkpoint, where the file has none ({@code --checkpoint})
 * @param fallbackTime queriedAt and completedAt where the file has no times; when null, the file's
 *                     last-modified time, which stays the same between two replays of the same file
 */
public record ReplayDefaults(String runId, String model, String checkpoint, Instant fallbackTime) {

    public static ReplayDefaults none() {
        return new ReplayDefaults(null, null, null, null);
    }

    public ReplayDefaults withRunId(String value) {
        return new ReplayDefaults(value, model, checkpoint, fallbackTime);
    }

    public ReplayDefaults withModel(String value) {
        return new ReplayDefaults(runId, value, checkpoint, fallbackTime);
    }

    public ReplayDefaults withCheckpoint(String value) {
        return new ReplayDefaults(runId, model, value, fallbackTime);
    }

    public ReplayDefaults withFallbackTime(Instant value) {
        return new ReplayDefaults(runId, model, checkpoint, value);
    }
}
