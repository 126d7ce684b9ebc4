package org.ifl.statsstream;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.Topology;
import org.ifl.schemas.topic.Topics;
import org.ifl.statsstream.internal.alert.AlertPolicy;
import org.ifl.statsstream.internal.cell.HoppingWindows;
import org.ifl.statsstream.topology.StatsTopology;

/** The stats-stream stage as other modules build it: its topology from a few options. */
public final class StatsStage {
    /** The stage's name in dead letters, metrics and the Streams application id. */
    public static final String STAGE = StatsTopology.STAGE;

    private StatsStage() {
    }

    /**
     * What the topology is built with.
     *
     * @param windowSize hopping window size; a whole multiple of {@code windowAdvance}
     * @param windowAdvance hopping window advance
     * @param windowRetention how long windows are kept and updated
     * @param emitInterval how often changed cells are published to {@code eval.stats} (wall clock)
     * @param alertThreshold an alert fires when a checkpoint's IFL is below its baseline's by more than this,
     *     significantly
     * @param baselines model to baseline checkpoint; a model not listed is compared with its previous checkpoint
     */
    public record Options(Duration windowSize, Duration windowAdvance, Duration windowRetention,
            Duration emitInterval, double alertThreshold, Map<String, String> baselines) {
        /** Checked at once, so a bad setting stops start-up with its message. */
        public Options {
            baselines = Map.copyOf(baselines);
            topologyOptions(windowSize, windowAdvance, windowRetention, emitInterval, alertThreshold, baselines);
        }

        /** The service's defaults: 1 h windows every 5 min, kept a day; emitted every second; alerts at 0.05. */
        public static Options defaults() {
            return new Options(Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofDays(1), Duration.ofSeconds(1),
                    0.05, Map.of());
        }

        StatsTopology.Options topology() {
            return topologyOptions(windowSize, windowAdvance, windowRetention, emitInterval, alertThreshold,
                    baselines);
        }

        private static StatsTopology.Options topologyOptions(Duration windowSize, Duration windowAdvance,
                Duration windowRetention, Duration emitInterval, double alertThreshold,
                Map<String, String> baselines) {
            return new StatsTopology.Options(new HoppingWindows(windowSize, windowAdvance, windowRetention),
                    emitInterval, new AlertPolicy(alertThreshold, baselines));
        }
    }

    /** {@code eval.labeled + eval.annotations -> eval.stats, eval.alerts}, with its state stores. */
    public static Topology topology(Topics topics, Options options) {
        return StatsTopology.build(topics, options.topology());
    }

    /** The same, telling {@code answerCounted} of each labeled completion taken into its cell. */
    public static Topology topology(Topics topics, Options options, Runnable answerCounted) {
        return StatsTopology.build(topics, options.topology(), answerCounted);
    }
}
