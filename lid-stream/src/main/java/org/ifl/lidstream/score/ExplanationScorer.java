package org.ifl.lidstream.score;

import java.util.List;
import org.ifl.entities.Entity;
import org.ifl.entities.EntityScore;
import org.ifl.entities.EntityScorer;
import org.ifl.schemas.avro.Completion;
import org.ifl.schemas.avro.EntityScores;
import org.ifl.schemas.avro.ItemReferences;
import org.ifl.schemas.avro.ReferenceEntity;
import org.ifl.schemas.avro.TaskKind;

/**
 * The entity metrics of an explanation completion (DESIGN.md §4: EC exact and partial, EF1, ECooc) against
 * the references its query carried, matched in the surface forms of the language the answer was asked in. An
 * answer in the wrong language is scored too (its fidelity says it is wrong; its entities usually say so
 * again, since another language's forms do not count). An empty answer scores 0; an answer that failed
 * (an inference error) and a query with no reference entities have no entity scores.
 *
 * <p>Vocabulary (**decision**, a known gap): DESIGN.md matches E_gen against the dataset-wide entity
 * vocabulary; a record carries only its own item's references, so here E_gen is matched against those, and
 * precision counts only the item's own entities the answer names. A dataset vocabulary needs a source every
 * lid-stream instance reads (a compacted topic of entities the producer publishes with the suite, read as a
 * global table), which is not built yet.
 */
public final class ExplanationScorer {

    private ExplanationScorer() {
    }

    /** The entity scores of {@code completion}, or null when it is not an explanation that can be scored. */
    public static EntityScores score(Completion completion) {
        if (completion.getCondition().getTask() != TaskKind.EXPLANATION || completion.getError() != null) {
            return null;
        }
        ItemReferences references = completion.getReferences();
        List<ReferenceEntity> referenceEntities = references.getEntities();
        if (referenceEntities.isEmpty()) {
            return null;
        }
        List<Entity> entities = referenceEntities.stream()
                .map(r -> Entity.of(r.getEntityId(), r.getSurfaceForms())).toList();
        String text = completion.getText() == null ? "" : completion.getText();
        EntityScore s = new EntityScorer(entities).score(text, entities, references.getCooccurringPairs(),
                completion.getCondition().getExpectedLanguage());
        return EntityScores.newBuilder()
                .setCoverageExact(s.coverage())
                .setCoveragePartial(s.partialCoverage())
                // No entity named: precision is undefined; recorded as 0, as F1 is.
                .setPrecision(s.precision() == null ? 0.0 : s.precision())
                .setF1(s.f1())
                .setCooccurrence(s.cooccurrence())
                .setReferenceEntities(s.referenceEntities())
                .setMatchedEntities(s.matched())
                .setGeneratedEntities(s.generatedEntities())
                .build();
    }
}
