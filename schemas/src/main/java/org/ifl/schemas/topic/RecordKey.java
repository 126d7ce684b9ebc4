package org.ifl.schemas.topic;

import java.util.ArrayList;
import java.util.List;
import org.ifl.schemas.avro.PairKey;

/**
 * String record keys made of parts joined by {@code |}. Keys are plain UTF-8 strings, not Avro, so that the
 * partition a record lands in never depends on a schema id. A {@code |} or {@code %} inside a part is
 * percent-escaped, so parts round-trip exactly.
 */
public final class RecordKey {
    private static final char SEPARATOR = '|';

    private RecordKey() {
    }

    public static String of(String... parts) {
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                key.append(SEPARATOR);
            }
            String part = parts[i] == null ? "" : parts[i];
            key.append(part.replace("%", "%25").replace("|", "%7C"));
        }
        return key.toString();
    }

    public static List<String> parts(String key) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= key.length(); i++) {
            if (i == key.length() || key.charAt(i) == SEPARATOR) {
                parts.add(key.substring(start, i).replace("%7C", "|").replace("%25", "%"));
                start = i + 1;
            }
        }
        return parts;
    }

    /** run|model|checkpoint|dataset|item|language: what the arms of one item share. */
    public static String pair(PairKey pair) {
        return of(pair.getRunId(), pair.getModel(), pair.getCheckpoint(), pair.getDataset(), pair.getItemId(),
                pair.getLanguage());
    }

    /** model|checkpoint|dataset|language: the cell a pair is counted in. */
    public static String cell(PairKey pair) {
        return of(pair.getModel(), pair.getCheckpoint(), pair.getDataset(), pair.getLanguage());
    }

    /** model|checkpoint. */
    public static String checkpoint(String model, String checkpoint) {
        return of(model, checkpoint);
    }
}
