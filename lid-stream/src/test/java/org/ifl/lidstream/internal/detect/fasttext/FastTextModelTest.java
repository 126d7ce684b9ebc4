package org.ifl.lidstream.internal.detect.fasttext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The pure-Java predictions against the fastText CLI's own, on models the CLI trained (see make-fixtures.sh). */
class FastTextModelTest {
    /**
     * Relative: fastText prints 6 significant digits (a relative error up to 5e-6); the Java float arithmetic
     * follows fastText's, so nothing else should show.
     */
    static final double TOLERANCE = 1e-5;

    static Stream<String> models() {
        return FastTextFixtures.MODELS.keySet().stream().sorted();
    }

    @ParameterizedTest
    @MethodSource("models")
    void predictsTheSameTopTwoLabelsAndProbabilitiesAsTheFastTextCli(String file) throws IOException {
        FastTextModel model = FastTextFixtures.model(file);
        List<String> lines = FastTextFixtures.testLines();
        List<FastTextFixtures.Expected> expected = FastTextFixtures.expected(file);
        assertEquals(lines.size(), expected.size(), "one reference row per test line");

        List<String> mismatches = new ArrayList<>();
        double largestDifference = 0;
        for (int i = 0; i < lines.size(); i++) {
            List<FastTextModel.Prediction> actual = model.predict(lines.get(i), 2);
            FastTextFixtures.Expected want = expected.get(i);
            List<String> labels = actual.stream().map(FastTextModel.Prediction::label).toList();
            if (!labels.equals(want.labels())) {
                mismatches.add("line " + (i + 1) + " '" + lines.get(i) + "': labels " + labels + ", fastText "
                        + want.labels());
                continue;
            }
            for (int j = 0; j < labels.size(); j++) {
                double difference = Math.abs(actual.get(j).probability() - want.probabilities().get(j))
                        / want.probabilities().get(j);
                largestDifference = Math.max(largestDifference, difference);
                if (difference > TOLERANCE) {
                    mismatches.add("line " + (i + 1) + " '" + lines.get(i) + "': " + labels.get(j) + " "
                            + actual.get(j).probability() + ", fastText " + want.probabilities().get(j));
                }
            }
        }
        assertTrue(mismatches.isEmpty(), file + ": " + mismatches.size() + " mismatch(es):\n"
                + String.join("\n", mismatches));
        assertTrue(largestDifference <= TOLERANCE, file + ": largest relative difference " + largestDifference);
    }

    @ParameterizedTest
    @MethodSource("models")
    void readsTheHeaderArgumentsAndLabels(String file) {
        FastTextModel model = FastTextFixtures.model(file);
        assertEquals(FastTextFixtures.MODELS.get(file), model.loss());
        assertEquals(FastTextModel.VERSION, model.version());
        assertEquals(FastTextArgs.ModelKind.SUPERVISED, model.args().model());
        assertEquals(8, model.args().dim());
        assertEquals(file.endsWith(".ftz"), model.quantized());
        assertEquals(file.startsWith("many"), model.quantizedOutput());
        if (file.startsWith("glot")) {
            assertEquals(List.of("__label__deu_Latn", "__label__eng_Latn", "__label__fra_Latn", "__label__rus_Cyrl",
                    "__label__spa_Latn"), model.labels(), "labels by training count, most frequent first");
        } else if (file.startsWith("iso")) {
            assertEquals(List.of("__label__de", "__label__en", "__label__fr", "__label__ru", "__label__es"),
                    model.labels());
        } else {
            assertEquals(300, model.labels().size());
        }
        if (!file.startsWith("many")) {
            assertEquals(2, model.args().minn());
            assertEquals(4, model.args().maxn());
            assertEquals(2, model.args().wordNgrams());
        }
    }

    @Test
    void newlinesCountAsSpacesAndTheLineEndsWithTheEndOfLineToken() {
        FastTextModel model = FastTextFixtures.model("glot-softmax.bin");
        assertEquals(model.predict("die Katze\nund der Hund", 3), model.predict("die Katze und der Hund", 3));
        assertEquals(model.predict("die Katze\r\n\tund", 3), model.predict("die Katze und", 3));
        // as in fastText, a literal end-of-line token ends the line
        assertEquals(model.predict("die Katze </s> the dog and the cat", 3), model.predict("die Katze", 3));
    }

    @Test
    void returnsUpToKLabelsBestFirstAndHonoursTheThreshold() {
        FastTextModel model = FastTextFixtures.model("glot-softmax.bin");
        List<FastTextModel.Prediction> all = model.predict("la maison et le chat", 10);
        assertEquals(5, all.size(), "k above the label count gives every label");
        for (int i = 1; i < all.size(); i++) {
            assertTrue(all.get(i - 1).probability() >= all.get(i).probability());
        }
        assertEquals(1.0, all.stream().mapToDouble(FastTextModel.Prediction::probability).sum(), 1e-4,
                "softmax: probabilities (each + 1e-5, as fastText) sum to about 1");
        float threshold = (float) all.get(1).probability() - 1e-4f;
        assertEquals(2, model.predict("la maison et le chat", 5, threshold).size());
    }

    @Test
    void loadsFromAStreamAsFromAFile() throws IOException {
        try (InputStream in = Files.newInputStream(FastTextFixtures.file("iso-hs.bin"))) {
            FastTextModel streamed = FastTextModel.read(in, "iso-hs.bin (stream)");
            FastTextModel loaded = FastTextFixtures.model("iso-hs.bin");
            for (String line : FastTextFixtures.testLines()) {
                assertEquals(loaded.predict(line, 3), streamed.predict(line, 3));
            }
            assertEquals("iso-hs.bin (stream)", streamed.source());
        }
    }

    @Test
    void hashesBytesAsSignedCharsLikeFastText() {
        // FNV-1a over int8_t-extended bytes: a byte >= 0x80 enters as 0xFFFFFFxx.
        byte[] ascii = "ab".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int expected = ((0x811C9DC5 ^ 'a') * 16777619 ^ 'b') * 16777619;
        assertEquals(expected, FastTextDictionary.hash(ascii, 0, 2));
        byte[] high = {(byte) 0xC3};
        assertEquals((0x811C9DC5 ^ 0xFFFFFFC3) * 16777619, FastTextDictionary.hash(high, 0, 1));
        assertFalse(FastTextDictionary.hash(high, 0, 1) == (0x811C9DC5 ^ 0xC3) * 16777619);
    }
}
