package org.ifl.statsstream.internal.cell;

import org.ifl.statsstream.internal.stats.Moments;
import org.ifl.statsstream.internal.stats.PairedProportions;

/**
 * The accuracy differences of a cell's arms, paired by item as IFL is: the surrogate's 2x2 tables over the items
 * whose both answers were judged ({@code answerMatch} present in both), and the paired differences of the
 * accuracy pseudo-outcomes over the items with both answers.
 *
 * @param imageVsText        matches, image (first) against text (second)
 * @param remedyVsText       matches, image with remedy (first) against text (second)
 * @param dslImageVsText     pseudo-outcome differences, image minus text
 * @param dslRemedyVsText    pseudo-outcome differences, image with remedy minus text
 */
public record AccuracyPairs(PairedProportions imageVsText, PairedProportions remedyVsText, Moments dslImageVsText,
        Moments dslRemedyVsText) {
    public static final AccuracyPairs EMPTY = new AccuracyPairs(PairedProportions.EMPTY, PairedProportions.EMPTY,
            Moments.EMPTY, Moments.EMPTY);

    public AccuracyPairs plus(AccuracyPairs o) {
        return new AccuracyPairs(imageVsText.plus(o.imageVsText), remedyVsText.plus(o.remedyVsText),
                dslImageVsText.plus(o.dslImageVsText), dslRemedyVsText.plus(o.dslRemedyVsText));
    }

    public AccuracyPairs minus(AccuracyPairs o) {
        return new AccuracyPairs(imageVsText.minus(o.imageVsText), remedyVsText.minus(o.remedyVsText),
                dslImageVsText.minus(o.dslImageVsText), dslRemedyVsText.minus(o.dslRemedyVsText));
    }
}
