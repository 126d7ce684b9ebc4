package org.ifl.statsstream.internal.alert;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.Map;
import org.ifl.statsstream.internal.stats.Interval;
import org.ifl.statsstream.internal.stats.PairedDifferences;

/**
 * When a checkpoint's IFL counts as a regression against its baseline: its IFL is lower (more loss) than the
 * baseline's by more than {@code threshold}, and the 95% interval of the difference lies below 0. The
 * baseline of a checkpoint is, first found: the model's configured one ({@code baselines}: model to
 * checkpoint), the {@code baselineCheckpoint} its registration on eval.checkpoints names, else the
 * checkpoint before it (by registration time where both are registered, else in the order the stream saw
 * them).
 *
 * <p>Checkpoints of a model answer the same items, so the difference is paired by item: over the items both
 * checkpoints answered in the TEXT and IMAGE arms, the mean of d_i = (image_c,i - text_c,i) - (image_b,i - text_b,i)
 * with the interval {@link PairedDifferences#interval} gives (a t interval; a bound, not a zero-width interval, when
 * every item moved alike; widened to 0 where the exact sign test does not reject). It needs {@link #MIN_PAIRS} items.
 */
public record AlertPolicy(double threshold, Map<String, String> baselines) {
    /** Items both checkpoints answered in both arms that a comparison needs. */
    public static final int MIN_PAIRS = 2;

    public AlertPolicy {
        if (!(threshold >= 0)) {
            throw new IllegalArgumentException("alert threshold must be 0 or more, not " + threshold);
        }
        baselines = Map.copyOf(baselines);
    }

    /** What eval.checkpoints says of a checkpoint: its registration time and the baseline it names, if any. */
    public record Registration(long registeredAt, String baselineCheckpoint) {
    }

    /**
     * The checkpoint {@code checkpoint} of {@code model} is compared with; null for none.
     *
     * @param checkpointsSeen the model's checkpoints in the order the stream first saw them
     * @param registrations   the registration of a checkpoint of this model, or null where it has none
     */
    public String baseline(String model, String checkpoint, List<String> checkpointsSeen,
            Function<String, Registration> registrations) {
        String configured = baselines.get(model);
        if (configured != null) {
            return configured.equals(checkpoint) ? null : configured;
        }
        Registration own = registrations.apply(checkpoint);
        if (own != null && own.baselineCheckpoint() != null && !own.baselineCheckpoint().equals(checkpoint)) {
            return own.baselineCheckpoint();
        }
        List<String> order = inOrder(checkpointsSeen, registrations);
        int at = order.indexOf(checkpoint);
        return at > 0 ? order.get(at - 1) : null;
    }

    /**
     * A model's checkpoints in the order they came: registered ones by registration time, the unregistered after
     * them as the stream first saw them (a stable sort).
     */
    public static List<String> inOrder(List<String> checkpointsSeen, Function<String, Registration> registrations) {
        List<String> order = new ArrayList<>(checkpointsSeen);
        order.sort(Comparator.comparingLong(c -> {
            Registration r = registrations.apply(c);
            return r == null ? Long.MAX_VALUE : r.registeredAt();
        }));
        return order;
    }

    /**
     * IFL of the checkpoint minus its baseline's, paired by item, with its interval; null below
     * {@link #MIN_PAIRS} items answered by both.
     */
    public Interval difference(PairedDifferences items) {
        return items.n() < MIN_PAIRS ? null : items.interval();
    }

    public boolean regressed(Interval difference) {
        return difference != null && difference.value() < -threshold && difference.high() < 0;
    }
}
