package org.ifl.inferenceworker;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * The serve-model service's settings, under {@code ifl.serve-model.*}: their defaults and what each does are in
 * {@code application-serve-model.yml}.
 */
@ConfigurationProperties(ServeModelSettings.PREFIX)
public class ServeModelSettings extends ReferenceVlmSettings {
    public static final String PREFIX = "ifl.serve-model";

    private String host;
    private int port;
    /** Blank: the backend's model revision. */
    private String modelName;
    private int maxConcurrency;
    private int defaultMaxTokens;
    private int maxRequestBytes;

    /** Where and how the server listens; every problem reported at once. */
    public ChatCompletionsServer.Settings server() {
        return new ChatCompletionsServer.Settings(host, port, modelName == null || modelName.isBlank() ? null
                : modelName, maxConcurrency, defaultMaxTokens, maxRequestBytes);
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public String getModelName() {
        return modelName;
    }

    public void setModelName(String modelName) {
        this.modelName = modelName;
    }

    public int getMaxConcurrency() {
        return maxConcurrency;
    }

    public void setMaxConcurrency(int maxConcurrency) {
        this.maxConcurrency = maxConcurrency;
    }

    public int getDefaultMaxTokens() {
        return defaultMaxTokens;
    }

    public void setDefaultMaxTokens(int defaultMaxTokens) {
        this.defaultMaxTokens = defaultMaxTokens;
    }

    public int getMaxRequestBytes() {
        return maxRequestBytes;
    }

    public void setMaxRequestBytes(int maxRequestBytes) {
        this.maxRequestBytes = maxRequestBytes;
    }
}
