package org.ifl.producers.internal.suite;

import java.util.Map;
import org.ifl.schemas.avro.AlignmentSetting;
import org.ifl.schemas.avro.ItemReferences;
import org.ifl.schemas.avro.PromptPattern;

/**
 * What an explanation item (an artwork in one language) adds to a fidelity item: the prompt of each
 * instruction/output pattern, the reference article and its entities in the item's language and in English,
 * and how many languages share the item.
 *
 * @param title              the artwork's title in the item's language
 * @param alignment          ALIGNMENT_10 when all ten languages have the item, ALIGNMENT_5 when at least five
 *                           do, else FULL
 * @param prompts            the instruction of each pattern: EN_* in English, L_* in the item's language;
 *                           *_EN ask for an English answer, *_L for one in the item's language
 * @param references         the reference text and entities in the item's language (what *_L answers are
 *                           scored against)
 * @param englishReferences  the same in English (what *_EN answers are scored against)
 */
public record Explanation(String title, AlignmentSetting alignment, Map<PromptPattern, String> prompts,
        ItemReferences references, ItemReferences englishReferences) {
}
