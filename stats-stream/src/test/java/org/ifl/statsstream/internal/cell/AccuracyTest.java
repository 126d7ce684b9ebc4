package org.ifl.statsstream.internal.cell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.LabelStatus;
import org.ifl.statsstream.internal.stats.Interval;
import org.ifl.statsstream.internal.stats.Moments;
import org.ifl.statsstream.internal.stats.PairedProportions;
import org.ifl.statsstream.internal.stats.WilsonInterval;
import org.junit.jupiter.api.Test;

/**
 * Accuracy of a cell worked out by hand: four items answered in the text and image arms, their reference matches
 * (the surrogate s) and two correctness labels.
 *
 * <pre>
 * item  text s  image s   labels                              Y~ text  Y~ image  image - text
 * i0    1       0         image correct, pi 0.5                1        0 + 1/0.5 = 2    1
 * i1    1       1                                              1        1                0
 * i2    0       absent    (the image answer failed)           0        0                0
 * i3    1       0         text wrong, pi 0.25                  1 - 1/0.25 = -3   0      3
 * </pre>
 */
class AccuracyTest {
    private static final double EPS = 1e-12;

    private static ArmAnswer answer(String id, Boolean match) {
        return new ArmAnswer(id, match == null ? LabelStatus.INFERENCE_ERROR : LabelStatus.LABELED, 1, 1, "de")
                .withAnswerMatch(match);
    }

    private static ItemPair item(String item, Boolean text, Boolean image) {
        return ItemPair.EMPTY.withAnswer(Arm.TEXT, answer(item + "/TEXT", text), 1_000L)
                .withAnswer(Arm.IMAGE, answer(item + "/IMAGE", image), 2_000L);
    }

    private static final ItemPair I3 = item("i3", true, false);

    private static FidelityCell cell(ItemPair i3) {
        return item("i0", true, false).withLabel(Arm.IMAGE, new ExpertLabel("i0/IMAGE", null, true, 0.5))
                .contribution()
                .plus(item("i1", true, true).contribution())
                .plus(item("i2", false, null).contribution())
                .plus(i3.contribution());
    }

    private static FidelityCell cell() {
        return cell(I3.withLabel(Arm.TEXT, new ExpertLabel("i3/TEXT", "de", false, 0.25)));
    }

    @Test
    void theSurrogateAccuracyIsTheShareOfJudgedAnswersThatMatch() {
        FidelityCell c = cell();
        assertEquals(new AccuracyTally(4, 3, 1, new Moments(4, -1, 11)), c.text().accuracy());
        assertEquals(new AccuracyTally(3, 1, 1, new Moments(4, 3, 5)), c.image().accuracy());
        assertEquals(WilsonInterval.of(3, 4), c.text().accuracy().surrogate());
        Interval image = c.image().accuracy().surrogate();
        assertEquals(1.0 / 3, image.value(), EPS);
        assertEquals(3, image.n(), "n is the answers judged, not the arm's 4");
        assertNull(c.imageRemedy().accuracy().surrogate());
    }

    @Test
    void theDslAccuracyIsTheMeanOfThePseudoOutcomesOfAllTheArmsAnswers() {
        FidelityCell c = cell();
        // text: Y~ = 1, 1, 0, -3; mean -0.25; sd^2 = (11 - 1/4) / 3 = 43/12; se = sqrt(43/48)
        Interval text = c.text().accuracy().dsl();
        assertEquals(-0.25, text.value(), EPS);
        // -0.25 -+ 1.855 = [-2.105, 1.605], cut to a share's [0, 1]
        assertEquals(0.0, text.low(), EPS);
        assertEquals(Math.min(1, -0.25 + Interval.Z_95 * Math.sqrt(43.0 / 48)), text.high(), EPS);
        assertEquals(4, text.n());
        assertEquals("dsl", text.method());
        // image: Y~ = 2, 1, 0, 0; mean 0.75; sd^2 = (5 - 9/4) / 3 = 11/12; se = sqrt(11/48)
        Interval image = c.image().accuracy().dsl();
        assertEquals(0.75, image.value(), EPS);
        assertEquals(Math.max(0, 0.75 - Interval.Z_95 * Math.sqrt(11.0 / 48)), image.low(), EPS);
        assertEquals(1.0, image.high(), EPS); // 0.75 + 0.938 cut to 1
        assertEquals(2, c.correctnessLabels());
        assertEquals(1, c.labels(), "the i0 label judged no language: one fidelity label");
    }

    @Test
    void theDifferencesArePairedByItem() {
        FidelityCell c = cell();
        // surrogate over the 3 items with both matches known (i2 has none): (image, text) = (0,1), (1,1), (0,1)
        assertEquals(new PairedProportions(1, 0, 2, 0), c.accuracy().imageVsText());
        assertEquals(new PairedProportions(1, 0, 2, 0).difference(), c.accuracyDifferenceEstimate());
        assertEquals(-2.0 / 3, c.accuracyDifferenceEstimate().value(), EPS);
        // DSL over all 4 items: 1, 0, 0, 3; mean 1 = 0.75 - (-0.25); sd^2 = (10 - 16/4) / 3 = 2; se = sqrt(1/2)
        assertEquals(new Moments(4, 4, 10), c.accuracy().dslImageVsText());
        Interval dsl = c.dslAccuracyDifferenceEstimate();
        assertEquals(1.0, dsl.value(), EPS);
        assertEquals(1.0 - Interval.Z_95 * Math.sqrt(0.5), dsl.low(), EPS);
        assertNull(c.accuracyDifferenceRemedyEstimate(), "no remedy arm");
        assertNull(c.dslAccuracyDifferenceRemedyEstimate());
    }

    @Test
    void withoutCorrectnessLabelsInAnArmItHasNoDslAccuracyNorDoItsDifferences() {
        FidelityCell c = cell(I3); // i3's text unlabelled: the text arm has no correctness label
        assertNull(c.text().accuracy().dsl());
        assertEquals(0.75, c.image().accuracy().dsl().value(), EPS);
        assertNull(c.dslAccuracyDifferenceEstimate());
        assertEquals(cell().accuracyDifferenceEstimate(), c.accuracyDifferenceEstimate(), "the surrogate is as before");
    }

    @Test
    void aLaterCorrectnessLabelReplacesTheEarlierOne() {
        // i3's text relabelled correct (pi 0.25): Y~ = 1 + (1 - 1) / 0.25 = 1; text Y~ = 1, 1, 0, 1, mean 0.75
        ItemPair wrong = I3.withLabel(Arm.TEXT, new ExpertLabel("i3/TEXT", "de", false, 0.25));
        ItemPair relabelled = wrong.withLabel(Arm.TEXT, new ExpertLabel("i3/TEXT", "de", true, 0.25));
        FidelityCell c = cell().minus(wrong.contribution()).plus(relabelled.contribution());
        assertEquals(new AccuracyTally(4, 3, 1, new Moments(4, 3, 3)), c.text().accuracy());
        assertEquals(0.75, c.text().accuracy().dsl().value(), EPS);
        assertEquals(2, c.correctnessLabels());
    }

    @Test
    void aCellWithoutMatchesOrCorrectnessLabelsHasNoAccuracy() {
        FidelityCell plain = ItemPair.EMPTY.withAnswer(Arm.TEXT, answer("p/TEXT", null), 1L).contribution();
        assertEquals(false, plain.hasAccuracy());
        assertEquals(true, cell().hasAccuracy());
    }
}
