package org.ifl.lidstream;

import java.util.Optional;
import org.ifl.lidstream.internal.label.LanguageNormaliser;

/**
 * A text's language as lid-stream judges a completion's: Lingua over the default languages in play, then the
 * script-first normalisation. For the project's own texts (sample suites, training templates, instructions),
 * which must be judged to be in the language they are filed under, or the pipeline would measure them rather
 * than the model. Lingua's models take seconds and about 1 GB of heap to load: {@link #shared()} loads them
 * once per JVM.
 */
public final class LanguageJudge {
    /** The label of a text with no letters at all (an empty answer). */
    public static final String NONE = LanguageNormaliser.NONE;

    private static LanguageJudge shared;

    private final LinguaDetector lingua;
    private final LanguageNormaliser normaliser;

    /** A judge over {@code lingua} (its languages are the ones in play), normalised as lid-stream does. */
    public LanguageJudge(LinguaDetector lingua) {
        this.lingua = lingua;
        this.normaliser = LanguageNormaliser.withDefaultLatinLanguages();
    }

    public static synchronized LanguageJudge shared() {
        if (shared == null) {
            shared = new LanguageJudge(new LinguaDetector(LinguaDetector.DEFAULT_LANGUAGES));
        }
        return shared;
    }

    /** The normalised label of {@code text}: an ISO 639-1 code, {@code other_latin}, {@code other} or {@code none}. */
    public String language(String text) {
        Detection d = lingua.detect(text);
        return normaliser.normalise(d.code(), d.script(), text);
    }

    /**
     * Empty when both Lingua's own verdict and the normalised label are {@code expected}; otherwise what went
     * wrong, in words: Lingua's verdict with its confidence, the runner-up, the normalised label.
     */
    public Optional<String> mismatch(String expected, String text) {
        Detection d = lingua.detect(text);
        String label = normaliser.normalise(d.code(), d.script(), text);
        if (expected.equals(d.code()) && expected.equals(label)) {
            return Optional.empty();
        }
        return Optional.of(String.format(java.util.Locale.ROOT,
                "Lingua says %s (%.2f, runner-up %s %s), normalised %s", d.code(), d.confidence(), d.runnerUpCode(),
                d.runnerUpConfidence(), label));
    }
}
