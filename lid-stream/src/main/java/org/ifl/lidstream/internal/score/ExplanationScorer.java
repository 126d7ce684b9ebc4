package org.ifl.lidstream.internal.score;

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
 * <p>E_gen is matched against the dataset's vocabulary (eval.entities, which the producers publish with an
 * explanation suite and lid-stream reads as a global table) together with the item's own references, so an
 * answer that names another artwork's painter loses precision. Without a vocabulary (none published) only the
 * item's own entities count, and precision is 1 whenever anything is named.
 */
public final class ExplanationScorer {

    private ExplanationScorer() {
    }

    /** The entity scores of {@code completion}, or null when it is not an explanation that can be scored. */
    public static EntityScores score(Completion completion, EntityVocabulary vocabulary) {
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
        List<Entity> known = new java.util.ArrayList<>(vocabulary.entities(
                EntityVocabulary.baseName(completion.getPair().getDataset())));
        known.addAll(entities);
        EntityScore s = new EntityScorer(known).score(text, entities, references.getCooccurringPairs(),
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
