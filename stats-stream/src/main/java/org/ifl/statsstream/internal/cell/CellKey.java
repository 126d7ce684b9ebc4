package org.ifl.statsstream.internal.cell;

import java.util.List;
import org.ifl.schemas.avro.PairKey;
import org.ifl.schemas.topic.RecordKey;

/** The cell a pair is counted in: model, checkpoint, dataset, language. */
public record CellKey(String model, String checkpoint, String dataset, String language) {
    public static CellKey of(PairKey pair) {
        return new CellKey(pair.getModel(), pair.getCheckpoint(), pair.getDataset(), pair.getLanguage());
    }

    /** model|checkpoint|dataset|language, as eval.labeled is keyed. */
    public static CellKey parse(String key) {
        List<String> parts = RecordKey.parts(key);
        if (parts.size() != 4) {
            throw new IllegalArgumentException("a cell key has 4 parts (model|checkpoint|dataset|language), not "
                    + parts.size() + ": '" + key + "'");
        }
        return new CellKey(parts.get(0), parts.get(1), parts.get(2), parts.get(3));
    }

    public String key() {
        return RecordKey.of(model, checkpoint, dataset, language);
    }
}
