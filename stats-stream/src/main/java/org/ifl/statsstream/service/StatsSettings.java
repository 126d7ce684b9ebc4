package org.ifl.statsstream.service;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.ifl.platform.kafka.StreamsStageSettings;

/** The stats-stream service's settings, under {@code ifl.stats.*}. */
@ConfigurationProperties(StatsSettings.PREFIX)
public class StatsSettings extends StreamsStageSettings {
    public static final String PREFIX = "ifl.stats";

    /** Hopping windows: size, advance (size must be a whole multiple of it) and how long windows are kept. */
    private Duration windowSize = Duration.ofHours(1);
    private Duration windowAdvance = Duration.ofMinutes(5);
    private Duration windowRetention = Duration.ofDays(1);
    /** How often changed cells are published to eval.stats. */
    private Duration emitInterval = Duration.ofSeconds(1);
    /** An alert fires when a checkpoint's IFL is lower than its baseline's by more than this (and significantly). */
    private double alertThreshold = 0.05;
    /** Model -> baseline checkpoint; a model not listed is compared with its previous checkpoint. */
    private Map<String, String> baselines = new HashMap<>();
    /** Host other instances reach this one's HTTP API at (Streams' application.server). */
    private String advertisedHost = "127.0.0.1";

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
