package org.ifl.producers;

import java.util.List;
import java.util.Map;
import org.ifl.producers.internal.suite.Explanation;
import org.ifl.producers.internal.suite.Languages;

/**
 * One benchmark item in one language, as an adapter reads it from the benchmark's published files.
 *
 * @param dataset     the benchmark's name in pair keys: maxm, palo-llava-bench, visit-bench, multiq, artwork,
 *                    sample
 * @param itemId      the item's id inside the dataset; with the language it names one item
 * @param language    ISO 639-1 code of the question's language (see {@link Languages})
 * @param question    the question or instruction, in {@code language}
 * @param image       the image, or null for a text-only item (MultiQ)
 * @param description a text description of the image, sent in its place on the TEXT arm; null for a text-only
 *                    item, and for an explanation item that has none (it is then asked with its image only)
 * @param answers     reference answers, possibly none
 * @param attributes  what the benchmark says about the item (category, domain...), travelling with its queries
 * @param explanation set for explanation items only
 * @param origin      the file and line it came from
 */
public record SuiteItem(String dataset, String itemId, String language, String question, ImageSource image,
        String description, List<String> answers, Map<String, String> attributes, Explanation explanation,
        Origin origin) {

    public SuiteItem {
        answers = List.copyOf(answers);
        attributes = Map.copyOf(attributes);
    }

    public boolean textOnly() {
        return image == null;
    }
}
