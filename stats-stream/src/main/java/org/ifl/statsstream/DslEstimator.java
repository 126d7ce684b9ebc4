package org.ifl.statsstream;

import org.ifl.statsstream.FiguresView.EstimateView;
import org.ifl.statsstream.internal.stats.Dsl;
import org.ifl.statsstream.internal.stats.Interval;
import org.ifl.statsstream.internal.stats.Moments;
import org.ifl.statsstream.internal.stats.PairedProportions;
import org.ifl.statsstream.internal.stats.WilsonInterval;

/**
 * The fidelity estimators of a cell, over a whole cell's values at once, for code outside the stream that must
 * compute exactly what the stream computes (the DSL coverage simulation): the DSL pseudo-outcome and its interval
 * (DESIGN.md section 4, DSL), and the surrogate figures the identifier alone gives, Wilson for an arm and the
 * paired interval for a difference of arms. Each goes through the stream's own classes, value by value in the
 * order given, as the cell adds them. Figures are not rounded, unlike the API's.
 */
public final class DslEstimator {
    private DslEstimator() {
    }

    /** Y~ of an answer no expert labelled: its surrogate, the identifier's verdict (0 or 1). */
    public static double pseudoOutcome(int surrogate) {
        return Dsl.pseudoOutcome(surrogate);
    }

    /**
     * Y~ = s + (Y - s) / pi of an answer an expert labelled, the expert's verdict {@code expert} drawn with
     * probability {@code samplingProbability} in (0, 1].
     */
    public static double pseudoOutcome(int surrogate, int expert, double samplingProbability) {
        return Dsl.pseudoOutcome(surrogate, expert, samplingProbability);
    }

    /** An arm's DSL fidelity: mean(Y~) +- 1.96 sd(Y~)/sqrt(n), cut to [0, 1]; null without values. */
    public static EstimateView dslFidelity(double[] pseudoOutcomes) {
        Moments moments = Moments.EMPTY;
        for (double y : pseudoOutcomes) {
            moments = moments.add(y);
        }
        return view(Dsl.share(moments));
    }

    /**
     * The DSL difference of two arms paired by item (IFL: {@code first} the image arm, {@code second} the text
     * arm): the mean of Y~_first,i - Y~_second,i with the same normal interval, cut to [-1, 1]; null without pairs.
     */
    public static EstimateView dslDifference(double[] first, double[] second) {
        requireSameItems(first.length, second.length);
        Moments differences = Moments.EMPTY;
        for (int i = 0; i < first.length; i++) {
            differences = differences.add(first[i] - second[i]);
        }
        return view(Dsl.difference(differences));
    }

    /** An arm's fidelity from the identifier's verdicts (0 or 1) alone, with its Wilson interval; null without any. */
    public static EstimateView surrogateFidelity(int[] verdicts) {
        long inLanguage = 0;
        for (int verdict : verdicts) {
            if (verdict != 0 && verdict != 1) {
                throw new IllegalArgumentException("a verdict is 0 or 1, not " + verdict);
            }
            inLanguage += verdict;
        }
        return view(WilsonInterval.of(inLanguage, verdicts.length));
    }

    /**
     * The difference of two arms paired by item from the identifier's verdicts alone (IFL: {@code first} the
     * image arm), with the stream's paired interval ({@link PairedProportions#difference()}); null without pairs.
     */
    public static EstimateView surrogateDifference(int[] first, int[] second) {
        requireSameItems(first.length, second.length);
        PairedProportions pairs = PairedProportions.EMPTY;
        for (int i = 0; i < first.length; i++) {
            pairs = pairs.add(first[i], second[i]);
        }
        return view(pairs.difference());
    }

    private static void requireSameItems(int first, int second) {
        if (first != second) {
            throw new IllegalArgumentException("paired arms have one value an item: " + first + " and " + second);
        }
    }

    private static EstimateView view(Interval interval) {
        return interval == null ? null
                : new EstimateView(interval.value(), interval.low(), interval.high(), interval.n(), interval.method());
    }
}
