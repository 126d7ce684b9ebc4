package org.ifl.statsstream.internal.cell;

import org.ifl.statsstream.internal.stats.Dsl;
import org.ifl.statsstream.internal.stats.Interval;
import org.ifl.statsstream.internal.stats.Moments;
import org.ifl.statsstream.internal.stats.WilsonInterval;

/**
 * What one arm of a cell has seen: its completions, how many were in the expected language (whole text and
 * line by line), errors and {@code none} labels, the expert labels applied, the DSL pseudo-outcomes and, in
 * explanation cells, the entity metrics per alignment setting. Additive, so a cell is the sum of its pairs
 * and a pair's change is a subtraction and an addition.
 */
record ArmTally(long completions, long faithful, long lineFaithful, long errors, long undetected,
        long labels, Moments pseudoOutcomes, ExplanationTally explanation) {
    public static final ArmTally EMPTY = new ArmTally(0, 0, 0, 0, 0, 0, Moments.EMPTY, ExplanationTally.EMPTY);

    public ArmTally plus(ArmTally o) {
        return new ArmTally(completions + o.completions, faithful + o.faithful, lineFaithful + o.lineFaithful,
                errors + o.errors, undetected + o.undetected, labels + o.labels,
                pseudoOutcomes.plus(o.pseudoOutcomes), explanation.plus(o.explanation));
    }

    public ArmTally minus(ArmTally o) {
        return new ArmTally(completions - o.completions, faithful - o.faithful, lineFaithful - o.lineFaithful,
                errors - o.errors, undetected - o.undetected, labels - o.labels,
                pseudoOutcomes.minus(o.pseudoOutcomes), explanation.minus(o.explanation));
    }

    /** F of the arm with its Wilson interval; null without completions. */
    public Interval fidelity() {
        return WilsonInterval.of(faithful, completions);
    }

    public Interval lineFidelity() {
        return WilsonInterval.of(lineFaithful, completions);
    }

    /** The arm's DSL fidelity, mean(Y~) +- 1.96 sd(Y~)/sqrt(n). */
    public Interval dslFidelity() {
        return Dsl.estimate(pseudoOutcomes);
    }
}
