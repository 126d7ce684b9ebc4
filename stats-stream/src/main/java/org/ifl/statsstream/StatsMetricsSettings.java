package org.ifl.statsstream;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * How stats-stream exports its figures as Prometheus metrics, under {@code ifl.stats.metrics.*}: the default and
 * what it does are in {@code application-stats.yml}, the metrics in docs/metrics.md.
 */
@ConfigurationProperties(StatsMetricsSettings.PREFIX)
public class StatsMetricsSettings {
    public static final String PREFIX = "ifl.stats.metrics";
    public static final String CHECKPOINTS_PER_MODEL = PREFIX + ".checkpoints-per-model";

    private int checkpointsPerModel = 3;

    public int getCheckpointsPerModel() {
        return checkpointsPerModel;
    }

    public void setCheckpointsPerModel(int checkpointsPerModel) {
        if (checkpointsPerModel < 1) {
            throw new IllegalArgumentException(CHECKPOINTS_PER_MODEL + " must be at least 1, not " + checkpointsPerModel);
        }
        this.checkpointsPerModel = checkpointsPerModel;
    }
}
