package org.ifl.lidstream.internal.detect.fasttext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ifl.lidstream.Detection;
import org.ifl.lidstream.LanguageDetector;
import org.ifl.lidstream.internal.label.LanguageNormaliser;
import org.junit.jupiter.api.Test;

class FastTextDetectorTest {
    private static final String GERMAN = "die Katze und der Hund sehen heute das Haus";
    private static final String RUSSIAN = "большой дом и маленькая собака";

    private static FastTextDetector glot() {
        return new FastTextDetector(FastTextFixtures.model("glot-softmax.bin"), "fasttext:glot-softmax.bin");
    }

    @Test
    void isNamedAfterTheModelFile() throws IOException {
        LanguageDetector detector = new FastTextDetector(FastTextFixtures.file("iso-hs.bin"));
        assertEquals("fasttext:iso-hs.bin", detector.name());
    }

    @Test
    void glotLidLabelsGiveAnIso639_3CodeAndAScript() {
        Detection detection = glot().detect(GERMAN);
        List<FastTextModel.Prediction> predictions = FastTextFixtures.model("glot-softmax.bin").predict(GERMAN, 2);

        assertEquals("deu_Latn", detection.rawLabel());
        assertEquals("deu", detection.code());
        assertEquals("Latn", detection.script());
        assertEquals(predictions.get(0).probability(), detection.confidence(), 1e-12);
        assertEquals(FastTextLabel.parse(predictions.get(1).label()).code(), detection.runnerUpCode());
        assertEquals(predictions.get(1).probability(), detection.runnerUpConfidence(), 1e-12);
        assertTrue(detection.confidence() > detection.runnerUpConfidence());
    }

    @Test
    void lid176LabelsGiveACodeAndNoScript() {
        Detection detection = new FastTextDetector(FastTextFixtures.model("iso-hs.bin"), "lid").detect(GERMAN);
        assertEquals("de", detection.rawLabel());
        assertEquals("de", detection.code());
        assertNull(detection.script());
        assertTrue(detection.runnerUpCode() != null && detection.runnerUpCode().length() == 2);
    }

    @Test
    void labelsNormaliseByScriptThenCodeAsForAnyDetector() {
        LanguageNormaliser normaliser = LanguageNormaliser.withDefaultLatinLanguages();
        for (String model : List.of("glot-softmax.bin", "iso-hs.bin", "glot-softmax-q.ftz")) {
            FastTextDetector detector = new FastTextDetector(FastTextFixtures.model(model), model);
            Detection german = detector.detect(GERMAN);
            Detection russian = detector.detect(RUSSIAN);
            assertEquals("de", normaliser.normalise(german.code(), german.script(), GERMAN), model);
            assertEquals("ru", normaliser.normalise(russian.code(), russian.script(), RUSSIAN), model);
        }
    }

    @Test
    void aTextWithoutTokensIsNone() {
        FastTextDetector detector = glot();
        assertEquals(Detection.none(), detector.detect(""));
        assertEquals(Detection.none(), detector.detect(" \t\r\n\u000B\f "));
        assertEquals(Detection.none(), detector.detect(null));
        assertTrue(detector.detect("\u3000").detected(), "only fastText's separators count as blank");
    }

    @Test
    void newlinesCountAsSpaces() {
        FastTextDetector detector = glot();
        assertEquals(detector.detect("die Katze und der Hund"), detector.detect("die Katze\nund der Hund\n"));
    }

    @Test
    void theConfidenceIsAtMostOne() {
        for (String model : FastTextFixtures.MODELS.keySet()) {
            FastTextDetector detector = new FastTextDetector(FastTextFixtures.model(model), model);
            for (String text : List.of(GERMAN, RUSSIAN, "zu vivi", "ge ro rorovi na na")) {
                Detection detection = detector.detect(text);
                assertTrue(detection.confidence() <= 1.0 && detection.confidence() > 0, model + ": " + detection);
            }
        }
    }

    @Test
    void servesManyThreadsAtOnce() throws Exception {
        FastTextDetector detector = glot();
        List<String> lines = FastTextFixtures.testLines();
        List<Detection> sequential = lines.stream().map(detector::detect).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<Detection>>> runs = new java.util.ArrayList<>();
            for (int t = 0; t < 16; t++) {
                runs.add(pool.submit(() -> lines.stream().map(detector::detect).toList()));
            }
            for (Future<List<Detection>> run : runs) {
                assertEquals(sequential, run.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertFalse(sequential.isEmpty());
    }
}
