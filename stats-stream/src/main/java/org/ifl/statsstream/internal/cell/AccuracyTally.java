package org.ifl.statsstream.internal.cell;

import org.ifl.statsstream.internal.stats.Dsl;
import org.ifl.statsstream.internal.stats.Interval;
import org.ifl.statsstream.internal.stats.Moments;
import org.ifl.statsstream.internal.stats.WilsonInterval;

/**
 * What one arm of a cell knows of its answers' correctness: the answers the surrogate judged (lid-stream's
 * {@code answerMatch} present) and those of them that matched a reference answer, the experts' correctness labels
 * applied, and the accuracy pseudo-outcomes Y~ = s + (R / pi)(Y - s) of all the arm's answers, with s the match
 * (0 where not judged) and Y the expert's {@code correct}. Additive, like {@link ArmTally}.
 */
public record AccuracyTally(long judged, long matched, long labels, Moments pseudoOutcomes) {
    public static final AccuracyTally EMPTY = new AccuracyTally(0, 0, 0, Moments.EMPTY);

    /** What one answer adds: its match ({@code null}: not judged) and the expert's label ({@code null}: none). */
    static AccuracyTally of(Boolean answerMatch, ExpertLabel label) {
        int surrogate = Boolean.TRUE.equals(answerMatch) ? 1 : 0;
        boolean labelled = label != null && label.judgesCorrectness();
        double pseudoOutcome = labelled
                ? Dsl.pseudoOutcome(surrogate, label.correct() ? 1 : 0, label.samplingProbability())
                : Dsl.pseudoOutcome(surrogate);
        return new AccuracyTally(answerMatch == null ? 0 : 1, surrogate, labelled ? 1 : 0,
                Moments.EMPTY.add(pseudoOutcome));
    }

    public AccuracyTally plus(AccuracyTally o) {
        return new AccuracyTally(judged + o.judged, matched + o.matched, labels + o.labels,
                pseudoOutcomes.plus(o.pseudoOutcomes));
    }

    public AccuracyTally minus(AccuracyTally o) {
        return new AccuracyTally(judged - o.judged, matched - o.matched, labels - o.labels,
                pseudoOutcomes.minus(o.pseudoOutcomes));
    }

    /** The share of the judged answers that matched, with its Wilson interval; null when none was judged. */
    public Interval surrogate() {
        return WilsonInterval.of(matched, judged);
    }

    /**
     * mean(Y~) over all the arm's answers +- 1.96 sd(Y~)/sqrt(n); null without correctness labels, where it would
     * only be the share of all answers that matched, unjudged ones counted as wrong.
     */
    public Interval dsl() {
        return labels == 0 ? null : Dsl.share(pseudoOutcomes);
    }
}
