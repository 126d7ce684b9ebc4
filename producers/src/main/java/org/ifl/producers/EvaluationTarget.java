package org.ifl.producers;

import java.util.Map;

/**
 * What a suite is published for: the run, the model and checkpoint, whether the remedy arm is asked, and the
 * attributes that travel with every query (the checkpoint's: llm, vision, data-language...).
 *
 * @param runId         names the evaluation in pair keys; the same run id, model and checkpoint give the same
 *                      query ids, so publishing a suite again never double-counts
 * @param maxNewTokens  the generation budget the queries ask for, or null for the worker's default
 */
public record EvaluationTarget(String runId, String model, String checkpoint, boolean remedyEnabled,
        Map<String, String> attributes, Integer maxNewTokens) {

    public EvaluationTarget {
        requireName("run id", runId);
        requireName("model", model);
        requireName("checkpoint", checkpoint);
        attributes = Map.copyOf(attributes);
    }

    private static void requireName(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the " + what + " must not be empty");
        }
    }
}
