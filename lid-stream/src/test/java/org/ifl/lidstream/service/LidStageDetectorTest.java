package org.ifl.lidstream.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.ifl.lidstream.detect.LanguageDetector;
import org.junit.jupiter.api.Test;

class LidStageDetectorTest {

    @Test
    void aConfiguredFastTextModelReplacesLingua() {
        LidSettings settings = new LidSettings();
        settings.setFasttextModel(Path.of("src/test/resources/fasttext/glot-softmax.bin").toString());
        LanguageDetector detector = LidStage.detector(settings);
        assertEquals("fasttext:glot-softmax.bin", detector.name());
    }

    @Test
    void aMissingModelFileIsNamedWithItsSetting() {
        LidSettings settings = new LidSettings();
        settings.setFasttextModel("/nowhere/model.bin");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> LidStage.detector(settings));
        assertTrue(e.getMessage().contains("/nowhere/model.bin") && e.getMessage().contains("ifl.lid.fasttext-model"),
                e.getMessage());
    }
}
