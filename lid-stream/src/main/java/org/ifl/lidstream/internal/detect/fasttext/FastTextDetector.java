package org.ifl.lidstream.internal.detect.fasttext;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.ifl.lidstream.Detection;
import org.ifl.lidstream.LanguageDetector;

/**
 * Language identification with a fastText supervised model the user has, e.g. GlotLID's {@code model.bin}
 * ({@code __label__deu_Latn}: code {@code deu}, script {@code Latn}) or fastText's {@code lid.176.bin} /
 * {@code lid.176.ftz} ({@code __label__de}: code {@code de}, no script), read and run by {@link FastTextModel} in
 * pure Java. The model is loaded once, when built; {@link #detect} is thread-safe.
 * <p>
 * The text's newlines count as spaces (one line, as GlotLID's users feed fastText); the confidence is the
 * probability fastText reports, at most 1; the runner-up is fastText's second label. A text without any token
 * (empty, or only whitespace) is {@link Detection#none()}. Labels are normalised afterwards by
 * {@link org.ifl.lidstream.internal.label.LanguageNormaliser}, like any detector's.
 */
public final class FastTextDetector implements LanguageDetector {
    private final FastTextModel model;
    private final String name;

    /** Loads the model file; named {@code fasttext:<file name>}. */
    public FastTextDetector(Path modelFile) throws IOException {
        this(FastTextModel.load(modelFile), "fasttext:" + modelFile.getFileName());
    }

    /** A loaded model, under the given {@link #name()} (e.g. {@code fasttext:glotlid-v3}). */
    public FastTextDetector(FastTextModel model, String name) {
        this.model = model;
        this.name = name;
    }

    @Override
    public Detection detect(String text) {
        if (text == null || !hasToken(text)) {
            return Detection.none();
        }
        List<FastTextModel.Prediction> predictions = model.predict(text, 2);
        if (predictions.isEmpty()) {
            return Detection.none();
        }
        FastTextModel.Prediction best = predictions.get(0);
        FastTextLabel label = FastTextLabel.parse(best.label());
        if (label.code() == null) {
            return Detection.none();
        }
        FastTextModel.Prediction second = predictions.size() > 1 ? predictions.get(1) : null;
        return new Detection(label.raw(), label.code(), label.script(), confidence(best),
                second == null ? null : FastTextLabel.parse(second.label()).code(),
                second == null ? null : confidence(second));
    }

    private static double confidence(FastTextModel.Prediction prediction) {
        return Math.min(1.0, prediction.probability());
    }

    /** Whether anything is left once fastText's separators (space, \n, \r, \t, \v, \f, NUL) are taken out. */
    private static boolean hasToken(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80 || !FastTextDictionary.isSeparator((byte) c)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String name() {
        return name;
    }

    public FastTextModel model() {
        return model;
    }
}
