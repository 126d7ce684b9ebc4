package org.ifl.lidstream;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.util.List;
import org.ifl.platform.kafka.StreamsStageSettings;

/**
 * The lid-stream service's settings, under {@code ifl.lid.*}: their defaults and what each does are in
 * {@code application-lid.yml}.
 */
@ConfigurationProperties(LidSettings.PREFIX)
public class LidSettings extends StreamsStageSettings {
    public static final String PREFIX = "ifl.lid";

    private List<String> languages;
    private int maxTextBytes;
    /** Blank: Lingua. */
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
