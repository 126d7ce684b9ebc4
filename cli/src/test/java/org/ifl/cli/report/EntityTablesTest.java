package org.ifl.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.ifl.schemas.avro.AlignmentSetting;
import org.ifl.schemas.avro.Arm;
import org.ifl.statsstream.FiguresView.EstimateView;
import org.ifl.statsstream.FiguresView.ExplanationView;
import org.ifl.statsstream.FiguresView;
import org.junit.jupiter.api.Test;

/**
 * Three explanation cells of the artwork suite (de in EN_EN and L_L, ja in EN_L) and a fidelity cell, as the
 * stats service lists them; public so that ReportCommandTest serves the same checkpoint over HTTP.
 */
public class EntityTablesTest {
    public static final String MODEL = "Qwen/Qwen2.5-VL-7B";
    public static final String CHECKPOINT = "step-1300";
    private static final Instant UPDATED = Instant.parse("2026-11-23T18:00:00Z");

    public static List<FiguresView> cells() {
        return List.of(
                cell("artwork/L_L", "de",
                        explanation(Arm.IMAGE, AlignmentSetting.FULL, 12, t(0.25, 0.1, 0.4, 12),
                                t(0.5, 0.375, 0.625, 12), t(0.2, 0.1, 0.3, 12), null)),
                cell("maxm", "de"),
                cell("artwork/EN_EN", "de",
                        explanation(Arm.IMAGE, AlignmentSetting.ALIGNMENT_10, 1, t(0.75, null, null, 1),
                                t(0.875, null, null, 1), t(0.6, null, null, 1), null),
                        explanation(Arm.IMAGE, AlignmentSetting.FULL, 12, t(0.5, 0.4, 0.6, 12),
                                t(0.625, 0.5, 0.75, 12), t(0.45, 0.35, 0.55, 12), t(0.3, 0.1, 0.5, 10))),
                cell("artwork/EN_L", "ja",
                        explanation(Arm.IMAGE, AlignmentSetting.FULL, 8, t(0.375, 0.2, 0.55, 8),
                                t(0.5, 0.3, 0.7, 8), t(0.3, 0.15, 0.45, 8), null),
                        explanation(Arm.IMAGE_REMEDY, AlignmentSetting.FULL, 8, t(0.5, 0.3, 0.7, 8),
                                t(0.625, 0.4, 0.85, 8), t(0.4, 0.2, 0.6, 8), null)));
    }

    private final EntityTables all = new EntityTables(MODEL, CHECKPOINT, "cumulative", cells(),
            EntityTables.Selection.ALL);
    private final EntityTables fullImage = new EntityTables(MODEL, CHECKPOINT, "cumulative", cells(),
            new EntityTables.Selection("artwork", AlignmentSetting.FULL, Arm.IMAGE));

    @Test
    void aTablePerArmSettingAndMetricWithFiguresRowsPerLanguageColumnsPerPattern() {
        // IMAGE: Alignment-10 (EC exact, EC partial, EF1; no ECooc anywhere) and Full (all four);
        // IMAGE_REMEDY: Full (three). The fidelity cell maxm/de has none.
        assertEquals(List.of("IMAGE ALIGNMENT_10 EC exact", "IMAGE ALIGNMENT_10 EC partial", "IMAGE ALIGNMENT_10 EF1",
                "IMAGE FULL EC exact", "IMAGE FULL EC partial", "IMAGE FULL EF1", "IMAGE FULL ECooc",
                "IMAGE_REMEDY FULL EC exact", "IMAGE_REMEDY FULL EC partial", "IMAGE_REMEDY FULL EF1"),
                all.tables().stream().map(t -> t.rows().get(0)).map(r -> r.arm() + " " + r.setting() + " "
                        + r.metric().label()).toList());
        FigureTable<EntityTables.Row> exact = fullImage.tables().get(0);
        assertEquals("EC exact of model Qwen/Qwen2.5-VL-7B, checkpoint step-1300, window cumulative, dataset artwork,"
                + " arm IMAGE, setting FULL (mean [95% t interval] (n), in percentage points)", exact.title());
        assertEquals(List.of("language", "EN_EN", "EN_L", "L_EN", "L_L"), exact.columnNames());
        assertEquals(List.of(
                List.of("de", "50.0 [40.0, 60.0] (12)", "–", "–", "25.0 [10.0, 40.0] (12)"),
                List.of("ja", "–", "37.5 [20.0, 55.0] (8)", "–", "–")),
                exact.displayRows().stream().map(List::of).toList());
        // ECooc has its own n, and only de EN_EN has it.
        FigureTable<EntityTables.Row> cooc = fullImage.tables().get(3);
        assertEquals(List.of(List.of("de", "30.0 [10.0, 50.0] (10)", "–", "–", "–")),
                cooc.displayRows().stream().map(List::of).toList());
        assertEquals(4, fullImage.tables().size());
    }

    @Test
    void theContrastEnEnMinusLlPerTableFromTheCellsIntervals() {
        // de EC exact, n = 12: 0.5 [0.4, 0.6] and 0.25 [0.1, 0.4]: se 0.1 / t(0.975, 11) = 0.1 / 2.201 = 0.0454
        // and 0.15 / 2.201 = 0.0682; difference 0.25 with se sqrt(0.0454^2 + 0.0682^2) = 0.0819, so 0.25 +- 0.161.
        // ECooc has no L_L cell, so no line.
        assertEquals(List.of(
                "EC exact, dataset artwork, arm IMAGE, setting FULL: EN_EN − L_L +25.0 [8.9, 41.1] pp averaged over 1 "
                        + "languages; above 0 in 1 of 1",
                "EC partial, dataset artwork, arm IMAGE, setting FULL: EN_EN − L_L +12.5 [-3.2, 28.2] pp averaged over "
                        + "1 languages; above 0 in 0 of 1",
                "EF1, dataset artwork, arm IMAGE, setting FULL: EN_EN − L_L +25.0 [12.4, 37.6] pp averaged over 1 "
                        + "languages; above 0 in 1 of 1"), fullImage.gapLines());
    }

    @Test
    void oneAnswerHasNoIntervalAndASelectionWithoutFiguresIsEmpty() {
        EntityTables a10 = new EntityTables(MODEL, CHECKPOINT, "cumulative", cells(),
                new EntityTables.Selection(null, AlignmentSetting.ALIGNMENT_10, null));
        assertEquals(List.of("de", "75.0 (1)", "–", "–", "–"), List.of(a10.tables().get(0).displayRows().get(0)));
        assertTrue(new EntityTables(MODEL, CHECKPOINT, "cumulative", cells(),
                new EntityTables.Selection("xm3600", null, null)).isEmpty());
        assertTrue(new EntityTables(MODEL, CHECKPOINT, "cumulative", cells(),
                new EntityTables.Selection(null, AlignmentSetting.ALIGNMENT_5, null)).isEmpty());
    }

    /** {@link #cells()} as {@code ifl report --task explanation --setting FULL --arm IMAGE --format csv}. */
    public static final String EXPECTED_CSV = String.join("\r\n",
            "dataset,arm,setting,metric,language,EN_EN,EN_EN low,EN_EN high,EN_EN n,EN_L,EN_L low,EN_L high,EN_L n,"
                    + "L_EN,L_EN low,L_EN high,L_EN n,L_L,L_L low,L_L high,L_L n",
            "artwork,IMAGE,FULL,EC exact,de,0.5,0.4,0.6,12,,,,,,,,,0.25,0.1,0.4,12",
            "artwork,IMAGE,FULL,EC exact,ja,,,,,0.375,0.2,0.55,8,,,,,,,,",
            "artwork,IMAGE,FULL,EC partial,de,0.625,0.5,0.75,12,,,,,,,,,0.5,0.375,0.625,12",
            "artwork,IMAGE,FULL,EC partial,ja,,,,,0.5,0.3,0.7,8,,,,,,,,",
            "artwork,IMAGE,FULL,EF1,de,0.45,0.35,0.55,12,,,,,,,,,0.2,0.1,0.3,12",
            "artwork,IMAGE,FULL,EF1,ja,,,,,0.3,0.15,0.45,8,,,,,,,,",
            "artwork,IMAGE,FULL,ECooc,de,0.3,0.1,0.5,10,,,,,,,,,,,,",
            "");

    @Test
    void csvHasEveryTableInOneWithFractionsAndEachFigureSplit() {
        assertEquals(EXPECTED_CSV, fullImage.csv());
    }

    @Test
    void markdownHasATableUnderEachTitle() {
        String markdown = fullImage.markdown();
        assertTrue(markdown.startsWith("""
                ### EC exact of model Qwen/Qwen2.5-VL-7B, checkpoint step-1300, window cumulative, dataset artwork, \
                arm IMAGE, setting FULL (mean [95% t interval] (n), in percentage points)

                | language | EN_EN | EN_L | L_EN | L_L |
                | --- | ---: | ---: | ---: | ---: |
                | de | 50.0 [40.0, 60.0] (12) | – | – | 25.0 [10.0, 40.0] (12) |
                | ja | – | 37.5 [20.0, 55.0] (8) | – | – |

                ### EC partial of"""), markdown);
        assertEquals(4, markdown.lines().filter(l -> l.startsWith("### ")).count());
    }

    @Test
    void jsonKeysRowsByColumnWithEachFigureAnObject() throws Exception {
        JsonNode rows = new ObjectMapper().readTree(fullImage.json());
        assertEquals(7, rows.size());
        JsonNode de = rows.get(0);
        assertEquals("EC exact", de.get("metric").asText());
        assertEquals("FULL", de.get("setting").asText());
        assertEquals(0.5, de.get("EN_EN").get("value").asDouble());
        assertEquals(0.4, de.get("EN_EN").get("low").asDouble());
        assertEquals(0.6, de.get("EN_EN").get("high").asDouble());
        assertEquals(12, de.get("EN_EN").get("n").asLong());
        assertTrue(de.get("EN_L").isNull());
    }

    private static EstimateView t(double value, Double low, Double high, long n) {
        return new EstimateView(value, low, high, n, "t");
    }

    private static ExplanationView explanation(Arm arm, AlignmentSetting setting, long answers, EstimateView exact,
            EstimateView partial, EstimateView f1, EstimateView cooccurrence) {
        return new ExplanationView(arm.name(), setting.name(), answers, exact, partial, f1, cooccurrence);
    }

    private static FiguresView cell(String dataset, String language, ExplanationView... explanation) {
        return new FiguresView("CELL", MODEL, CHECKPOINT, dataset, language, "cumulative", null, null, null, 0, 0,
                0, 0, 0, 0, null, null, null, null, null, null, 1, null, UPDATED, List.of(explanation), 0, null,
                null, null);
    }
}
