package org.ifl.producers;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ifl.producers.internal.suite.Explanation;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.Condition;
import org.ifl.schemas.avro.ItemReferences;
import org.ifl.schemas.avro.PairKey;
import org.ifl.schemas.avro.PromptPattern;
import org.ifl.schemas.avro.Query;
import org.ifl.schemas.avro.TaskKind;
import org.ifl.schemas.topic.RecordKey;

/**
 * Turns one item into the paired queries of one evaluation. A question item is asked as TEXT (the
 * description in place of the image), IMAGE and, when the remedy is on, IMAGE_REMEDY, all sharing one pair
 * key; a text-only item (no image) only as TEXT. An explanation item is asked in each of the four
 * instruction/output patterns (EN_EN, EN_L, L_EN, L_L), each its own pair in the dataset
 * {@code <dataset>/<pattern>}, so a pattern's answers form their own cells; its arms are IMAGE and
 * IMAGE_REMEDY, and TEXT only when the item has a description.
 *
 * <p>Query ids are {@code run|model|checkpoint|dataset|item|language|arm}: the same suite published again
 * for the same run, model and checkpoint gives the same ids and pair keys.
 */
public final class FanOut {
    public static final String ENGLISH = "en";

    private FanOut() {
    }

    /**
     * @param image the checked image of the item, null for a text-only item
     */
    public static List<Query> queries(SuiteItem item, EvaluationTarget target, CheckedImage image, Instant createdAt) {
        if (!item.textOnly() && image == null) {
            throw new IllegalArgumentException("item " + item.itemId() + " has an image that was not checked");
        }
        Map<String, String> attributes = new HashMap<>(item.attributes());
        attributes.putAll(target.attributes());
        List<Query> queries = new ArrayList<>();
        if (item.explanation() == null) {
            PairKey pair = pair(target, item.dataset(), item);
            ItemReferences references = ItemReferences.newBuilder().setAnswers(new ArrayList<>(item.answers()))
                    .build();
            for (Arm arm : arms(item, target)) {
                queries.add(query(pair, arm, condition(arm, TaskKind.FIDELITY, item.language(), item.language(),
                        null, item), item.question(), item, image, references, target, attributes, createdAt));
            }
            return queries;
        }
        Explanation explanation = item.explanation();
        for (PromptPattern pattern : PromptPattern.values()) {
            String prompt = explanation.prompts().get(pattern);
            if (prompt == null) {
                throw new IllegalArgumentException("explanation item " + item.itemId() + " (" + item.language()
                        + ") has no " + pattern + " prompt");
            }
            boolean englishInstruction = pattern == PromptPattern.EN_EN || pattern == PromptPattern.EN_L;
            boolean englishOutput = pattern == PromptPattern.EN_EN || pattern == PromptPattern.L_EN;
            PairKey pair = pair(target, item.dataset() + "/" + pattern, item);
            ItemReferences references = englishOutput ? explanation.englishReferences() : explanation.references();
            for (Arm arm : arms(item, target)) {
                queries.add(query(pair, arm, condition(arm, TaskKind.EXPLANATION,
                        englishInstruction ? ENGLISH : item.language(), englishOutput ? ENGLISH : item.language(),
                        pattern, item), prompt, item, image, references, target, attributes, createdAt));
            }
        }
        return queries;
    }

    /** The arms an item is asked in, in order. */
    static List<Arm> arms(SuiteItem item, EvaluationTarget target) {
        List<Arm> arms = new ArrayList<>(3);
        if (item.description() != null) {
            arms.add(Arm.TEXT);
        }
        if (!item.textOnly()) {
            arms.add(Arm.IMAGE);
            if (target.remedyEnabled()) {
                arms.add(Arm.IMAGE_REMEDY);
            }
        }
        if (arms.isEmpty()) {
            arms.add(Arm.TEXT); // text-only: the question alone
        }
        return arms;
    }

    /** The query id: {@code run|model|checkpoint|dataset|item|language|arm}. */
    public static String queryId(PairKey pair, Arm arm) {
        return RecordKey.of(pair.getRunId(), pair.getModel(), pair.getCheckpoint(), pair.getDataset(),
                pair.getItemId(), pair.getLanguage(), arm.name());
    }

    private static PairKey pair(EvaluationTarget target, String dataset, SuiteItem item) {
        return new PairKey(target.runId(), target.model(), target.checkpoint(), dataset, item.itemId(),
                item.language());
    }

    private static Condition condition(Arm arm, TaskKind task, String instructionLanguage, String expectedLanguage,
            PromptPattern pattern, SuiteItem item) {
        return Condition.newBuilder().setArm(arm).setTask(task).setInstructionLanguage(instructionLanguage)
                .setExpectedLanguage(expectedLanguage).setPattern(pattern)
                .setAlignment(item.explanation() == null ? null : item.explanation().alignment()).build();
    }

    private static Query query(PairKey pair, Arm arm, Condition condition, String prompt, SuiteItem item,
            CheckedImage image, ItemReferences references, EvaluationTarget target, Map<String, String> attributes,
            Instant createdAt) {
        boolean withImage = arm != Arm.TEXT;
        return Query.newBuilder()
                .setQueryId(queryId(pair, arm))
                .setPair(pair)
                .setCondition(condition)
                .setPrompt(prompt)
                .setDescription(withImage ? null : item.description())
                .setImage(withImage ? image.ref() : null)
                .setImageBytes(withImage ? image.inlineBytes() : null)
                .setReferences(references)
                .setMaxNewTokens(target.maxNewTokens())
                .setCreatedAt(createdAt)
                .setAttributes(new HashMap<>(attributes))
                .build();
    }
}
