package org.ifl.lidstream.internal.score;

import java.util.List;
import org.ifl.entities.Entity;

/**
 * The entity vocabulary of a dataset (eval.entities): what the entities an explanation names are matched
 * against for EF1's precision. {@link #NONE} knows no dataset; the item's own references are always added.
 */
public interface EntityVocabulary {
    EntityVocabulary NONE = dataset -> List.of();

    /** @param dataset the dataset's base name, e.g. artwork */
    List<Entity> entities(String dataset);

    /** The base name of a pair's dataset: {@code artwork} for {@code artwork/L_EN}. */
    static String baseName(String dataset) {
        int slash = dataset.indexOf('/');
        return slash < 0 ? dataset : dataset.substring(0, slash);
    }
}
