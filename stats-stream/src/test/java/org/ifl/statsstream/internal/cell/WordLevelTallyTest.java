package org.ifl.statsstream.internal.cell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.ArmFigures;
import org.ifl.schemas.avro.CellStatistics;
import org.ifl.schemas.avro.Estimate;
import org.ifl.schemas.avro.LabelStatus;
import org.ifl.schemas.avro.WordLevelStatus;
import org.junit.jupiter.api.Test;

/** LCB's word-level pass rate per arm: which answers count, and its Wilson interval worked out by hand. */
class WordLevelTallyTest {
    private static final Instant AT = Instant.parse("2026-12-07T18:00:00Z");

    private static ItemPair item(int i, WordLevelStatus text, WordLevelStatus image) {
        int lineFidelity = image == WordLevelStatus.NOT_JUDGED ? 0 : 1;
        return ItemPair.EMPTY
                .withAnswer(Arm.TEXT, new ArmAnswer(i + "/TEXT", LabelStatus.LABELED, 1, 1, "zh", null, null, text),
                        1_000L)
                .withAnswer(Arm.IMAGE, new ArmAnswer(i + "/IMAGE", LabelStatus.LABELED, lineFidelity, lineFidelity,
                        "zh", null, null, image), 2_000L);
    }

    /**
     * Image arm: PASS, PASS, PASS, CONFUSED, NOT_JUDGED (failed line level) and NOT_SCORED (labeled before word
     * level): 3 passes of 4 judged. Text arm: 6 PASS.
     */
    private static FidelityCell cell() {
        List<WordLevelStatus> image = List.of(WordLevelStatus.PASS, WordLevelStatus.PASS, WordLevelStatus.PASS,
                WordLevelStatus.CONFUSED, WordLevelStatus.NOT_JUDGED, WordLevelStatus.NOT_SCORED);
        FidelityCell cell = FidelityCell.EMPTY;
        for (int i = 0; i < image.size(); i++) {
            cell = cell.plus(item(i, WordLevelStatus.PASS, image.get(i)).contribution());
        }
        return cell;
    }

    @Test
    void onlyAnswersThatPassedLineLevelInANonLatinScriptAreJudgedOnWords() {
        FidelityCell cell = cell();
        assertEquals(6, cell.image().completions());
        assertEquals(4, cell.image().wordJudged());
        assertEquals(3, cell.image().wordPassed());
        assertEquals(6, cell.text().wordJudged());
        assertEquals(6, cell.text().wordPassed());
    }

    /**
     * 3 of 4, z = 1.959964: denominator 1 + z^2/4 = 1.960365, centre (0.75 + z^2/8) / 1.960365 = 0.627527, half
     * width z sqrt(0.75 * 0.25 / 4 + z^2 / 64) / 1.960365 = 0.326885, so [0.300642, 0.954413].
     */
    @Test
    void theWordLevelPassRateHasItsWilsonIntervalInTheCellFigures() {
        CellStatistics figures = CellFigures.cell(new CellKey("m", "c", "maxm", "zh"), CellWindow.CUMULATIVE, cell(),
                AT);
        Estimate image = figures.getImage().getWordPassRate();
        assertEquals(0.75, image.getValue(), 1e-12);
        assertEquals(0.300642, image.getLow(), 1e-6);
        assertEquals(0.954413, image.getHigh(), 1e-6);
        assertEquals(4, image.getN());
        assertEquals("wilson", image.getMethod());
        assertEquals(1.0, figures.getText().getWordPassRate().getValue(), 1e-12);
        assertNull(figures.getImageRemedy().getWordPassRate(), "no answer judged on words: absent, not 0 or 1");
    }

    @Test
    void aLatinScriptCellHasNoWordLevelPassRateAndASummaryAveragesTheCellsThatHaveOne() {
        FidelityCell german = ItemPair.EMPTY.withAnswer(Arm.IMAGE, new ArmAnswer("de/IMAGE", LabelStatus.LABELED, 1,
                1, "de", null, null, WordLevelStatus.NOT_APPLICABLE), 1_000L).contribution();
        assertEquals(0, german.image().wordJudged());
        assertNull(CellFigures.cell(new CellKey("m", "c", "maxm", "de"), CellWindow.CUMULATIVE, german, AT)
                .getImage().getWordPassRate());

        CellStatistics summary = CellFigures.summary("m", "c", "maxm", CellWindow.CUMULATIVE, List.of(cell(), german),
                AT);
        ArmFigures image = summary.getImage();
        assertEquals(0.75, image.getWordPassRate().getValue(), 1e-12, "the mean over the one cell that has it");
        assertEquals(4, image.getWordPassRate().getN());
        assertEquals(0.75, summary.getPooled().getImage().getWordPassRate().getValue(), 1e-12);
    }
}
