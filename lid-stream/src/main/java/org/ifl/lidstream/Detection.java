package org.ifl.lidstream;

/**
 * A detector's verdict before normalisation: its own label (e.g. Lingua's {@code GERMAN}, GlotLID's
 * {@code deu_Latn}), the language code it stands for (ISO 639-1 or 639-3), the script the label names if it
 * names one (ISO 15924, e.g. {@code Latn}; null otherwise), its confidence, and the runner-up.
 */
public record Detection(String rawLabel, String code, String script, double confidence, String runnerUpCode,
        Double runnerUpConfidence) {

    /** Nothing detected: the text has no language the detector can tell. */
    public static Detection none() {
        return new Detection("none", null, null, 0.0, null, null);
    }

    public boolean detected() {
        return code != null;
    }
}
