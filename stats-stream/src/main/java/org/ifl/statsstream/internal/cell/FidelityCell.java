package org.ifl.statsstream.internal.cell;

import org.ifl.schemas.avro.Arm;
import org.ifl.statsstream.internal.stats.Dsl;
import org.ifl.statsstream.internal.stats.Interval;
import org.ifl.statsstream.internal.stats.Moments;
import org.ifl.statsstream.internal.stats.PairedProportions;
import org.ifl.statsstream.internal.stats.Summaries;

/**
 * Everything a cell (model, checkpoint, dataset, language), a window of it, or a pooled summary needs for its
 * figures, as sums: the three arms, the paired 2x2 tables, the paired DSL differences and the leftovers.
 * It is the sum of {@link ItemPair#contribution()} over the cell's pairs.
 *
 * <p>Pairing, decided here because DESIGN.md leaves it open: IFL and its interval come from the items that
 * have both TEXT and IMAGE answers (the paired differences), IFL_remedy from items with TEXT and
 * IMAGE_REMEDY, and diff = IFL_remedy - IFL from items with all three (where it is the mean of
 * f_remedy - f_image). The arm fidelities F use every answer of their arm. With no leftovers
 * IFL = F_image - F_text exactly; leftovers are counted ({@code unpaired*}) and never silently dropped.
 *
 * @param ifl             image (first) against text (second)
 * @param lineIfl         the same on line-level fidelity
 * @param iflRemedy       image with remedy (first) against text (second)
 * @param remedyVsImage   image with remedy (first) against image (second), items with all three arms
 * @param dslIfl          paired differences of pseudo-outcomes, image minus text
 * @param dslIflRemedy    paired differences of pseudo-outcomes, image with remedy minus text
 * @param unpairedText    items with a TEXT answer but no IMAGE answer (yet)
 * @param unpairedImage   items with an IMAGE answer but no TEXT answer
 * @param unpairedImageRemedy items with an IMAGE_REMEDY answer but no TEXT answer
 * @param duplicates      records ignored as repeats: the same completion again, or a second answer to an arm
 * @param accuracy        the accuracy differences, paired by item like IFL
 */
public record FidelityCell(ArmTally text, ArmTally image, ArmTally imageRemedy, PairedProportions ifl,
        PairedProportions lineIfl, PairedProportions iflRemedy, PairedProportions remedyVsImage, Moments dslIfl,
        Moments dslIflRemedy, long unpairedText, long unpairedImage, long unpairedImageRemedy, long duplicates,
        AccuracyPairs accuracy) {
    public static final FidelityCell EMPTY = new FidelityCell(ArmTally.EMPTY, ArmTally.EMPTY, ArmTally.EMPTY,
            PairedProportions.EMPTY, PairedProportions.EMPTY, PairedProportions.EMPTY, PairedProportions.EMPTY,
            Moments.EMPTY, Moments.EMPTY, 0, 0, 0, 0, AccuracyPairs.EMPTY);

    public FidelityCell plus(FidelityCell o) {
        return new FidelityCell(text.plus(o.text), image.plus(o.image), imageRemedy.plus(o.imageRemedy),
                ifl.plus(o.ifl), lineIfl.plus(o.lineIfl), iflRemedy.plus(o.iflRemedy),
                remedyVsImage.plus(o.remedyVsImage), dslIfl.plus(o.dslIfl), dslIflRemedy.plus(o.dslIflRemedy),
                unpairedText + o.unpairedText, unpairedImage + o.unpairedImage,
                unpairedImageRemedy + o.unpairedImageRemedy, duplicates + o.duplicates, accuracy.plus(o.accuracy));
    }

    public FidelityCell minus(FidelityCell o) {
        return new FidelityCell(text.minus(o.text), image.minus(o.image), imageRemedy.minus(o.imageRemedy),
                ifl.minus(o.ifl), lineIfl.minus(o.lineIfl), iflRemedy.minus(o.iflRemedy),
                remedyVsImage.minus(o.remedyVsImage), dslIfl.minus(o.dslIfl), dslIflRemedy.minus(o.dslIflRemedy),
                unpairedText - o.unpairedText, unpairedImage - o.unpairedImage,
                unpairedImageRemedy - o.unpairedImageRemedy, duplicates - o.duplicates, accuracy.minus(o.accuracy));
    }

    public ArmTally arm(Arm arm) {
        return switch (arm) {
            case TEXT -> text;
            case IMAGE -> image;
            case IMAGE_REMEDY -> imageRemedy;
        };
    }

    /** A cell with nothing in it: every pair that contributed was taken back. */
    public boolean isEmpty() {
        return equals(EMPTY);
    }

    /** F_image - F_text over pairs, with the paired interval. */
    public Interval iflEstimate() {
        return ifl.difference();
    }

    public Interval iflRemedyEstimate() {
        return iflRemedy.difference();
    }

    /** IFL_remedy - IFL = mean(f_remedy - f_image) over items with all three arms. */
    public Interval diffEstimate() {
        return remedyVsImage.difference();
    }

    public Interval lineIflEstimate() {
        return lineIfl.difference();
    }

    /** diff / |IFL|; null when IFL is 0 or either is missing. */
    public Double relative() {
        Interval ifl = iflEstimate();
        Interval diff = diffEstimate();
        return Summaries.relative(diff == null ? null : diff.value(), ifl == null ? null : ifl.value());
    }

    /** The experts' language labels applied, all arms. */
    public long labels() {
        return text.labels() + image.labels() + imageRemedy.labels();
    }

    /** The experts' correctness labels applied, all arms. */
    public long correctnessLabels() {
        return text.accuracy().labels() + image.accuracy().labels() + imageRemedy.accuracy().labels();
    }

    /** Whether anything is known of the answers' correctness: an answer matched against references, or a label. */
    public boolean hasAccuracy() {
        return text.accuracy().judged() + image.accuracy().judged() + imageRemedy.accuracy().judged() > 0
                || correctnessLabels() > 0;
    }

    /** Accuracy of the image arm minus the text arm's, over the items whose both answers were judged. */
    public Interval accuracyDifferenceEstimate() {
        return accuracy.imageVsText().difference();
    }

    public Interval accuracyDifferenceRemedyEstimate() {
        return accuracy.remedyVsText().difference();
    }

    /** The DSL accuracy difference image - text; null unless both arms have correctness labels. */
    public Interval dslAccuracyDifferenceEstimate() {
        return bothLabelled(image, text) ? Dsl.difference(accuracy.dslImageVsText()) : null;
    }

    public Interval dslAccuracyDifferenceRemedyEstimate() {
        return bothLabelled(imageRemedy, text) ? Dsl.difference(accuracy.dslRemedyVsText()) : null;
    }

    private static boolean bothLabelled(ArmTally first, ArmTally second) {
        return first.accuracy().labels() > 0 && second.accuracy().labels() > 0;
    }

    public Interval dslIflEstimate() {
        return Dsl.difference(dslIfl);
    }

    public Interval dslIflRemedyEstimate() {
        return Dsl.difference(dslIflRemedy);
    }
}
