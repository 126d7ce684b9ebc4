package org.ifl.lidstream.service;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.util.List;
import org.ifl.lidstream.LinguaDetector;
import org.ifl.platform.kafka.StreamsStageSettings;

/** The lid-stream service's settings, under {@code ifl.lid.*}. */
@ConfigurationProperties(LidSettings.PREFIX)
public class LidSettings extends StreamsStageSettings {
    public static final String PREFIX = "ifl.lid";

    /** ISO 639-1 codes the detector chooses among. */
    private List<String> languages = LinguaDetector.DEFAULT_LANGUAGES;
    /** Completions whose text is larger (UTF-8 bytes) go to the dead-letter topic. */
    private int maxTextBytes = 64 * 1024;
    /** A fastText LID model (GlotLID, lid.176) to use instead of Lingua; null for Lingua. */
    private String fasttextModel;

    public LidSettings() {
        super("ifl-lid-stream");
    }

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

    public String getFasttextModel() {
        return fasttextModel;
    }

    public void setFasttextModel(String fasttextModel) {
        this.fasttextModel = fasttextModel;
    }

}
