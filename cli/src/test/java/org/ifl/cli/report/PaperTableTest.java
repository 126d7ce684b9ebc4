package org.ifl.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.ifl.statsstream.FiguresView.AccuracyView;
import org.ifl.statsstream.FiguresView.ArmAccuracyView;
import org.ifl.statsstream.FiguresView.ArmView;
import org.ifl.statsstream.FiguresView.DslView;
import org.ifl.statsstream.FiguresView.EstimateView;
import org.ifl.statsstream.FiguresView;
import org.ifl.statsstream.SummaryView;
import org.junit.jupiter.api.Test;

/**
 * Two datasets of two languages each, worked out by hand; public so that ReportCommandTest serves the same
 * checkpoint over HTTP. artwork/zh has IFL = 0 (no relative), xm3600/ja no interval and no remedy arm, which
 * also leaves the xm3600 and checkpoint averages without an interval (docs/statistics.md, Summaries).
 * artwork/zh and xm3600/ja are partial (fewer answers counted than expected); xm3600/en was replayed, its
 * expected answers unknown, and so are those of xm3600 and of the checkpoint.
 */
public class PaperTableTest {
    public static final String MODEL = "Qwen/Qwen2.5-VL-7B";
    public static final String CHECKPOINT = "step-1200";
    private static final Instant UPDATED = Instant.parse("2026-11-23T18:00:00Z");

    /** The cells in no particular order, as the service may list them. */
    public static List<FiguresView> cells() {
        return List.of(
                cell("xm3600", "ja", 40, 60L, 20, 0.85, 0.6, null, estimate(-0.25, null, null), null, null, null,
                        XM3600_WPR),
                cell("artwork", "zh", 180, 240L, 60, 0.9, 0.9, 0.95, estimate(0.0, -0.08, 0.08),
                        estimate(0.05, -0.02, 0.12), estimate(0.05, -0.03, 0.13), null, ARTWORK_WPR),
                cell("artwork", "de", 120, 120L, 40, 0.95, 0.7, 0.9, estimate(-0.25, -0.384, -0.116),
                        estimate(-0.05, -0.15, 0.05), estimate(0.2, 0.1, 0.3), 0.8, Wpr.NONE),
                cell("xm3600", "en", 30, null, 10, 1.0, 0.9, 1.0, estimate(-0.1, -0.3, 0.1),
                        estimate(0.0, -0.2, 0.2), estimate(0.1, -0.1, 0.3), 1.0, Wpr.NONE));
    }

    /**
     * The word-level pass rates (text, image, image+remedy) of the two non-Latin-script cells; de and en have
     * none. Each dataset's average and pooled rates are its one such cell's; the checkpoint averages the two
     * cells ((1 + 0.95) / 2 = 0.975, (0.75 + 0.5) / 2 = 0.625, 0.9 alone) and pools their answers judged on words
     * (text 60 of 60 and 19 of 20: 79 / 80 = 0.9875; image 36 of 48 and 6 of 12: 42 / 60 = 0.7).
     */
    private static final Wpr ARTWORK_WPR = new Wpr(1.0, 0.75, 0.9);
    private static final Wpr XM3600_WPR = new Wpr(0.95, 0.5, null);

    /** Averages are the unweighted means of the cells above; pooled figures weigh them by pairs. */
    public static SummaryView summary() {
        FiguresView artwork = summary("DATASET", "artwork", 2, 300, 360L, 100, 0.925, 0.8, 0.925,
                estimate(-0.125, -0.2, -0.05), estimate(0.0, -0.06, 0.06), estimate(0.125, 0.06, 0.19), 1.0,
                ARTWORK_WPR, summary("DATASET", "artwork", 1, 300, 360L, 100, 0.92, 0.82, 0.93,
                        estimate(-0.1, -0.16, -0.04), estimate(0.01, -0.05, 0.07), estimate(0.11, 0.05, 0.17), 1.1,
                        ARTWORK_WPR, null));
        FiguresView xm3600 = summary("DATASET", "xm3600", 2, 70, null, 30, 0.925, 0.75, 1.0,
                estimate(-0.175, null, null), estimate(0.0, null, null), estimate(0.1, null, null),
                0.5714285714285714, XM3600_WPR,
                summary("DATASET", "xm3600", 1, 70, null, 30, 0.9, 0.7, 1.0, estimate(-0.2, -0.35, -0.05),
                        estimate(0.0, -0.1, 0.1), estimate(0.1, 0.0, 0.2), 0.5, XM3600_WPR, null));
        FiguresView checkpoint = summary("CHECKPOINT", null, 4, 370, null, 130, 0.925, 0.775, 0.95,
                estimate(-0.15, null, null), estimate(0.0, null, null), estimate(0.12, null, null), 0.8,
                new Wpr(0.975, 0.625, 0.9),
                summary("CHECKPOINT", null, 1, 370, null, 130, 0.915, 0.79, 0.94, estimate(-0.125, -0.18, -0.07),
                        estimate(0.0, -0.04, 0.04), estimate(0.125, 0.07, 0.18), 1.0, new Wpr(0.9875, 0.7, 0.9),
                        null));
        return new SummaryView(MODEL, CHECKPOINT, "cumulative", checkpoint, List.of(artwork, xm3600));
    }

    /** {@link #cells()} and {@link #summary()} as {@code ifl report --format csv} prints them. */
    public static final String EXPECTED_CSV = String.join("\r\n",
            "dataset,language,counted,expected,partial,pairs,F_text,F_image,F_image+remedy,IFL,IFL 95% CI low,"
                    + "IFL 95% CI high,IFL+remedy,IFL+remedy 95% CI low,IFL+remedy 95% CI high,diff,"
                    + "diff 95% CI low,diff 95% CI high,relative,WPR_text,WPR_image,WPR_image+remedy",
            "artwork,de,120,120,false,40,0.95,0.7,0.9,-0.25,-0.384,-0.116,-0.05,-0.15,0.05,0.2,0.1,0.3,0.8,,,",
            "artwork,zh,180,240,true,60,0.9,0.9,0.95,0,-0.08,0.08,0.05,-0.02,0.12,0.05,-0.03,0.13,,1,0.75,0.9",
            "artwork,average,300,360,true,100,0.925,0.8,0.925,-0.125,-0.2,-0.05,0,-0.06,0.06,0.125,0.06,0.19,1,"
                    + "1,0.75,0.9",
            "artwork,pooled,300,360,true,100,0.92,0.82,0.93,-0.1,-0.16,-0.04,0.01,-0.05,0.07,0.11,0.05,0.17,1.1,"
                    + "1,0.75,0.9",
            "xm3600,en,30,,,10,1,0.9,1,-0.1,-0.3,0.1,0,-0.2,0.2,0.1,-0.1,0.3,1,,,",
            "xm3600,ja,40,60,true,20,0.85,0.6,,-0.25,,,,,,,,,,0.95,0.5,",
            "xm3600,average,70,,,30,0.925,0.75,1,-0.175,,,0,,,0.1,,,0.5714285714285714,0.95,0.5,",
            "xm3600,pooled,70,,,30,0.9,0.7,1,-0.2,-0.35,-0.05,0,-0.1,0.1,0.1,0,0.2,0.5,0.95,0.5,",
            "all,average,370,,,130,0.925,0.775,0.95,-0.15,,,0,,,0.12,,,0.8,0.975,0.625,0.9",
            "all,pooled,370,,,130,0.915,0.79,0.94,-0.125,-0.18,-0.07,0,-0.04,0.04,0.125,0.07,0.18,1,0.9875,0.7,0.9",
            "");

    private final PaperTable table = new PaperTable(cells(), summary());

    @Test
    void csvHasFractionsAtFullPrecisionSplitsTheIntervalsAndTheAnswers() {
        assertEquals(EXPECTED_CSV, table.csv());
    }

    @Test
    void markdownHasPercentagePointsDashesForAbsentFiguresAndMarksPartialRows() {
        assertEquals("""
                | dataset | language | answers | pairs | F_text | F_image | F_image+remedy | IFL | IFL 95% CI | IFL+remedy | IFL+remedy 95% CI | diff | diff 95% CI | relative | WPR_text | WPR_image | WPR_image+remedy |
                | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
                | artwork | de | 120 of 120 | 40 | 95.0 | 70.0 | 90.0 | -25.0 | [-38.4, -11.6] | -5.0 | [-15.0, 5.0] | 20.0 | [10.0, 30.0] | 80.0% | – | – | – |
                | artwork | zh | 180 of 240 * | 60 | 90.0 | 90.0 | 95.0 | 0.0 | [-8.0, 8.0] | 5.0 | [-2.0, 12.0] | 5.0 | [-3.0, 13.0] | – | 100.0 | 75.0 | 90.0 |
                | artwork | average | 300 of 360 * | 100 | 92.5 | 80.0 | 92.5 | -12.5 | [-20.0, -5.0] | 0.0 | [-6.0, 6.0] | 12.5 | [6.0, 19.0] | 100.0% | 100.0 | 75.0 | 90.0 |
                | artwork | pooled | 300 of 360 * | 100 | 92.0 | 82.0 | 93.0 | -10.0 | [-16.0, -4.0] | 1.0 | [-5.0, 7.0] | 11.0 | [5.0, 17.0] | 110.0% | 100.0 | 75.0 | 90.0 |
                | xm3600 | en | 30 of unknown | 10 | 100.0 | 90.0 | 100.0 | -10.0 | [-30.0, 10.0] | 0.0 | [-20.0, 20.0] | 10.0 | [-10.0, 30.0] | 100.0% | – | – | – |
                | xm3600 | ja | 40 of 60 * | 20 | 85.0 | 60.0 | – | -25.0 | – | – | – | – | – | – | 95.0 | 50.0 | – |
                | xm3600 | average | 70 of unknown | 30 | 92.5 | 75.0 | 100.0 | -17.5 | – | 0.0 | – | 10.0 | – | 57.1% | 95.0 | 50.0 | – |
                | xm3600 | pooled | 70 of unknown | 30 | 90.0 | 70.0 | 100.0 | -20.0 | [-35.0, -5.0] | 0.0 | [-10.0, 10.0] | 10.0 | [0.0, 20.0] | 50.0% | 95.0 | 50.0 | – |
                | all | average | 370 of unknown | 130 | 92.5 | 77.5 | 95.0 | -15.0 | – | 0.0 | – | 12.0 | – | 80.0% | 97.5 | 62.5 | 90.0 |
                | all | pooled | 370 of unknown | 130 | 91.5 | 79.0 | 94.0 | -12.5 | [-18.0, -7.0] | 0.0 | [-4.0, 4.0] | 12.5 | [7.0, 18.0] | 100.0% | 98.8 | 70.0 | 90.0 |

                \\* partial: fewer answers counted than the published queries expect; its figures are not final. \s
                unknown: no published queries were seen for it (e.g. a replayed run), so the answers it should have \
                cannot be known. \s
                """, table.markdown());
    }

    @Test
    void jsonKeysRowsByColumnNameWithFractionsNullsAndTheAnswers() throws Exception {
        JsonNode rows = new ObjectMapper().readTree(table.json());
        assertEquals(10, rows.size());
        JsonNode de = rows.get(0);
        assertEquals(List.of("dataset", "language", "counted", "expected", "partial", "pairs", "F_text", "F_image",
                "F_image+remedy", "IFL", "IFL 95% CI", "IFL+remedy", "IFL+remedy 95% CI", "diff", "diff 95% CI",
                "relative", "WPR_text", "WPR_image", "WPR_image+remedy"), namesOf(de.fieldNames()));
        assertEquals("artwork", de.get("dataset").asText());
        assertEquals(40, de.get("pairs").asLong());
        assertTrue(de.get("pairs").isIntegralNumber());
        assertEquals(120, de.get("counted").asLong());
        assertEquals(120, de.get("expected").asLong());
        assertTrue(de.get("partial").isBoolean() && !de.get("partial").asBoolean());
        assertEquals(-0.25, de.get("IFL").asDouble());
        assertEquals(-0.384, de.get("IFL 95% CI").get(0).asDouble());
        assertEquals(-0.116, de.get("IFL 95% CI").get(1).asDouble());
        assertEquals(-0.15, de.get("IFL+remedy 95% CI").get(0).asDouble());
        assertEquals(0.3, de.get("diff 95% CI").get(1).asDouble());
        assertTrue(rows.get(1).get("relative").isNull(), "IFL = 0 has no relative");
        assertTrue(rows.get(1).get("partial").asBoolean());
        JsonNode en = rows.get(4);
        assertEquals("en", en.get("language").asText());
        assertTrue(en.get("expected").isNull(), "unknown, not 0");
        assertTrue(en.get("partial").isNull());
        JsonNode ja = rows.get(5);
        assertEquals("ja", ja.get("language").asText());
        assertTrue(ja.get("IFL 95% CI").isNull());
        assertTrue(ja.get("F_image+remedy").isNull());
        assertTrue(ja.get("diff 95% CI").isNull());
        assertEquals(0.5, ja.get("WPR_image").asDouble());
        assertTrue(ja.get("WPR_image+remedy").isNull(), "no remedy arm");
        assertTrue(de.get("WPR_text").isNull(), "German is written in Latin script: no word level");
        assertEquals("all", rows.get(9).get("dataset").asText());
        assertEquals("pooled", rows.get(9).get("language").asText());
    }

    @Test
    void paperOrderListsLanguagesByEnglishNameAsThePapersTablesDo() {
        List<FiguresView> cells = List.of("ur", "de", "zh", "bn", "ar", "es", "en", "he", "hi", "ja", "fr", "ro",
                "ru", "th").stream().map(l -> cell("maxm", l, 3, 3L, 1, 1.0, 1.0, 1.0, estimate(0.0, null, null),
                        null, null, null, Wpr.NONE)).toList();
        SummaryView none = new SummaryView(MODEL, CHECKPOINT, "cumulative", null, List.of());
        assertEquals(List.of("ar", "bn", "zh", "en", "fr", "de", "he", "hi", "ja", "ro", "ru", "es", "th", "ur"),
                new PaperTable(cells, none, PaperTable.LanguageOrder.PAPER).rows().stream().map(PaperTable.Row::language)
                        .toList());
        assertEquals(List.of("ar", "bn", "de", "en", "es", "fr", "he", "hi", "ja", "ro", "ru", "th", "ur", "zh"),
                new PaperTable(cells, none).rows().stream().map(PaperTable.Row::language).toList());
        assertEquals("Korean", PaperTable.englishName("ko"));
        assertEquals("qq", PaperTable.englishName("qq"), "a code the JDK has no name for is its own name");
    }

    @Test
    void titleNamesModelCheckpointAndWindow() {
        assertEquals("IFL of model Qwen/Qwen2.5-VL-7B, checkpoint step-1200, window cumulative (answers counted of "
                + "expected; fidelity and IFL in percentage points; relative = diff / |IFL|; WPR = word-level pass"
                + " rate, non-Latin-script languages only)", table.title());
    }

    @Test
    void csvQuotesFieldsWithCommasAndQuotesAndMarkdownEscapesPipes() {
        PaperTable odd = new PaperTable(
                List.of(cell("say \"hi\", twice", "a|b", 3, 3L, 1, 1.0, 1.0, 1.0, estimate(0.0, null, null),
                        estimate(0.0, null, null), estimate(0.0, null, null), null, Wpr.NONE)),
                new SummaryView(MODEL, CHECKPOINT, "cumulative", null, List.of()));
        assertEquals("\"say \"\"hi\"\", twice\",a|b,3,3,false,1,1,1,1,0,,,0,,,0,,,,,,", odd.csv().split("\r\n")[1]);
        assertTrue(odd.markdown().contains("| say \"hi\", twice | a\\|b | 3 of 3 | 1 |"), odd.markdown());
        assertFalse(odd.markdown().contains("partial"), "no footnote without a partial row");
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

    /**
     * One German cell with expert labels: 3 of the language (DSL fidelities and IFLs) and 2 of correctness; its
     * answers matched against reference answers give the surrogate accuracy. The summary is the same cell's.
     */
    private static PaperTable labelled() {
        DslView dsl = new DslView(3, new EstimateView(0.9, 0.8, 1.0, 40, "dsl"),
                new EstimateView(0.625, 0.5, 0.75, 40, "dsl"), null, new EstimateView(-0.275, -0.4, -0.15, 40, "dsl"),
                null);
        AccuracyView accuracy = new AccuracyView(2,
                new ArmAccuracyView(40, 1, new EstimateView(0.75, 0.6, 0.86, 40, "wilson"),
                        new EstimateView(0.8, 0.65, 0.95, 40, "dsl")),
                new ArmAccuracyView(39, 1, new EstimateView(0.5, 0.35, 0.65, 39, "wilson"),
                        new EstimateView(0.55, 0.4, 0.7, 40, "dsl")),
                new ArmAccuracyView(0, 0, null, null),
                new EstimateView(-0.25, -0.4, -0.1, 39, "paired-score"), null,
                new EstimateView(-0.25, -0.45, -0.05, 40, "dsl"), null);
        FiguresView cell = new FiguresView("CELL", MODEL, CHECKPOINT, "maxm", "de", "cumulative", arm(0.95, null),
                arm(0.7, null), arm(null, null), 40, 0, 0, 0, 0, 0, estimate(-0.25, -0.4, -0.1), null, null, null,
                null, dsl, 1, null, UPDATED, List.of(), 80, 80L, null, accuracy);
        return new PaperTable(List.of(cell), new SummaryView(MODEL, CHECKPOINT, "cumulative", null, List.of()));
    }

    @Test
    void expertLabelsAndReferenceMatchesAddTheDslAndAccuracyColumnsAsValueIntervalAndN() {
        PaperTable table = labelled();
        List<String> names = table.table().columnNames();
        assertEquals(List.of("DSL labels", "DSL F_text", "DSL F_image", "DSL F_image+remedy", "DSL IFL",
                "DSL IFL+remedy", "Acc_text", "Acc_image", "Acc_image+remedy", "Acc image-text",
                "Acc image+remedy-text", "correctness labels", "DSL Acc_text", "DSL Acc_image", "DSL Acc_image+remedy",
                "DSL Acc image-text", "DSL Acc image+remedy-text"), names.subList(names.indexOf("DSL labels"),
                        names.size()));
        String[] de = table.table().displayRows().get(0);
        assertEquals(List.of("3", "90.0 [80.0, 100.0] (40)", "62.5 [50.0, 75.0] (40)", "–",
                "-27.5 [-40.0, -15.0] (40)", "–", "75.0 [60.0, 86.0] (40)", "50.0 [35.0, 65.0] (39)", "–",
                "-25.0 [-40.0, -10.0] (39)", "–", "2", "80.0 [65.0, 95.0] (40)", "55.0 [40.0, 70.0] (40)", "–",
                "-25.0 [-45.0, -5.0] (40)", "–"), List.of(de).subList(names.indexOf("DSL labels"), names.size()));
        assertTrue(table.title().contains("DSL = debiased with the experts' labels"), table.title());

        String[] csv = table.csv().split("\r\n");
        List<String> header = List.of(csv[0].split(",", -1));
        int dslIfl = header.indexOf("DSL IFL");
        assertEquals(List.of("DSL IFL", "DSL IFL low", "DSL IFL high", "DSL IFL n"),
                header.subList(dslIfl, dslIfl + 4));
        assertEquals(List.of("-0.275", "-0.4", "-0.15", "40"), List.of(csv[1].split(",", -1)).subList(dslIfl,
                dslIfl + 4));
    }

    @Test
    void jsonGivesEachDslAndAccuracyFigureAsValueLowHighAndN() throws Exception {
        JsonNode de = new ObjectMapper().readTree(labelled().json()).get(0);
        assertEquals(3, de.get("DSL labels").asLong());
        assertEquals(0.55, de.get("DSL Acc_image").get("value").asDouble());
        assertEquals(0.4, de.get("DSL Acc_image").get("low").asDouble());
        assertEquals(40, de.get("DSL Acc_image").get("n").asLong());
        assertEquals(-0.25, de.get("Acc image-text").get("value").asDouble());
        assertTrue(de.get("Acc_image+remedy").isNull());
    }

    @Test
    void aCheckpointWithoutLabelsOrReferenceMatchesHasNoDslOrAccuracyColumns() {
        List<String> names = table.table().columnNames();
        assertFalse(names.stream().anyMatch(n -> n.startsWith("DSL") || n.startsWith("Acc")), names.toString());
        assertFalse(table.title().contains("DSL"));
    }

    private static List<String> namesOf(Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }

    private static EstimateView estimate(double value, Double low, Double high) {
        return new EstimateView(value, low, high, 0, low == null ? "none" : "paired-normal");
    }

    /** The word-level pass rates of a row's arms, each null where absent. */
    private record Wpr(Double text, Double image, Double imageRemedy) {
        static final Wpr NONE = new Wpr(null, null, null);
    }

    private static ArmView arm(Double fidelity, Double wordPassRate) {
        return new ArmView(0, fidelity == null ? null : new EstimateView(fidelity, null, null, 0, "wilson"), null,
                0, 0, wordPassRate == null ? null : new EstimateView(wordPassRate, null, null, 0, "wilson"));
    }

    private static FiguresView cell(String dataset, String language, long counted, Long expected, long pairs,
            Double fText, Double fImage, Double fImageRemedy, EstimateView ifl, EstimateView iflRemedy,
            EstimateView diff, Double relative, Wpr wpr) {
        return figures("CELL", dataset, language, 1, counted, expected, pairs, fText, fImage, fImageRemedy, ifl,
                iflRemedy, diff, relative, wpr, null);
    }

    private static FiguresView summary(String scope, String dataset, int cellsAveraged, long counted, Long expected,
            long pairs, Double fText, Double fImage, Double fImageRemedy, EstimateView ifl, EstimateView iflRemedy,
            EstimateView diff, Double relative, Wpr wpr, FiguresView pooled) {
        return figures(scope, dataset, null, cellsAveraged, counted, expected, pairs, fText, fImage, fImageRemedy,
                ifl, iflRemedy, diff, relative, wpr, pooled);
    }

    private static FiguresView figures(String scope, String dataset, String language, int cellsAveraged,
            long counted, Long expected, long pairs, Double fText, Double fImage, Double fImageRemedy,
            EstimateView ifl, EstimateView iflRemedy, EstimateView diff, Double relative, Wpr wpr,
            FiguresView pooled) {
        return new FiguresView(scope, MODEL, CHECKPOINT, dataset, language, "cumulative", arm(fText, wpr.text()),
                arm(fImage, wpr.image()), arm(fImageRemedy, wpr.imageRemedy()), pairs,
                fImageRemedy == null ? 0 : pairs, 0, 0, 0, 0, ifl, iflRemedy, diff, relative, null, null,
                cellsAveraged, pooled, UPDATED, List.of(), counted, expected, null, null);
    }
}
