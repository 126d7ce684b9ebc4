package org.ifl.entities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PatternGapTest {

    @Test
    void differencesAndTheirIntervalsWorkedByHand() {
        // de: 0.9 - 0.5 = 0.4, se sqrt(0.03^2 + 0.04^2) = 0.05, interval 0.4 +- 0.098 = [0.302, 0.498]
        // fr: 0.8 - 0.7 = 0.1, se sqrt(0.06^2 + 0.08^2) = 0.10, interval 0.1 +- 0.196 = [-0.096, 0.296]
        // average 0.25, se sqrt(0.05^2 + 0.10^2) / 2 = 0.0559, interval 0.25 +- 0.1096
        PatternGap gap = PatternGap.between(
                Map.of("de", new PatternGap.Cell(0.9, 0.03), "fr", new PatternGap.Cell(0.8, 0.06),
                        "ja", new PatternGap.Cell(1.0, 0.0)),
                Map.of("de", new PatternGap.Cell(0.5, 0.04), "fr", new PatternGap.Cell(0.7, 0.08)));
        assertEquals(2, gap.languages().size(), "ja has no second cell");
        PatternGap.LanguageGap de = gap.languages().get(0);
        assertEquals("de", de.language());
        assertEquals(0.4, de.difference(), 1e-12);
        assertEquals(0.302, de.low(), 1e-3);
        assertEquals(0.498, de.high(), 1e-3);
        assertTrue(de.aboveZero());
        PatternGap.LanguageGap fr = gap.languages().get(1);
        assertEquals(-0.096, fr.low(), 1e-3);
        assertEquals(1, gap.aboveZero());
        assertEquals(0.25, gap.mean(), 1e-12);
        assertEquals(0.25 - 0.1096, gap.low(), 1e-3);
        assertEquals(0.25 + 0.1096, gap.high(), 1e-3);
        assertEquals("+25.0 [14.0, 36.0] pp averaged over 2 languages; above 0 in 1 of 2", gap.describe());
    }

    @Test
    void noSharedLanguageIsSaidSo() {
        PatternGap gap = PatternGap.between(Map.of("de", new PatternGap.Cell(1, 0)), Map.of());
        assertTrue(Double.isNaN(gap.mean()));
        assertEquals("no language has both patterns", gap.describe());
    }
}
