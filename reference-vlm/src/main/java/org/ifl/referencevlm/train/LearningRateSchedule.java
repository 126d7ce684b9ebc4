package org.ifl.referencevlm.train;

import ai.djl.training.tracker.Tracker;

/**
 * Linear warm-up from 0 to {@code peak} over {@code warmupSteps}, then cosine decay to {@code min} at
 * {@code totalSteps} (and {@code min} after). Steps count from 1, as DJL's optimisers count updates.
 */
public record LearningRateSchedule(float peak, float min, int warmupSteps, int totalSteps) implements Tracker {

    public float at(int step) {
        if (step <= warmupSteps) {
            return peak * step / Math.max(1, warmupSteps);
        }
        if (step >= totalSteps) {
            return min;
        }
        double progress = (double) (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps);
        return (float) (min + 0.5 * (peak - min) * (1 + Math.cos(Math.PI * progress)));
    }

    @Override
    public float getNewValue(int numUpdate) {
        return at(numUpdate);
    }
}
