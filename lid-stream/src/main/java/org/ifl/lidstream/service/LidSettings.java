package org.ifl.lidstream.service;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.util.List;
import org.ifl.lidstream.detect.LinguaDetector;

/** The lid-stream service's settings, under {@code ifl.lid.*}. */
@ConfigurationProperties(LidSettings.PREFIX)
public class LidSettings {
    public static final String PREFIX = "ifl.lid";

    /** ISO 639-1 codes the detector chooses among. */
    private List<String> languages = LinguaDetector.DEFAULT_LANGUAGES;
    /** Completions whose text is larger (UTF-8 bytes) go to the dead-letter topic. */
    private int maxTextBytes = 64 * 1024;
    private String applicationId = "ifl-lid-stream";
    /** Stream threads; they share one detector. */
    private int threads = 1;
    private String stateDir = System.getProperty("java.io.tmpdir") + "/ifl-lid-stream";
    private long commitIntervalMs = 100;
    /** A fastText LID model (GlotLID, lid.176) to use instead of Lingua; null for Lingua. */
    private String fasttextModel;

    public List<String> getLanguages() {
        return languages;
    }

    public void setLanguages(List<String> languages) {
        this.languages = languages;
    }

    public int getMaxTextBytes() {
        return maxTextBytes;
    }

    public void setMaxTextBytes(int maxTextBytes) {
        this.maxTextBytes = maxTextBytes;
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

    public String getFasttextModel() {
        return fasttextModel;
    }

    public void setFasttextModel(String fasttextModel) {
        this.fasttextModel = fasttextModel;
    }

    public long getCommitIntervalMs() {
        return commitIntervalMs;
    }

    public void setCommitIntervalMs(long commitIntervalMs) {
        this.commitIntervalMs = commitIntervalMs;
    }
}
