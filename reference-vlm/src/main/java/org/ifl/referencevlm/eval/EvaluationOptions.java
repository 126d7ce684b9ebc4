package org.ifl.referencevlm.eval;

import java.util.List;

/**
 * How an offline evaluation runs.
 *
 * @param arms the arms to run (TEXT and IMAGE are needed for IFL)
 * @param steeringLayer the layer the steering vectors are taken from and added at
 * @param steeringScale multiplies the vectors
 * @param maxNewTokens generation limit per answer; the language judge needs the start of an answer, not all of it
 * @param batchSize rows generated together (items of one language are batched together, since the steering vector
 *     depends on the language)
 */
public record EvaluationOptions(List<Arm> arms, int steeringLayer, float steeringScale, int maxNewTokens,
        int batchSize) {

    public EvaluationOptions {
        arms = List.copyOf(arms);
        if (!arms.contains(Arm.TEXT) || !arms.contains(Arm.IMAGE)) {
            throw new IllegalArgumentException("IFL needs the TEXT and IMAGE arms: " + arms);
        }
        if (steeringLayer < 0 || maxNewTokens <= 0 || batchSize <= 0) {
            throw new IllegalArgumentException("need steeringLayer >= 0, maxNewTokens > 0, batchSize > 0");
        }
    }

    /** Every arm, the given layer, scale 1, 160 new tokens (longest bundled answer: 138 bytes), batches of 48. */
    public static EvaluationOptions all(int steeringLayer) {
        return new EvaluationOptions(List.of(Arm.values()), steeringLayer, 1f, 160, 48);
    }

    public EvaluationOptions withMaxNewTokens(int n) {
        return new EvaluationOptions(arms, steeringLayer, steeringScale, n, batchSize);
    }

    public EvaluationOptions withSteeringScale(float scale) {
        return new EvaluationOptions(arms, steeringLayer, scale, maxNewTokens, batchSize);
    }

    public EvaluationOptions withBatchSize(int n) {
        return new EvaluationOptions(arms, steeringLayer, steeringScale, maxNewTokens, n);
    }
}
