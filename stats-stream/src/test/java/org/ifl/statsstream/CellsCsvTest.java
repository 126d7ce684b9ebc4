package org.ifl.statsstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.ifl.schemas.avro.Estimate;
import org.ifl.statsstream.FiguresView.AccuracyView;
import org.ifl.statsstream.FiguresView.ArmAccuracyView;
import org.ifl.statsstream.FiguresView.ArmView;
import org.ifl.statsstream.FiguresView.DslView;
import org.ifl.statsstream.FiguresView.EstimateView;
import org.ifl.statsstream.FiguresView.ExplanationView;
import org.junit.jupiter.api.Test;

class CellsCsvTest {
    private static final Instant UPDATED = Instant.parse("2026-11-23T18:00:00Z");

    private static FiguresView cell(String dataset, List<ExplanationView> explanation) {
        return new FiguresView("CELL", "vlm", "c1", dataset, "de", "cumulative", null, null, null, 0, 0, 0, 0, 0, 0,
                null, null, null, null, null, null, 1, null, UPDATED, explanation, 0, null, null, null);
    }

    private static FiguresView progress(String language, long counted, Long expected) {
        ArmView arm = new ArmView(counted / 3, null, null, 0, 0, null);
        return new FiguresView("CELL", "vlm", "c1", "maxm", language, "cumulative", arm, arm, arm, 0, 0, 0, 0, 0,
                0, null, null, null, null, null, null, 1, null, UPDATED, List.of(), counted, expected, null, null);
    }

    @Test
    void theFidelityCsvSaysCountedOfExpectedAndWhetherTheCellIsPartial() {
        String[] lines = CellsCsv.write(List.of(progress("de", 6, 12L), progress("fr", 12, 12L),
                progress("ja", 4, null))).split("\r\n");
        List<String> header = List.of(lines[0].split(",", -1));
        int counted = header.indexOf("counted");
        assertEquals(List.of("counted", "expected", "partial"), header.subList(counted, counted + 3));
        assertEquals(List.of("6", "12", "true"), List.of(lines[1].split(",", -1)).subList(counted, counted + 3));
        assertEquals(List.of("12", "12", "false"), List.of(lines[2].split(",", -1)).subList(counted, counted + 3));
        assertEquals(List.of("4", "", ""), List.of(lines[3].split(",", -1)).subList(counted, counted + 3),
                "expected unknown: empty, not 0");
    }

    @Test
    void figuresAreRoundedToTwelveSignificantDigitsAndResiduesToZero() {
        assertEquals(0.0, FiguresView.rounded(5.551115123125783E-17));
        assertEquals(0.0, FiguresView.rounded(-4e-13));
        assertEquals("0.0", Double.toString(FiguresView.rounded(-0.0)));
        assertEquals(0.1, FiguresView.rounded(0.1 + 0.2 - 0.2));
        assertEquals(0.333333333333, FiguresView.rounded(1.0 / 3));
        assertEquals(-0.25, FiguresView.rounded(-0.25));
        assertEquals(Double.NaN, FiguresView.rounded(Double.NaN));
        // Where the API's figures are made: every value and bound goes through it.
        EstimateView served = EstimateView.of(new Estimate(-0.30000000000000004, 5.551115123125783E-17,
                0.6000000000000001, 12L, "paired-normal"));
        assertEquals(new EstimateView(-0.3, 0.0, 0.6, 12, "paired-normal"), served);
    }

    @Test
    void theExplanationCsvHasARowPerCellArmAndSettingAndLeavesOtherCellsOut() {
        EstimateView exact = new EstimateView(0.625, 0.314483, 0.935517, 3, "t");
        EstimateView one = new EstimateView(0.75, null, null, 1, "t");
        List<FiguresView> cells = List.of(cell("maxm", List.of()), cell("artwork/L_L", List.of(
                new ExplanationView("IMAGE", "ALIGNMENT_10", 1, one, one, one, null),
                new ExplanationView("IMAGE", "FULL", 3, exact, exact, exact, one))));
        assertEquals(String.join("\r\n",
                "model,checkpoint,dataset,language,window,arm,setting,answers,ec_exact,ec_exact_low,ec_exact_high,"
                        + "ec_exact_method,ec_partial,ec_partial_low,ec_partial_high,ec_partial_method,ef1,ef1_low,"
                        + "ef1_high,ef1_method,ecooc_answers,ecooc,ecooc_low,ecooc_high,ecooc_method,updated_at",
                "vlm,c1,artwork/L_L,de,cumulative,IMAGE,ALIGNMENT_10,1,0.75,,,t,0.75,,,t,0.75,,,t,0,,,,,"
                        + "2026-11-23T18:00:00Z",
                "vlm,c1,artwork/L_L,de,cumulative,IMAGE,FULL,3,0.625,0.314483,0.935517,t,0.625,0.314483,0.935517,t,"
                        + "0.625,0.314483,0.935517,t,1,0.75,,,t,2026-11-23T18:00:00Z",
                ""), CellsCsv.writeExplanation(cells));
    }

    @Test
    void aServiceOlderThanTheExplanationFiguresAnswersWithoutThem() {
        assertEquals(List.of(), cell("maxm", null).explanation());
    }

    @Test
    void textThatASpreadsheetWouldRunAsAFormulaIsWrittenAsTextAndNegativeFiguresStayNumbers() {
        EstimateView negative = new EstimateView(-0.25, -0.5, 0.0, 40, "paired-normal");
        ArmView arm = new ArmView(40, null, null, 0, 0, null);
        FiguresView row = new FiguresView("CELL", "=HYPERLINK(\"http://x\",\"y\")", "+ckpt", "-1,data", "@lang",
                "\twindow", arm, arm, arm, 40, 0, 0, 0, 0, 0, negative, null, null, -0.5, null, null, 1, null,
                UPDATED, List.of(), 120, 120L, null, null);
        String[] lines = CellsCsv.write(List.of(row)).split("\r\n");
        List<String> header = List.of(lines[0].split(",", -1));
        String line = lines[1];
        String text = "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'+ckpt,\"'-1,data\",'@lang,'\twindow,";
        assertTrue(line.startsWith(text + "40,"), line);
        // The quoted fields hold commas: compare the numbers after the last text field.
        List<String> tail = List.of(line.substring(text.length()).split(",", -1));
        List<String> tailHeader = header.subList(header.indexOf("pairs"), header.size());
        assertEquals("-0.25", tail.get(tailHeader.indexOf("ifl")), line);
        assertEquals("-0.5", tail.get(tailHeader.indexOf("ifl_low")), line);
        assertEquals("paired-normal", tail.get(tailHeader.indexOf("ifl_method")), line);
        assertEquals("-0.5", tail.get(tailHeader.indexOf("relative")), line);
        assertEquals("2026-11-23T18:00:00Z", tail.get(tailHeader.indexOf("updated_at")), line);
    }

    @Test
    void eachArmHasItsWordLevelPassRateWithItsIntervalAndNEmptyWhereNoAnswerWasJudgedOnWords() {
        ArmView judged = new ArmView(6, null, null, 0, 0, new EstimateView(0.75, 0.300642, 0.954413, 4, "wilson"));
        ArmView latin = new ArmView(6, null, null, 0, 0, null);
        FiguresView row = new FiguresView("CELL", "vlm", "c1", "maxm", "zh", "cumulative", latin, judged, latin, 6,
                0, 0, 0, 0, 0, null, null, null, null, null, null, 1, null, UPDATED, List.of(), 18, null, null, null);
        String[] lines = CellsCsv.write(List.of(row)).split("\r\n");
        List<String> header = List.of(lines[0].split(",", -1));
        List<String> fields = List.of(lines[1].split(",", -1));
        int image = header.indexOf("wpr_image");
        assertEquals(List.of("f_image_line", "wpr_image", "wpr_image_low", "wpr_image_high", "wpr_image_method",
                "wpr_image_n"), header.subList(image - 1, image + 5));
        assertEquals(List.of("0.75", "0.300642", "0.954413", "wilson", "4"), fields.subList(image, image + 5));
        int text = header.indexOf("wpr_text");
        assertEquals(List.of("", "", "", "", ""), fields.subList(text, text + 5));
    }

    @Test
    void dslFiguresPerArmAndAccuracyHaveColumnsEmptyWhereAbsent() {
        EstimateView surrogate = new EstimateView(0.75, 0.300642, 0.954413, 4, "wilson");
        EstimateView dsl = new EstimateView(1.75, 0.5, 3.0, 4, "dsl");
        ArmAccuracyView text = new ArmAccuracyView(4, 1, surrogate, dsl);
        ArmAccuracyView unjudged = new ArmAccuracyView(0, 0, null, null);
        AccuracyView accuracy = new AccuracyView(1, text, unjudged, unjudged, null, null, null, null);
        DslView dslFigures = new DslView(2, null, dsl, null, null, null);
        ArmView arm = new ArmView(4, null, null, 0, 0, null);
        FiguresView row = new FiguresView("CELL", "vlm", "c1", "maxm", "de", "cumulative", arm, arm, arm, 4, 0,
                0, 0, 0, 0, null, null, null, null, null, dslFigures, 1, null, UPDATED, List.of(), 8, null, null,
                accuracy);
        String[] lines = CellsCsv.write(List.of(row, progress("fr", 4, null))).split("\r\n");
        List<String> header = List.of(lines[0].split(",", -1));
        List<String> fields = List.of(lines[1].split(",", -1));
        int dslImage = header.indexOf("dsl_f_image");
        assertEquals(List.of("1.75", "0.5", "3.0", "dsl"), fields.subList(dslImage, dslImage + 4));
        int accuracyText = header.indexOf("accuracy_text_judged");
        assertEquals(List.of("accuracy_text_judged", "accuracy_text", "accuracy_text_low", "accuracy_text_high",
                "accuracy_text_method", "accuracy_text_labels", "dsl_accuracy_text"),
                header.subList(accuracyText, accuracyText + 7));
        assertEquals(List.of("4", "0.75", "0.300642", "0.954413", "wilson", "1", "1.75"),
                fields.subList(accuracyText, accuracyText + 7));
        assertEquals("1", fields.get(header.indexOf("accuracy_labels")));
        assertEquals("", fields.get(header.indexOf("accuracy_image")), "no answer judged");
        assertEquals("", fields.get(header.indexOf("dsl_accuracy_diff")));
        List<String> withoutAccuracy = List.of(lines[2].split(",", -1));
        assertEquals("", withoutAccuracy.get(header.indexOf("accuracy_labels")));
        assertEquals("", withoutAccuracy.get(header.indexOf("accuracy_text_judged")));
    }

    @Test
    void onlyTheFirstCharacterDecidesWhetherTextIsNeutralised() {
        assertEquals("'=1+2", CellsCsv.neutralised("=1+2"));
        assertEquals("'\rx", CellsCsv.neutralised("\rx"));
        assertEquals("a=1", CellsCsv.neutralised("a=1"));
        assertEquals("llava-7b", CellsCsv.neutralised("llava-7b"));
        assertEquals("", CellsCsv.neutralised(""));
    }
}
