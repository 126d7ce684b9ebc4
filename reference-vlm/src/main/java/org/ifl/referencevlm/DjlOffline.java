package org.ifl.referencevlm;

/**
 * DJL without downloads: the project's models and PyTorch's native library come from jars and files, never from a
 * model hub. DJL reads the switch when its engine starts, so it is set before the first model is made.
 */
public final class DjlOffline {
    public static final String PROPERTY = "ai.djl.offline";

    private DjlOffline() {
    }

    public static void enable() {
        System.setProperty(PROPERTY, "true");
    }
}
