package org.ifl.statsstream.internal.cell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ifl.schemas.avro.AlignmentSetting;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.LabelStatus;
import org.ifl.statsstream.internal.stats.Moments;
import org.junit.jupiter.api.Test;

/**
 * What a pair adds to its cell's entity sums, worked out by hand. Values are binary fractions (0.5, 0.25,
 * 0.125...), so sums, squares and differences are exact and the sums can be compared with equals.
 */
class ItemPairTest {
    private static final EntityMeasures IMAGE = new EntityMeasures(0.5, 0.75, 0.25, 0.5);
    private static final EntityMeasures REMEDY = new EntityMeasures(1.0, 1.0, 0.5, null);

    private static ArmAnswer answer(String id, EntityMeasures measures, AlignmentSetting alignment) {
        return new ArmAnswer(id, LabelStatus.LABELED, 1, 1, "de", measures, alignment);
    }

    private static ItemPair item(AlignmentSetting alignment) {
        return ItemPair.EMPTY
                .withAnswer(Arm.IMAGE, answer("i/IMAGE", IMAGE, alignment), 1_000L)
                .withAnswer(Arm.IMAGE_REMEDY, answer("i/IMAGE_REMEDY", REMEDY, alignment), 2_000L);
    }

    @Test
    void anAlignment10ItemAddsToAllThreeSettings() {
        FidelityCell c = item(AlignmentSetting.ALIGNMENT_10).contribution();
        // image: one answer, EC exact 0.5 (square 0.25), EC partial 0.75 (0.5625), EF1 0.25 (0.0625), ECooc 0.5
        EntityMoments image = new EntityMoments(new Moments(1, 0.5, 0.25), new Moments(1, 0.75, 0.5625),
                new Moments(1, 0.25, 0.0625), new Moments(1, 0.5, 0.25));
        assertEquals(new ExplanationTally(image, image, image), c.image().explanation());
        // remedy: ECooc undefined, so its sums stay empty while the others count the answer
        EntityMoments remedy = new EntityMoments(new Moments(1, 1, 1), new Moments(1, 1, 1),
                new Moments(1, 0.5, 0.25), Moments.EMPTY);
        assertEquals(new ExplanationTally(remedy, remedy, remedy), c.imageRemedy().explanation());
        assertEquals(ExplanationTally.EMPTY, c.text().explanation());
        assertEquals(1, c.image().completions(), "the fidelity counts are as before");
    }

    @Test
    void anAlignment5ItemAddsToAlignment5AndFullAndAFullItemToFullOnly() {
        EntityMoments one = EntityMoments.EMPTY.add(IMAGE);
        assertEquals(new ExplanationTally(EntityMoments.EMPTY, one, one),
                item(AlignmentSetting.ALIGNMENT_5).contribution().image().explanation());
        assertEquals(new ExplanationTally(EntityMoments.EMPTY, EntityMoments.EMPTY, one),
                item(AlignmentSetting.FULL).contribution().image().explanation());
        assertEquals(new ExplanationTally(EntityMoments.EMPTY, EntityMoments.EMPTY, one),
                item(null).contribution().image().explanation(), "an untagged item is in the full set only");
    }

    @Test
    void anAnswerWithoutEntityScoresAddsNoEntitySums() {
        ItemPair failed = ItemPair.EMPTY.withAnswer(Arm.IMAGE, new ArmAnswer("f/IMAGE",
                LabelStatus.INFERENCE_ERROR, 0, 0, "de", null, AlignmentSetting.ALIGNMENT_10), 1_000L);
        assertEquals(ExplanationTally.EMPTY, failed.contribution().image().explanation());
        assertEquals(1, failed.contribution().image().errors());
    }

    @Test
    void aRepeatedAnswerChangesOnlyTheDuplicateCount() {
        ItemPair before = item(AlignmentSetting.ALIGNMENT_5);
        ItemPair after = before.withAnswer(Arm.IMAGE,
                answer("i/IMAGE-again", new EntityMeasures(0, 0, 0, 0.0), AlignmentSetting.ALIGNMENT_10), 3_000L);
        assertEquals(before.contribution().image(), after.contribution().image());
        assertEquals(1, after.contribution().minus(before.contribution()).duplicates());
    }

    @Test
    void plusAndMinusAreInverseOnTheEntitySums() {
        // A cell of an Alignment-10 item and a Full item; the second arm of a third item arrives, and the cell
        // changes by new contribution - old contribution, as CellProcessor does it.
        FidelityCell cell = item(AlignmentSetting.ALIGNMENT_10).contribution()
                .plus(item(AlignmentSetting.FULL).contribution());
        ItemPair third = ItemPair.EMPTY.withAnswer(Arm.IMAGE,
                answer("t/IMAGE", new EntityMeasures(0.125, 0.25, 0.125, 0.0), AlignmentSetting.ALIGNMENT_5), 1L);
        FidelityCell withThird = cell.plus(third.contribution());
        ItemPair thirdComplete = third.withAnswer(Arm.IMAGE_REMEDY, answer("t/IMAGE_REMEDY", REMEDY,
                AlignmentSetting.ALIGNMENT_5), 2L);
        FidelityCell changed = withThird.minus(third.contribution()).plus(thirdComplete.contribution());
        assertEquals(cell, changed.minus(thirdComplete.contribution()));
        assertEquals(withThird, changed.minus(thirdComplete.contribution()).plus(third.contribution()));

        // Alignment-5 holds the Alignment-10 item and the third: EC exact 0.5 + 0.125 = 0.625, squares
        // 0.25 + 0.015625; Full holds all three images: 0.5 + 0.5 + 0.125 = 1.125, squares 0.515625; ECooc
        // is defined for all three images (0.5 + 0.5 + 0), for none of the remedies.
        ExplanationTally image = changed.image().explanation();
        assertEquals(new Moments(2, 0.625, 0.265625), image.in(AlignmentSetting.ALIGNMENT_5).coverageExact());
        assertEquals(new Moments(3, 1.125, 0.515625), image.in(AlignmentSetting.FULL).coverageExact());
        assertEquals(new Moments(3, 1.0, 0.5), image.in(AlignmentSetting.FULL).cooccurrence());
        assertEquals(new Moments(1, 0.5, 0.25), image.in(AlignmentSetting.ALIGNMENT_10).coverageExact());
        assertEquals(3, changed.imageRemedy().explanation().in(AlignmentSetting.FULL).answers());
        assertEquals(0, changed.imageRemedy().explanation().in(AlignmentSetting.FULL).cooccurrence().n());
    }

    /** A German item: text faithful, image not (surrogates 1 and 0). */
    private static ItemPair german() {
        return ItemPair.EMPTY
                .withAnswer(Arm.TEXT, new ArmAnswer("g/TEXT", LabelStatus.LABELED, 1, 1, "de"), 1_000L)
                .withAnswer(Arm.IMAGE, new ArmAnswer("g/IMAGE", LabelStatus.LABELED, 0, 0, "de"), 2_000L);
    }

    @Test
    void aLanguageLabelReplacesTheSurrogateWithItsPseudoOutcome() {
        // The expert says the image answer (surrogate 0) is German, drawn with pi = 0.25: Y~ = 0 + (1 - 0) / 0.25 = 4;
        // the paired DSL difference image - text is 4 - 1 = 3.
        FidelityCell c = german().withLabel(Arm.IMAGE, new ExpertLabel("g/IMAGE", "de", 0.25)).contribution();
        assertEquals(new Moments(1, 4, 16), c.image().pseudoOutcomes());
        assertEquals(1, c.image().labels());
        assertEquals(new Moments(1, 3, 9), c.dslIfl());
        assertEquals(0, c.image().faithful(), "the identifier's verdict is kept beside it");
    }

    @Test
    void aLabelWithoutALanguageIsNoFidelityLabel() {
        // The expert found the language unclear: the answer keeps its surrogate 0, as if it had not been drawn.
        FidelityCell unclear = german().withLabel(Arm.IMAGE, new ExpertLabel("g/IMAGE", null, true, 0.25))
                .contribution();
        assertEquals(german().contribution().image().pseudoOutcomes(), unclear.image().pseudoOutcomes());
        assertEquals(new Moments(1, 0, 0), unclear.image().pseudoOutcomes());
        assertEquals(0, unclear.image().labels());
        assertEquals(german().contribution().dslIfl(), unclear.dslIfl());
    }

    @Test
    void aLaterLabelOfTheSameCompletionReplacesTheEarlierOne() {
        // First English (Y = 0 = s: Y~ 0, one label), then German with pi 0.5: Y~ = 0 + 1 / 0.5 = 2, still one label.
        ItemPair first = german().withLabel(Arm.IMAGE, new ExpertLabel("g/IMAGE", "en", 0.5));
        assertEquals(new Moments(1, 0, 0), first.contribution().image().pseudoOutcomes());
        ItemPair second = first.withLabel(Arm.IMAGE, new ExpertLabel("g/IMAGE", "de", 0.5));
        assertEquals(new Moments(1, 2, 4), second.contribution().image().pseudoOutcomes());
        assertEquals(1, second.contribution().labels());
        // A third annotation that leaves the language unclear takes the fidelity label back.
        ItemPair third = second.withLabel(Arm.IMAGE, new ExpertLabel("g/IMAGE", null, null, 0.5));
        assertEquals(new Moments(1, 0, 0), third.contribution().image().pseudoOutcomes());
        assertEquals(0, third.contribution().labels());
    }
}
