package org.ifl.producers.internal.suite.artwork;

import java.util.List;
import java.util.Map;
import org.ifl.entities.Entity;
import org.ifl.entities.EntityScorer;
import org.ifl.schemas.avro.ReferenceEntity;

/**
 * The pairs of reference entities that occur in one sentence of a reference text, what the co-occurrence score
 * (ECooc) of an explanation is measured against: found by the same matching and sentence splitting that score
 * the explanations ({@link EntityScorer#cooccurringPairs}), so a reference pair and an answer's pair are
 * judged alike.
 */
public final class CooccurringEntities {

    private CooccurringEntities() {
    }

    /** Each pair once, as {@code [a, b]} with {@code a} listed before {@code b} in {@code entities}. */
    public static List<List<String>> pairs(String text, String language, List<ReferenceEntity> entities) {
        return EntityScorer.cooccurringPairs(text, entities.stream().map(CooccurringEntities::entity).toList(),
                language);
    }

    /** The matching form of a reference entity. */
    public static Entity entity(ReferenceEntity reference) {
        return Entity.of(reference.getEntityId(), Map.copyOf(reference.getSurfaceForms()));
    }
}
