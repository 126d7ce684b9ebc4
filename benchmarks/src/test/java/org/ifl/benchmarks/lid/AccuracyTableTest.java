package org.ifl.benchmarks.lid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ifl.benchmarks.lid.LidBenchmarkResult.Accuracy;
import org.ifl.benchmarks.lid.LidBenchmarkResult.LanguageAccuracy;
import org.junit.jupiter.api.Test;

class AccuracyTableTest {

    @Test
    void countsAccuracyTheMostFrequentWrongLabelAndAverages() {
        AccuracyTable table = new AccuracyTable(List.of("de", "zh", "ur", "fr"));
        for (String label : List.of("de", "de", "de", "en")) {
            table.add("de", label);
        }
        for (String label : List.of("zh", "other_latin", "other_latin", "ja")) {
            table.add("zh", label);
        }
        table.add("ur", "ar");

        Accuracy accuracy = table.summarise(2);

        assertEquals(new LanguageAccuracy("de", 4, 3, 0.75, "en", 1), accuracy.languages().get(0));
        assertEquals(new LanguageAccuracy("zh", 4, 1, 0.25, "other_latin", 2), accuracy.languages().get(1));
        assertEquals(new LanguageAccuracy("ur", 1, 0, 0.0, "ar", 1), accuracy.languages().get(2));
        LanguageAccuracy fr = accuracy.languages().get(3); // no texts: a row, left out of the averages
        assertEquals(0, fr.texts());
        assertTrue(Double.isNaN(fr.accuracy()));
        assertEquals((0.75 + 0.25 + 0.0) / 3, accuracy.macro(), 1e-12);
        assertEquals((0.75 + 0.25) / 2, accuracy.macroWellSampled(), 1e-12);
        assertEquals(4.0 / 9, accuracy.micro(), 1e-12);
    }
}
