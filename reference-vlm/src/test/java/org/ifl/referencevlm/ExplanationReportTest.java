package org.ifl.referencevlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ifl.entities.EntityScore;
import org.ifl.entities.PatternGap;
import org.ifl.referencevlm.ExplanationReport.Metric;
import org.ifl.referencevlm.ExplanationReport.Setting;
import org.ifl.referencevlm.data.ExplanationPattern;
import org.junit.jupiter.api.Test;

class ExplanationReportTest {
    private static final Motif SUN = new Motif("sun", Shape.CIRCLE, Colour.YELLOW);
    private static final Motif LAKE = new Motif("lake", Shape.CIRCLE, Colour.BLUE);

    private static ExplanationReport.Scored scored(String id, Setting setting, ExplanationPattern pattern,
            double coverage) {
        Artwork artwork = new Artwork(id, SUN, LAKE, "lind", "paris", "c17", List.of("en", "de"));
        EntityScore score = new EntityScore(5, 5, (int) Math.round(coverage * 5), coverage, coverage, 1.0, coverage,
                4, 0, 0.0);
        return new ExplanationReport.Scored(new ExplanationReport.Item(artwork, "de", pattern, setting), "", score);
    }

    @Test
    void cellsCountAnItemInItsSettingAndTheWiderOnesAndTheGapIsWorkedByHand() {
        List<ExplanationReport.Scored> scored = new ArrayList<>();
        // Two famous artworks (Alignment-10) and two others; EN_EN complete everywhere, L_L short on the others.
        scored.add(scored("a", Setting.ALIGNMENT_10, ExplanationPattern.EN_EN, 1.0));
        scored.add(scored("b", Setting.ALIGNMENT_10, ExplanationPattern.EN_EN, 1.0));
        scored.add(scored("c", Setting.ALIGNMENT_5, ExplanationPattern.EN_EN, 1.0));
        scored.add(scored("d", Setting.FULL, ExplanationPattern.EN_EN, 1.0));
        scored.add(scored("a", Setting.ALIGNMENT_10, ExplanationPattern.L_L, 1.0));
        scored.add(scored("b", Setting.ALIGNMENT_10, ExplanationPattern.L_L, 0.4));
        scored.add(scored("c", Setting.ALIGNMENT_5, ExplanationPattern.L_L, 0.4));
        scored.add(scored("d", Setting.FULL, ExplanationPattern.L_L, 0.4));
        ExplanationReport report = new ExplanationReport(scored);

        Map<String, PatternGap.Cell> full = report.cells(Metric.EC_EXACT, ExplanationPattern.L_L, Setting.FULL);
        // Full: 1, 0.4, 0.4, 0.4: mean 0.55, sd sqrt((0.45^2 + 3 * 0.15^2) / 3) = 0.3, se 0.15
        assertEquals(0.55, full.get("de").mean(), 1e-12);
        assertEquals(0.15, full.get("de").standardError(), 1e-12);
        Map<String, PatternGap.Cell> aligned = report.cells(Metric.EC_EXACT, ExplanationPattern.L_L,
                Setting.ALIGNMENT_10);
        // Alignment-10: 1, 0.4: mean 0.7, sd sqrt(2 * 0.3^2) = 0.424, se 0.3
        assertEquals(0.7, aligned.get("de").mean(), 1e-12);
        assertEquals(0.3, aligned.get("de").standardError(), 1e-12);
        assertEquals(0.6, report.cells(Metric.EC_EXACT, ExplanationPattern.L_L, Setting.ALIGNMENT_5).get("de")
                .mean(), 1e-12, "Alignment-5 holds a, b and c");

        PatternGap gap = report.gap(Metric.EC_EXACT, Setting.FULL);
        assertEquals(0.45, gap.mean(), 1e-12);
        assertEquals(0.45 - 1.959964 * 0.15, gap.low(), 1e-6);
        assertEquals(0.3, report.gap(Metric.EC_EXACT, Setting.ALIGNMENT_10).mean(), 1e-12);
        assertTrue(report.markdown().contains("EC exact EN_EN − L_L (Full): +45.0 [15.6, 74.4] pp averaged over 1 "
                + "languages; above 0 in 1 of 1"), report.markdown());
        // one language cannot be "most": the pattern check says so, naming the figures
        assertTrue(report.patternProblems().stream().anyMatch(p -> p.startsWith("EC exact EN_EN − L_L at Full")),
                report.patternProblems().toString());
    }
}
