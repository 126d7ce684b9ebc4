package org.ifl.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.ifl.statsstream.FiguresView.ArmView;
import org.ifl.statsstream.FiguresView.EstimateView;
import org.ifl.statsstream.FiguresView;
import org.ifl.statsstream.SummaryView;
import org.junit.jupiter.api.Test;

/**
 * Two datasets of two languages each, worked out by hand; public so that ReportCommandTest serves the same
 * checkpoint over HTTP. artwork/zh has IFL = 0 (no relative), xm3600/ja no interval and no remedy arm, which
 * also leaves the xm3600 and checkpoint averages without an interval (docs/statistics.md, Summaries).
 */
public class PaperTableTest {
    public static final String MODEL = "Qwen/Qwen2.5-VL-7B";
    public static final String CHECKPOINT = "step-1200";
    private static final Instant UPDATED = Instant.parse("2026-11-23T18:00:00Z");

    /** The cells in no particular order, as the service may list them. */
    public static List<FiguresView> cells() {
        return List.of(
                cell("xm3600", "ja", 20, 0.85, 0.6, null, estimate(-0.25, null, null), null, null, null),
                cell("artwork", "zh", 60, 0.9, 0.9, 0.95, estimate(0.0, -0.08, 0.08), 0.05, 0.05, null),
                cell("artwork", "de", 40, 0.95, 0.7, 0.9, estimate(-0.25, -0.384, -0.116), -0.05, 0.2, 0.8),
                cell("xm3600", "en", 10, 1.0, 0.9, 1.0, estimate(-0.1, -0.3, 0.1), 0.0, 0.1, 1.0));
    }

    /** Averages are the unweighted means of the cells above; pooled figures weigh them by pairs. */
    public static SummaryView summary() {
        FiguresView artwork = summary("DATASET", "artwork", 2, 100, 0.925, 0.8, 0.925,
                estimate(-0.125, -0.2, -0.05), 0.0, 0.125, 1.0,
                summary("DATASET", "artwork", 1, 100, 0.92, 0.82, 0.93, estimate(-0.1, -0.16, -0.04), 0.01, 0.11,
                        1.1, null));
        FiguresView xm3600 = summary("DATASET", "xm3600", 2, 30, 0.925, 0.75, 1.0,
                estimate(-0.175, null, null), 0.0, 0.1, 0.5714285714285714,
                summary("DATASET", "xm3600", 1, 30, 0.9, 0.7, 1.0, estimate(-0.2, -0.35, -0.05), 0.0, 0.1, 0.5,
                        null));
        FiguresView checkpoint = summary("CHECKPOINT", null, 4, 130, 0.925, 0.775, 0.95,
                estimate(-0.15, null, null), 0.0, 0.12, 0.8,
                summary("CHECKPOINT", null, 1, 130, 0.915, 0.79, 0.94, estimate(-0.125, -0.18, -0.07), 0.0, 0.125,
                        1.0, null));
        return new SummaryView(MODEL, CHECKPOINT, "cumulative", checkpoint, List.of(artwork, xm3600));
    }

    /** {@link #cells()} and {@link #summary()} as {@code ifl report --format csv} prints them. */
    public static final String EXPECTED_CSV = String.join("\r\n",
            "dataset,language,pairs,F_text,F_image,F_image+remedy,IFL,IFL 95% CI low,IFL 95% CI high,IFL+remedy,"
                    + "diff,relative",
            "artwork,de,40,0.95,0.7,0.9,-0.25,-0.384,-0.116,-0.05,0.2,0.8",
            "artwork,zh,60,0.9,0.9,0.95,0,-0.08,0.08,0.05,0.05,",
            "artwork,average,100,0.925,0.8,0.925,-0.125,-0.2,-0.05,0,0.125,1",
            "artwork,pooled,100,0.92,0.82,0.93,-0.1,-0.16,-0.04,0.01,0.11,1.1",
            "xm3600,en,10,1,0.9,1,-0.1,-0.3,0.1,0,0.1,1",
            "xm3600,ja,20,0.85,0.6,,-0.25,,,,,",
            "xm3600,average,30,0.925,0.75,1,-0.175,,,0,0.1,0.5714285714285714",
            "xm3600,pooled,30,0.9,0.7,1,-0.2,-0.35,-0.05,0,0.1,0.5",
            "all,average,130,0.925,0.775,0.95,-0.15,,,0,0.12,0.8",
            "all,pooled,130,0.915,0.79,0.94,-0.125,-0.18,-0.07,0,0.125,1",
            "");

    private final PaperTable table = new PaperTable(cells(), summary());

    @Test
    void csvHasFractionsAtFullPrecisionAndSplitsTheInterval() {
        assertEquals(EXPECTED_CSV, table.csv());
    }

    @Test
    void markdownHasPercentagePointsAndDashesForAbsentFigures() {
        assertEquals("""
                | dataset | language | pairs | F_text | F_image | F_image+remedy | IFL | IFL 95% CI | IFL+remedy | diff | relative |
                | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
                | artwork | de | 40 | 95.0 | 70.0 | 90.0 | -25.0 | [-38.4, -11.6] | -5.0 | 20.0 | 80.0% |
                | artwork | zh | 60 | 90.0 | 90.0 | 95.0 | 0.0 | [-8.0, 8.0] | 5.0 | 5.0 | – |
                | artwork | average | 100 | 92.5 | 80.0 | 92.5 | -12.5 | [-20.0, -5.0] | 0.0 | 12.5 | 100.0% |
                | artwork | pooled | 100 | 92.0 | 82.0 | 93.0 | -10.0 | [-16.0, -4.0] | 1.0 | 11.0 | 110.0% |
                | xm3600 | en | 10 | 100.0 | 90.0 | 100.0 | -10.0 | [-30.0, 10.0] | 0.0 | 10.0 | 100.0% |
                | xm3600 | ja | 20 | 85.0 | 60.0 | – | -25.0 | – | – | – | – |
                | xm3600 | average | 30 | 92.5 | 75.0 | 100.0 | -17.5 | – | 0.0 | 10.0 | 57.1% |
                | xm3600 | pooled | 30 | 90.0 | 70.0 | 100.0 | -20.0 | [-35.0, -5.0] | 0.0 | 10.0 | 50.0% |
                | all | average | 130 | 92.5 | 77.5 | 95.0 | -15.0 | – | 0.0 | 12.0 | 80.0% |
                | all | pooled | 130 | 91.5 | 79.0 | 94.0 | -12.5 | [-18.0, -7.0] | 0.0 | 12.5 | 100.0% |
                """, table.markdown());
    }

    @Test
    void jsonKeysRowsByColumnNameWithFractionsAndNulls() throws Exception {
        JsonNode rows = new ObjectMapper().readTree(table.json());
        assertEquals(10, rows.size());
        JsonNode de = rows.get(0);
        assertEquals(List.of("dataset", "language", "pairs", "F_text", "F_image", "F_image+remedy", "IFL",
                "IFL 95% CI", "IFL+remedy", "diff", "relative"), namesOf(de.fieldNames()));
        assertEquals("artwork", de.get("dataset").asText());
        assertEquals(40, de.get("pairs").asLong());
        assertTrue(de.get("pairs").isIntegralNumber());
        assertEquals(-0.25, de.get("IFL").asDouble());
        assertEquals(-0.384, de.get("IFL 95% CI").get(0).asDouble());
        assertEquals(-0.116, de.get("IFL 95% CI").get(1).asDouble());
        assertTrue(rows.get(1).get("relative").isNull(), "IFL = 0 has no relative");
        JsonNode ja = rows.get(5);
        assertEquals("ja", ja.get("language").asText());
        assertTrue(ja.get("IFL 95% CI").isNull());
        assertTrue(ja.get("F_image+remedy").isNull());
        assertEquals("all", rows.get(9).get("dataset").asText());
        assertEquals("pooled", rows.get(9).get("language").asText());
    }

    @Test
    void titleNamesModelCheckpointAndWindow() {
        assertEquals("IFL of model Qwen/Qwen2.5-VL-7B, checkpoint step-1200, window cumulative (fidelity and IFL "
                + "in percentage points, relative = diff / |IFL|)", table.title());
    }

    @Test
    void csvQuotesFieldsWithCommasAndQuotesAndMarkdownEscapesPipes() {
        PaperTable odd = new PaperTable(
                List.of(cell("say \"hi\", twice", "a|b", 1, 1.0, 1.0, 1.0, estimate(0.0, null, null), 0.0, 0.0,
                        null)),
                new SummaryView(MODEL, CHECKPOINT, "cumulative", null, List.of()));
        assertEquals("\"say \"\"hi\"\", twice\",a|b,1,1,1,1,0,,,0,0,", odd.csv().split("\r\n")[1]);
        assertTrue(odd.markdown().contains("| say \"hi\", twice | a\\|b | 1 |"), odd.markdown());
    }

    @Test
    void roundsHalfUpFromTheShortestDecimalAndNeverPrintsMinusZero() {
        assertEquals("-25.3", FigureTable.points(-0.253));
        assertEquals("17.5", FigureTable.points(0.175));
        assertEquals("1.3", FigureTable.points(0.0125));
        assertEquals("0.0", FigureTable.points(-0.0004));
        assertEquals("0.00001", FigureTable.plain(1e-5));
    }

    @Test
    void aDatasetWithoutItsSummaryYetHasNoClosingRows() {
        SummaryView partial = new SummaryView(MODEL, CHECKPOINT, "cumulative", null, List.of());
        List<PaperTable.Row> rows = new PaperTable(cells(), partial).rows();
        assertEquals(List.of("artwork/de", "artwork/zh", "xm3600/en", "xm3600/ja"),
                rows.stream().map(r -> r.dataset() + "/" + r.language()).toList());
    }

    private static List<String> namesOf(Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }

    private static EstimateView estimate(double value, Double low, Double high) {
        return new EstimateView(value, low, high, 0, low == null ? "none" : "paired-normal");
    }

    private static ArmView arm(Double fidelity) {
        return new ArmView(0, fidelity == null ? null : new EstimateView(fidelity, null, null, 0, "wilson"), null,
                0, 0);
    }

    private static FiguresView cell(String dataset, String language, long pairs, Double fText, Double fImage,
            Double fImageRemedy, EstimateView ifl, Double iflRemedy, Double diff, Double relative) {
        return figures("CELL", dataset, language, 1, pairs, fText, fImage, fImageRemedy, ifl, iflRemedy, diff,
                relative, null);
    }

    private static FiguresView summary(String scope, String dataset, int cellsAveraged, long pairs, Double fText,
            Double fImage, Double fImageRemedy, EstimateView ifl, Double iflRemedy, Double diff, Double relative,
            FiguresView pooled) {
        return figures(scope, dataset, null, cellsAveraged, pairs, fText, fImage, fImageRemedy, ifl, iflRemedy,
                diff, relative, pooled);
    }

    private static FiguresView figures(String scope, String dataset, String language, int cellsAveraged,
            long pairs, Double fText, Double fImage, Double fImageRemedy, EstimateView ifl, Double iflRemedy,
            Double diff, Double relative, FiguresView pooled) {
        return new FiguresView(scope, MODEL, CHECKPOINT, dataset, language, "cumulative", arm(fText), arm(fImage),
                arm(fImageRemedy), pairs, fImageRemedy == null ? 0 : pairs, 0, 0, 0, 0, ifl,
                iflRemedy == null ? null : new EstimateView(iflRemedy, null, null, pairs, "paired-normal"),
                diff == null ? null : new EstimateView(diff, null, null, pairs, "paired-normal"), relative, null,
                null, cellsAveraged, pooled, UPDATED, List.of());
    }
}
