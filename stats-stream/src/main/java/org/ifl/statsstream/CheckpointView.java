package org.ifl.statsstream;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /checkpoints}: a checkpoint the service has figures, published queries or a registration of, with
 * its cells and its answers counted of expected (as in {@link FiguresView}: {@code expected} null when it
 * cannot be known), and what its registration on eval.checkpoints says: when ({@code registeredAt}), its
 * {@code attributes}, {@code backend} and {@code baselineCheckpoint}. An unregistered checkpoint (answers
 * replayed without a registration) has {@code registered} false, no registration time and no attributes.
 * Every field is in the JSON, null or empty where absent, so a page can read them without guarding.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CheckpointView(String model, String checkpoint, int cells, long counted, Long expected,
        Boolean partial, Instant registeredAt, Map<String, String> attributes, String backend,
        String baselineCheckpoint, boolean registered) {
    /** {@code partial} follows from counted and expected; {@code registered} from the registration time. */
    public CheckpointView {
        partial = expected == null ? null : counted < expected;
        attributes = attributes == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(attributes));
        registered = registeredAt != null;
    }

    /** A checkpoint known from its cells and queries only. */
    public static CheckpointView unregistered(String model, String checkpoint, int cells, long counted,
            Long expected) {
        return new CheckpointView(model, checkpoint, cells, counted, expected, null, null, null, null, null, false);
    }

    /** These counts with what a registration says ({@code registeredAt} null: none). */
    public CheckpointView withRegistration(Instant registeredAt, Map<String, String> attributes, String backend,
            String baselineCheckpoint) {
        return new CheckpointView(model, checkpoint, cells, counted, expected, null, registeredAt, attributes,
                backend, baselineCheckpoint, false);
    }
}
