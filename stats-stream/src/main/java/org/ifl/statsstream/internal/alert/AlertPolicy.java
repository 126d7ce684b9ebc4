package org.ifl.statsstream.internal.alert;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.Map;
import org.ifl.statsstream.internal.stats.Interval;

/**
 * When a checkpoint's IFL counts as a regression against its baseline: its IFL is lower (more loss) than the
 * baseline's by more than {@code threshold}, and the 95% interval of the difference lies below 0. The
 * baseline of a checkpoint is, first found: the model's configured one ({@code baselines}: model to
 * checkpoint), the {@code baselineCheckpoint} its registration on eval.checkpoints names, else the
 * checkpoint before it (by registration time where both are registered, else in the order the stream saw
 * them).
 *
 * <p>The two checkpoints answer independent samples, so the difference's interval is
 * d +- 1.96 sqrt(se_c^2 + se_b^2), each se read off the cell's IFL interval (half its width / 1.96), which for
 * fewer than 100 discordant pairs is the paired score interval: small cells do not alert on a zero-width interval.
 */
public record AlertPolicy(double threshold, Map<String, String> baselines) {
    public static final String METHOD = "independent-normal";
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
        List<String> order = new ArrayList<>(checkpointsSeen);
        // Stable: registered checkpoints by registration time, the unregistered after them as seen.
        order.sort(Comparator.comparingLong(c -> {
            Registration r = registrations.apply(c);
            return r == null ? Long.MAX_VALUE : r.registeredAt();
        }));
        int at = order.indexOf(checkpoint);
        return at > 0 ? order.get(at - 1) : null;
    }

    /** The difference checkpoint - baseline of two IFL estimates; null when either has no interval. */
    public Interval difference(Interval checkpoint, Interval baseline) {
        if (checkpoint == null || baseline == null || checkpoint.low() == null || baseline.low() == null
                || checkpoint.n() < MIN_PAIRS || baseline.n() < MIN_PAIRS) {
            return null;
        }
        double se = Math.hypot(halfWidth(checkpoint), halfWidth(baseline)) / Interval.Z_95;
        double d = checkpoint.value() - baseline.value();
        double half = Interval.Z_95 * se;
        return new Interval(d, d - half, d + half, checkpoint.n() + baseline.n(), METHOD);
    }

    public boolean regressed(Interval difference) {
        return difference != null && difference.value() < -threshold && difference.high() < 0;
    }

    private static double halfWidth(Interval i) {
        return (i.high() - i.low()) / 2;
    }
}
