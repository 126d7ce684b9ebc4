package org.ifl.lidstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LidServiceDetectorTest {

    @Test
    void aConfiguredFastTextModelReplacesLingua() {
        LidSettings settings = new LidSettings();
        settings.setFasttextModel(Path.of("src/test/resources/fasttext/glot-softmax.bin").toString());
        LanguageDetector detector = LidService.detector(settings);
        assertEquals("fasttext:glot-softmax.bin", detector.name());
    }

    @Test
    void aMissingModelFileIsNamedWithItsSetting() {
        LidSettings settings = new LidSettings();
        settings.setFasttextModel("/nowhere/model.bin");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> LidService.detector(settings));
        assertTrue(e.getMessage().contains("/nowhere/model.bin") && e.getMessage().contains("ifl.lid.fasttext-model"),
                e.getMessage());
    }
}
