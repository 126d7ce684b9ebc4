package org.ifl.statsstream.internal.cell;

import org.ifl.statsstream.internal.stats.Moments;

/**
 * Sums of the entity metrics of the answers of one arm in one alignment setting. ECooc has its own count: it
 * is summed only over answers where it is defined.
 */
record EntityMoments(Moments coverageExact, Moments coveragePartial, Moments f1, Moments cooccurrence) {
    public static final EntityMoments EMPTY = new EntityMoments(Moments.EMPTY, Moments.EMPTY, Moments.EMPTY,
            Moments.EMPTY);

    public EntityMoments add(EntityMeasures m) {
        return new EntityMoments(coverageExact.add(m.coverageExact()), coveragePartial.add(m.coveragePartial()),
                f1.add(m.f1()), m.cooccurrence() == null ? cooccurrence : cooccurrence.add(m.cooccurrence()));
    }

    public EntityMoments plus(EntityMoments o) {
        return new EntityMoments(coverageExact.plus(o.coverageExact), coveragePartial.plus(o.coveragePartial),
                f1.plus(o.f1), cooccurrence.plus(o.cooccurrence));
    }

    public EntityMoments minus(EntityMoments o) {
        return new EntityMoments(coverageExact.minus(o.coverageExact), coveragePartial.minus(o.coveragePartial),
                f1.minus(o.f1), cooccurrence.minus(o.cooccurrence));
    }

    /** Answers with entity scores. */
    public long answers() {
        return coverageExact.n();
    }
}
