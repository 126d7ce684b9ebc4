package org.ifl.platform.kafka;

import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The settings every Streams stage has (application id, threads, state directory, commit interval, standby
 * replicas), for a stage's configuration class to extend; {@link #applyTo} puts them into the stage's Streams
 * config.
 */
public class StreamsStageSettings {
    private String applicationId;
    /** Stream threads of this instance. */
    private int threads = 1;
    private String stateDir;
    private long commitIntervalMs = 100;
    /** Warm copies of each state store kept on other instances, to take over a lost one's tasks at once. */
    private int standbyReplicas;

    /** @param applicationId the stage's default id, also the name of its default state directory under tmp */
    protected StreamsStageSettings(String applicationId) {
        this.applicationId = applicationId;
        this.stateDir = System.getProperty("java.io.tmpdir") + "/" + applicationId;
    }

    /** {@link StreamsStageConfig#exactlyOnce} with these settings. */
    public Properties streamsConfig(ClusterAccess cluster, String stage) {
        Properties config = StreamsStageConfig.exactlyOnce(applicationId, cluster, stage);
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
        config.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbyReplicas);
        return config;
    }

    public String getApplicationId() {
        return applicationId;
    }

    public void setApplicationId(String applicationId) {
        this.applicationId = applicationId;
    }

    public int getThreads() {
        return threads;
    }

    public void setThreads(int threads) {
        this.threads = threads;
    }

    public String getStateDir() {
        return stateDir;
    }

    public void setStateDir(String stateDir) {
        this.stateDir = stateDir;
    }

    public long getCommitIntervalMs() {
        return commitIntervalMs;
    }

    public void setCommitIntervalMs(long commitIntervalMs) {
        this.commitIntervalMs = commitIntervalMs;
    }

    public int getStandbyReplicas() {
        return standbyReplicas;
    }

    public void setStandbyReplicas(int standbyReplicas) {
        this.standbyReplicas = standbyReplicas;
    }
}
