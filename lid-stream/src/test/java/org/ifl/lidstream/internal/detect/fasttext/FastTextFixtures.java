package org.ifl.lidstream.internal.detect.fasttext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The models and reference predictions made by {@code src/test/fasttext/make-fixtures.sh} with the fastText CLI,
 * under {@code src/test/resources/fasttext}.
 */
final class FastTextFixtures {
    /** Every fixture model, with the loss it was trained with. */
    static final Map<String, FastTextArgs.Loss> MODELS = Map.of(
            "glot-softmax.bin", FastTextArgs.Loss.SOFTMAX,
            "glot-ova.bin", FastTextArgs.Loss.ONE_VS_ALL,
            "glot-ns.bin", FastTextArgs.Loss.NEGATIVE_SAMPLING,
            "iso-hs.bin", FastTextArgs.Loss.HIERARCHICAL_SOFTMAX,
            "glot-softmax-q.ftz", FastTextArgs.Loss.SOFTMAX,
            "iso-hs-q.ftz", FastTextArgs.Loss.HIERARCHICAL_SOFTMAX,
            "many-softmax-q.ftz", FastTextArgs.Loss.SOFTMAX);

    private static final Map<String, FastTextModel> LOADED = new ConcurrentHashMap<>();

    /** One expected prediction line: fastText's labels and the probabilities it printed. */
    record Expected(List<String> labels, List<Double> probabilities) {
    }

    private FastTextFixtures() {
    }

    static Path dir() {
        try {
            return Path.of(FastTextFixtures.class.getResource("/fasttext/test-lines.txt").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path file(String name) {
        return dir().resolve(name);
    }

    static FastTextModel model(String name) {
        return LOADED.computeIfAbsent(name, n -> {
            try {
                return FastTextModel.load(file(n));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The test lines: split on '\n' only (tabs, \r, \v and \f inside lines are part of them). */
    static List<String> testLines() throws IOException {
        String text = Files.readString(file("test-lines.txt"), StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        if (lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    static List<Expected> expected(String model) throws IOException {
        String base = model.substring(0, model.lastIndexOf('.'));
        String text = Files.readString(file(base + ".expected.tsv"), StandardCharsets.UTF_8);
        List<Expected> rows = new ArrayList<>();
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        lines.remove(lines.size() - 1);
        for (String line : lines) {
            List<String> labels = new ArrayList<>();
            List<Double> probabilities = new ArrayList<>();
            if (!line.isEmpty()) {
                String[] columns = line.split("\t");
                for (int i = 0; i + 1 < columns.length; i += 2) {
                    labels.add(columns[i]);
                    probabilities.add(Double.parseDouble(columns[i + 1]));
                }
            }
            rows.add(new Expected(labels, probabilities));
        }
        return rows;
    }
}
