package org.ifl.lidstream;


/**
 * The language-identification SPI. Implementations are thread-safe (one instance serves every stream
 * thread) and load their models when built, not on first use. {@link LinguaDetector} is the default.
 */
public interface LanguageDetector {

    Detection detect(String text);

    /** Which detector and model, as recorded on every label (e.g. {@code lingua-1.2.2/high-accuracy}). */
    String name();
}
