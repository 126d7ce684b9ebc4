package org.ifl.statsstream.internal.cell;

import org.ifl.statsstream.internal.stats.Dsl;
import org.ifl.statsstream.internal.stats.Interval;
import org.ifl.statsstream.internal.stats.Moments;
import org.ifl.statsstream.internal.stats.WilsonInterval;

/**
 * What one arm of a cell has seen: its completions, how many were in the expected language (whole text and
 * line by line), errors and {@code none} labels, the expert labels applied, the DSL pseudo-outcomes, in
 * explanation cells the entity metrics per alignment setting, the answers judged on words (LCB's word level)
 * with those of them that had no English word, and what is known of the answers' correctness. {@code labels}
 * counts the expert labels of the language (fidelity labels); the correctness labels are in {@code accuracy}.
 * Additive, so a cell is the sum of its pairs and a pair's change
 * is a subtraction and an addition.
 */
record ArmTally(long completions, long faithful, long lineFaithful, long errors, long undetected,
        long labels, Moments pseudoOutcomes, ExplanationTally explanation, long wordJudged, long wordPassed,
        AccuracyTally accuracy) {
    public static final ArmTally EMPTY = new ArmTally(0, 0, 0, 0, 0, 0, Moments.EMPTY, ExplanationTally.EMPTY, 0, 0,
            AccuracyTally.EMPTY);

    public ArmTally plus(ArmTally o) {
        return new ArmTally(completions + o.completions, faithful + o.faithful, lineFaithful + o.lineFaithful,
                errors + o.errors, undetected + o.undetected, labels + o.labels,
                pseudoOutcomes.plus(o.pseudoOutcomes), explanation.plus(o.explanation), wordJudged + o.wordJudged,
                wordPassed + o.wordPassed, accuracy.plus(o.accuracy));
    }

    public ArmTally minus(ArmTally o) {
        return new ArmTally(completions - o.completions, faithful - o.faithful, lineFaithful - o.lineFaithful,
                errors - o.errors, undetected - o.undetected, labels - o.labels,
                pseudoOutcomes.minus(o.pseudoOutcomes), explanation.minus(o.explanation), wordJudged - o.wordJudged,
                wordPassed - o.wordPassed, accuracy.minus(o.accuracy));
    }

    /** This tally with other entity sums (the state codec reads them apart). */
    ArmTally withExplanation(ExplanationTally sums) {
        return new ArmTally(completions, faithful, lineFaithful, errors, undetected, labels, pseudoOutcomes, sums,
                wordJudged, wordPassed, accuracy);
    }

    /** F of the arm with its Wilson interval; null without completions. */
    public Interval fidelity() {
        return WilsonInterval.of(faithful, completions);
    }

    public Interval lineFidelity() {
        return WilsonInterval.of(lineFaithful, completions);
    }

    /** LCB's word-level pass rate: the share without English words of the answers judged on words; null if none. */
    public Interval wordPassRate() {
        return WilsonInterval.of(wordPassed, wordJudged);
    }

    /** The arm's DSL fidelity, mean(Y~) +- 1.96 sd(Y~)/sqrt(n). */
    public Interval dslFidelity() {
        return Dsl.share(pseudoOutcomes);
    }
}
