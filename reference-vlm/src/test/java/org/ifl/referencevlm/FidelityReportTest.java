package org.ifl.referencevlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.ifl.referencevlm.EvaluationItem.Split;
import org.ifl.referencevlm.FidelityReport.Group;
import org.ifl.referencevlm.FidelityReport.Judged;
import org.ifl.referencevlm.eval.Arm;
import org.junit.jupiter.api.Test;

/** The paper's figures from hand-made judgements. */
class FidelityReportTest {

    @Test
    void iflRemedyAndDiffPerLanguageAndOnAverage() {
        List<EvaluationItem> de = seen("de", 4);
        List<EvaluationItem> fr = seen("fr", 4);
        List<Judged> judged = new ArrayList<>();
        // de: text 4/4, image 1/4, mean-steered 3/4; fr: text 4/4, image 3/4, mean-steered 3/4
        add(judged, de, Arm.TEXT, 4);
        add(judged, de, Arm.IMAGE, 1);
        add(judged, de, Arm.IMAGE_STEERED_MEAN, 3);
        add(judged, fr, Arm.TEXT, 4);
        add(judged, fr, Arm.IMAGE, 3);
        add(judged, fr, Arm.IMAGE_STEERED_MEAN, 3);
        FidelityReport report = new FidelityReport(judged, List.of(Arm.TEXT, Arm.IMAGE, Arm.IMAGE_STEERED_MEAN));

        assertEquals(0.25, report.fidelity(Group.SEEN, "de", Arm.IMAGE), 1e-12);
        assertEquals(-0.75, report.ifl(Group.SEEN, "de"), 1e-12);
        assertEquals(-0.25, report.iflRemedy(Group.SEEN, "de", Arm.IMAGE_STEERED_MEAN), 1e-12);
        assertEquals(-0.25, report.ifl(Group.SEEN, "fr"), 1e-12);
        assertEquals(-0.5, report.ifl(Group.SEEN, null), 1e-12);
        assertEquals(-0.25, report.iflRemedy(Group.SEEN, null, Arm.IMAGE_STEERED_MEAN), 1e-12);
        assertTrue(Double.isNaN(report.fidelity(Group.HELD_OUT, "de", Arm.TEXT)));
        String table = report.markdownTable(Group.SEEN);
        assertTrue(table.contains("| de | 1.00 | 0.25 | −0.75 | 0.75 | −0.25 | +0.50 |"), table);
        assertTrue(table.contains("| **mean** | 1.00 | 0.50 | −0.50 | 0.75 | −0.25 | +0.25 |"), table);
    }

    @Test
    void wellFormedAndExactSharesPerLanguageAndOnAverage() {
        List<EvaluationItem> de = seen("de", 4);
        List<EvaluationItem> fr = seen("fr", 2);
        List<Judged> judged = new ArrayList<>();
        // de, steered: the expected sentence, another well-formed German sentence, letter soup judged German,
        // English. fr, steered: the expected sentence twice.
        judged.add(new Judged(de.get(0), Arm.IMAGE_STEERED_MEAN, de.get(0).expectedAnswer() + " ", "de", true));
        judged.add(new Judged(de.get(1), Arm.IMAGE_STEERED_MEAN, de.get(0).expectedAnswer(), "de", true));
        judged.add(new Judged(de.get(2), Arm.IMAGE_STEERED_MEAN, "Ich sehe Bildild", "de", false));
        judged.add(new Judged(de.get(3), Arm.IMAGE_STEERED_MEAN, "I can see it.", "en", false));
        for (EvaluationItem item : fr) {
            judged.add(new Judged(item, Arm.IMAGE_STEERED_MEAN, item.expectedAnswer(), "fr", true));
        }
        FidelityReport report = new FidelityReport(judged, List.of(Arm.IMAGE_STEERED_MEAN));

        assertEquals(0.75, report.fidelity(Group.SEEN, "de", Arm.IMAGE_STEERED_MEAN), 1e-12);
        assertEquals(0.5, report.wellFormed(Group.SEEN, "de", Arm.IMAGE_STEERED_MEAN), 1e-12);
        assertEquals(0.25, report.exact(Group.SEEN, "de", Arm.IMAGE_STEERED_MEAN), 1e-12);
        String table = report.markdownForms(Group.SEEN);
        assertTrue(table.contains("| de | 0.50 / 0.25 |"), table);
        assertTrue(table.contains("| fr | 1.00 / 1.00 |"), table);
        // every language weighs the same: (0.50 + 1.00) / 2 and (0.25 + 1.00) / 2
        assertTrue(table.contains("| **mean** | 0.75 / 0.63 |"), table);
    }

    /** The first {@code n} seen items of a language in the standard set. */
    private static List<EvaluationItem> seen(String language, int n) {
        return EvaluationSet.standard().items(language).stream().filter(i -> i.split() == Split.SEEN).limit(n)
                .toList();
    }

    private static void add(List<Judged> judged, List<EvaluationItem> items, Arm arm, int faithful) {
        for (int i = 0; i < items.size(); i++) {
            String language = i < faithful ? items.get(i).expectedLanguage() : "en";
            judged.add(new Judged(items.get(i), arm, "…", language, false));
        }
    }
}
