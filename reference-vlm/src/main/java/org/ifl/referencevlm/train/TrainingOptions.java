package org.ifl.referencevlm.train;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ifl.referencevlm.DataMix;

/**
 * How one training run goes. Every problem is reported at once when the options are built.
 *
 * @param mix what the training stream is made of (the model card quotes it)
 * @param dataSeed seed of the {@code TrainingDataGenerator}
 * @param initSeed engine seed set before the weights are initialised
 * @param batchSize examples per optimiser step
 * @param microBatches the batch, sorted by length, is cut into this many pieces whose gradients are summed:
 *     Thai or Hindi text prompts are several times longer than Latin image prompts, so one right-padded batch
 *     would be mostly padding
 * @param maxSteps step budget
 * @param maxWallTime wall-time budget; training stops after the step that crosses it
 * @param peakLearningRate reached at the end of the warm-up
 * @param minLearningRate where the cosine decay ends at {@code maxSteps}
 * @param warmupSteps linear warm-up from 0
 * @param weightDecay AdamW's decoupled weight decay
 * @param clipNorm global gradient norm above which gradients are scaled down; 0 for no clipping
 * @param logEvery the loss is recorded (and reported) every this many steps
 */
public record TrainingOptions(DataMix mix, long dataSeed, int initSeed, int batchSize, int microBatches, int maxSteps,
        Duration maxWallTime, float peakLearningRate, float minLearningRate, int warmupSteps, float weightDecay,
        float clipNorm, int logEvery) {

    public TrainingOptions {
        List<String> problems = new ArrayList<>();
        if (mix == null) {
            problems.add("mix is required");
        }
        if (batchSize <= 0) {
            problems.add("batchSize must be positive: " + batchSize);
        }
        if (microBatches <= 0 || microBatches > Math.max(batchSize, 1)) {
            problems.add("microBatches must be in 1..batchSize: " + microBatches);
        }
        if (maxSteps <= 0) {
            problems.add("maxSteps must be positive: " + maxSteps);
        }
        if (maxWallTime == null || maxWallTime.isNegative() || maxWallTime.isZero()) {
            problems.add("maxWallTime must be positive: " + maxWallTime);
        }
        if (!(peakLearningRate > 0) || !(minLearningRate >= 0) || minLearningRate > peakLearningRate) {
            problems.add("need 0 <= minLearningRate <= peakLearningRate, 0 < peak: " + minLearningRate + ", "
                    + peakLearningRate);
        }
        if (warmupSteps < 0) {
            problems.add("warmupSteps must be >= 0: " + warmupSteps);
        }
        if (weightDecay < 0) {
            problems.add("weightDecay must be >= 0: " + weightDecay);
        }
        if (clipNorm < 0) {
            problems.add("clipNorm must be >= 0: " + clipNorm);
        }
        if (logEvery <= 0) {
            problems.add("logEvery must be positive: " + logEvery);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** Defaults for {@code small()}: batch 32 in 2 pieces, lr 1e-3 with 30 warm-up steps, clip 1, log every 25. */
    public static TrainingOptions defaults(DataMix mix, int maxSteps, Duration maxWallTime) {
        return new TrainingOptions(mix, 1L, 1, 32, 2, maxSteps, maxWallTime, 1e-3f, 5e-5f, 30, 0.01f, 1f, 25);
    }

    public TrainingOptions withBatch(int size, int pieces) {
        return new TrainingOptions(mix, dataSeed, initSeed, size, pieces, maxSteps, maxWallTime, peakLearningRate,
                minLearningRate, warmupSteps, weightDecay, clipNorm, logEvery);
    }

    public TrainingOptions withDataSeed(long seed) {
        return new TrainingOptions(mix, seed, initSeed, batchSize, microBatches, maxSteps, maxWallTime,
                peakLearningRate, minLearningRate, warmupSteps, weightDecay, clipNorm, logEvery);
    }

    public TrainingOptions withLogEvery(int every) {
        return new TrainingOptions(mix, dataSeed, initSeed, batchSize, microBatches, maxSteps, maxWallTime,
                peakLearningRate, minLearningRate, warmupSteps, weightDecay, clipNorm, every);
    }

    public TrainingOptions withLearningRate(float peak, float min, int warmup) {
        return new TrainingOptions(mix, dataSeed, initSeed, batchSize, microBatches, maxSteps, maxWallTime, peak, min,
                warmup, weightDecay, clipNorm, logEvery);
    }

    public LearningRateSchedule schedule() {
        return new LearningRateSchedule(peakLearningRate, minLearningRate, warmupSteps, maxSteps);
    }

    /** One line for a model card. */
    public String describe() {
        return String.format(Locale.ROOT, "batch %d (%d length-sorted micro-batches), at most %d steps or %s, AdamW "
                + "lr %.1e peak, %d warm-up steps, cosine to %.1e, weight decay %.2f, gradient clip %.1f, data seed "
                + "%d, init seed %d", batchSize, microBatches, maxSteps, maxWallTime, peakLearningRate, warmupSteps,
                minLearningRate, weightDecay, clipNorm, dataSeed, initSeed);
    }
}
