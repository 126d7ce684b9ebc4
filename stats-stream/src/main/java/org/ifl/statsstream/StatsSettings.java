package org.ifl.statsstream;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.ifl.platform.kafka.StreamsStageSettings;

/**
 * The stats-stream service's settings, under {@code ifl.stats.*}: their defaults and what each does are in
 * {@code application-stats.yml}.
 */
@ConfigurationProperties(StatsSettings.PREFIX)
public class StatsSettings extends StreamsStageSettings {
    public static final String PREFIX = "ifl.stats";

    private Duration windowSize;
    private Duration windowAdvance;
    private Duration windowRetention;
    private Duration emitInterval;
    private double alertThreshold;
    /** Model -> baseline checkpoint. */
    private Map<String, String> baselines = new HashMap<>();
    private String advertisedHost;

    public StatsSettings() {
        super("ifl-stats-stream");
    }

    public Duration getWindowSize() {
        return windowSize;
    }

    public void setWindowSize(Duration windowSize) {
        this.windowSize = windowSize;
    }

    public Duration getWindowAdvance() {
        return windowAdvance;
    }

    public void setWindowAdvance(Duration windowAdvance) {
        this.windowAdvance = windowAdvance;
    }

    public Duration getWindowRetention() {
        return windowRetention;
    }

    public void setWindowRetention(Duration windowRetention) {
        this.windowRetention = windowRetention;
    }

    public Duration getEmitInterval() {
        return emitInterval;
    }

    public void setEmitInterval(Duration emitInterval) {
        this.emitInterval = emitInterval;
    }

    public double getAlertThreshold() {
        return alertThreshold;
    }

    public void setAlertThreshold(double alertThreshold) {
        this.alertThreshold = alertThreshold;
    }

    public Map<String, String> getBaselines() {
        return baselines;
    }

    public void setBaselines(Map<String, String> baselines) {
        this.baselines = baselines;
    }

    public String getAdvertisedHost() {
        return advertisedHost;
    }

    public void setAdvertisedHost(String advertisedHost) {
        this.advertisedHost = advertisedHost;
    }
}
