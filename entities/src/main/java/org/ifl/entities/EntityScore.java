package org.ifl.entities;

/**
 * The entity metrics of one explanation against its reference (DESIGN.md §4). A ratio whose denominator is 0
 * is null, never 0 or 1: a reference without entities has no coverage, a completion naming no entity of the
 * vocabulary has no precision, a reference without co-occurring pairs has no co-occurrence.
 *
 * @param referenceEntities  |E_ref|
 * @param generatedEntities  |E_gen|: entities of the dataset-wide vocabulary the completion names
 * @param matched            |E_ref ∩ E_gen|
 * @param coverage           EC, exact: matched / |E_ref|
 * @param partialCoverage    EC, partial: the mean over E_ref of the longest common substring of the entity's
 *                           best form and the completion, over the form's length (1 for a form found whole)
 * @param precision          matched / |E_gen|
 * @param f1                 EF1: the harmonic mean of precision and EC; 0 when nothing matched (even when
 *                           the completion names no entity, so precision is undefined); null without E_ref
 * @param referencePairs     entity pairs that co-occur in one sentence of the reference
 * @param cooccurringPairs   of those, the pairs that also co-occur in one sentence of the completion
 * @param cooccurrence       ECooc: cooccurringPairs / referencePairs
 */
public record EntityScore(int referenceEntities, int generatedEntities, int matched, Double coverage,
        Double partialCoverage, Double precision, Double f1, int referencePairs, int cooccurringPairs,
        Double cooccurrence) {
}
