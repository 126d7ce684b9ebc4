package org.ifl.statsstream.internal.cell;

import org.ifl.schemas.avro.EntityScores;

/**
 * The entity metrics of one explanation answer that the stage averages (docs/lid-stream.md defines them):
 * EC exact and partial, EF1, and ECooc, which is null when the item's reference has no co-occurring pair.
 */
public record EntityMeasures(double coverageExact, double coveragePartial, double f1, Double cooccurrence) {
    public static EntityMeasures of(EntityScores scores) {
        return new EntityMeasures(scores.getCoverageExact(), scores.getCoveragePartial(), scores.getF1(),
                scores.getCooccurrence());
    }
}
