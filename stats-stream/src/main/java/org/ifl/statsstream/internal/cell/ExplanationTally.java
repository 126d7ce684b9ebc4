package org.ifl.statsstream.internal.cell;

import org.ifl.schemas.avro.AlignmentSetting;

/**
 * The entity sums of one arm of a cell in each alignment setting. The settings nest (items shared by all ten
 * languages are also shared by five, and every item is in the full set), and the nesting is applied when an
 * answer is added: an ALIGNMENT_10 answer adds to all three sums, an ALIGNMENT_5 answer to Alignment-5 and
 * Full, a FULL answer to Full. Each setting's figures are then read off its own sums. Additive, like
 * {@link ArmTally}.
 */
record ExplanationTally(EntityMoments alignment10, EntityMoments alignment5, EntityMoments full) {
    public static final ExplanationTally EMPTY = new ExplanationTally(EntityMoments.EMPTY, EntityMoments.EMPTY,
            EntityMoments.EMPTY);

    /**
     * What one answer adds; nothing without entity scores. An answer with scores but no alignment tag (an
     * explanation item the producer did not place) counts in Full only, the set every item belongs to.
     */
    public static ExplanationTally of(EntityMeasures measures, AlignmentSetting alignment) {
        if (measures == null) {
            return EMPTY;
        }
        EntityMoments one = EntityMoments.EMPTY.add(measures);
        AlignmentSetting setting = alignment == null ? AlignmentSetting.FULL : alignment;
        return new ExplanationTally(setting == AlignmentSetting.ALIGNMENT_10 ? one : EntityMoments.EMPTY,
                setting == AlignmentSetting.FULL ? EntityMoments.EMPTY : one, one);
    }

    public EntityMoments in(AlignmentSetting setting) {
        return switch (setting) {
            case ALIGNMENT_10 -> alignment10;
            case ALIGNMENT_5 -> alignment5;
            case FULL -> full;
        };
    }

    public ExplanationTally plus(ExplanationTally o) {
        // most cells answer no explanation items: their sums stay EMPTY without allocating
        if (o == EMPTY) {
            return this;
        }
        if (this == EMPTY) {
            return o;
        }
        return new ExplanationTally(alignment10.plus(o.alignment10), alignment5.plus(o.alignment5),
                full.plus(o.full));
    }

    public ExplanationTally minus(ExplanationTally o) {
        if (o == EMPTY) {
            return this;
        }
        return new ExplanationTally(alignment10.minus(o.alignment10), alignment5.minus(o.alignment5),
                full.minus(o.full));
    }

    public boolean isEmpty() {
        return equals(EMPTY);
    }
}
