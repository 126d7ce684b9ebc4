package org.ifl.statsstream.topology;

import static org.ifl.statsstream.SimulatedCompletions.labeled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.ifl.schemas.avro.AccuracyFigures;
import org.ifl.schemas.avro.Alert;
import org.ifl.schemas.avro.AlertState;
import org.ifl.schemas.avro.AlignmentSetting;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.CellStatistics;
import org.ifl.schemas.avro.Completion;
import org.ifl.schemas.avro.Condition;
import org.ifl.schemas.avro.DeadLetter;
import org.ifl.schemas.avro.EntityScores;
import org.ifl.schemas.avro.Estimate;
import org.ifl.schemas.avro.ExpertAnnotation;
import org.ifl.schemas.avro.ExplanationFigures;
import org.ifl.schemas.avro.FidelityScores;
import org.ifl.schemas.avro.LabelStatus;
import org.ifl.schemas.avro.LabeledCompletion;
import org.ifl.schemas.avro.PairKey;
import org.ifl.schemas.avro.PromptPattern;
import org.ifl.schemas.avro.StatsScope;
import org.ifl.schemas.avro.TaskKind;
import org.ifl.schemas.avro.WordLevelStatus;
import org.ifl.statsstream.internal.alert.AlertPolicy;
import org.ifl.statsstream.internal.cell.CellWindow;
import org.ifl.statsstream.internal.cell.HoppingWindows;
import org.ifl.statsstream.internal.stats.Interval;
import org.ifl.statsstream.internal.stats.PairedDifferences;
import org.ifl.statsstream.internal.stats.PairedProportions;
import org.junit.jupiter.api.Test;

class StatsTopologyTest {
    private static final double EPS = 1e-9;
    private static final Instant T0 = Instant.parse("2026-11-23T10:05:00Z");
    private static final StatsTopology.Options OPTIONS = new StatsTopology.Options(
            new HoppingWindows(Duration.ofMinutes(20), Duration.ofMinutes(10), Duration.ofMinutes(30)),
            StatsDriver.EMIT, new AlertPolicy(0.1, Map.of()));
    private static final String CUM = CellWindow.CUMULATIVE_KEY;

    private static PairKey pair(String checkpoint, String item, String language) {
        return new PairKey("run-1", "vlm", checkpoint, "maxm", item, language);
    }

    /** Answers of one item: text, image, image+remedy fidelities (null: that arm never answered). */
    private static void item(StatsDriver d, String checkpoint, String item, Integer text, Integer image,
            Integer remedy, Instant at) {
        PairKey p = pair(checkpoint, item, "de");
        Integer[] f = {text, image, remedy};
        for (Arm arm : Arm.values()) {
            Integer fidelity = f[arm.ordinal()];
            if (fidelity != null) {
                d.send(labeled(p, arm, item + "/" + arm, fidelity, fidelity, LabelStatus.LABELED, at), at);
            }
        }
    }

    @Test
    void pairsArmsByItemIgnoresRepeatsAndPublishesCellAndSummaries() {
        try (StatsDriver d = new StatsDriver("stats-pairing", OPTIONS)) {
            // text, image, remedy per item. Pairs (0-3): d_image = I - T = -1, 0, -1, 0 -> IFL -0.5;
            // R - T = 0, 0, -1, +1 -> IFL_remedy 0; R - I = 1, 0, 0, 1 -> diff 0.5; relative 0.5 / 0.5 = 1.
            item(d, "c1", "i0", 1, 0, 1, T0);
            item(d, "c1", "i1", 1, 1, 1, T0);
            item(d, "c1", "i2", 1, 0, 0, T0);
            item(d, "c1", "i3", 0, 0, 1, T0);
            item(d, "c1", "i4", 1, null, null, T0); // text only: an unpaired leftover
            // A redelivery of i0's image and a second answer to i1's text: both ignored, both counted.
            d.send(labeled(pair("c1", "i0", "de"), Arm.IMAGE, "i0/IMAGE", 1, 1, LabelStatus.LABELED, T0), T0);
            d.send(labeled(pair("c1", "i1", "de"), Arm.TEXT, "i1/TEXT-again", 0, 0, LabelStatus.LABELED, T0), T0);
            // An inference error and an empty answer in another language's cell.
            d.send(labeled(pair("c1", "e0", "fr"), Arm.TEXT, "e0/TEXT", 0, 0, LabelStatus.INFERENCE_ERROR, T0), T0);
            d.send(labeled(pair("c1", "e0", "fr"), Arm.IMAGE, "e0/IMAGE", 0, 0, LabelStatus.EMPTY, T0), T0);
            assertTrue(d.stats.isEmpty(), "nothing is published before the emit interval");
            d.flush();

            CellStatistics de = d.cell("vlm", "c1", "maxm", "de", CUM);
            assertEquals(5, de.getText().getCompletions());
            assertEquals(0.8, de.getText().getFidelity().getValue(), EPS);
            assertEquals(0.25, de.getImage().getFidelity().getValue(), EPS);
            assertEquals(0.75, de.getImageRemedy().getFidelity().getValue(), EPS);
            assertEquals("wilson", de.getText().getFidelity().getMethod());
            assertEquals(4, de.getPairs());
            assertEquals(4, de.getRemedyPairs());
            assertEquals(1, de.getUnpairedText());
            assertEquals(0, de.getUnpairedImage());
            assertEquals(2, de.getDuplicates());
            assertEquals(-0.5, de.getIfl().getValue(), EPS);
            // (image, text) over the 4 pairs: both 1 (i1), image only 0, text only 2 (i0, i2), neither 1 (i3)
            Interval expected = new PairedProportions(1, 0, 2, 1).difference();
            assertEquals(expected.low(), de.getIfl().getLow(), EPS);
            assertEquals(expected.high(), de.getIfl().getHigh(), EPS);
            assertEquals("paired-score", de.getIfl().getMethod(), "fewer than 100 discordant pairs");
            assertEquals(0.0, de.getIflRemedy().getValue(), EPS);
            assertEquals(0.5, de.getDiff().getValue(), EPS);
            assertEquals(1.0, de.getRelative(), EPS);
            assertEquals(-0.5, de.getLineIfl().getValue(), EPS);
            assertEquals(0, de.getDsl().getLabels());
            assertEquals(-0.5, de.getDsl().getIfl().getValue(), EPS, "without labels DSL equals the surrogate");

            CellStatistics fr = d.cell("vlm", "c1", "maxm", "fr", CUM);
            assertEquals(1, fr.getText().getErrors());
            assertEquals(1, fr.getImage().getUndetected());
            assertEquals(0.0, fr.getIfl().getValue(), EPS);
            assertNull(fr.getRelative(), "relative is absent when IFL = 0");

            // Summaries: the unweighted mean of the two cells' IFL (-0.5 and 0) is -0.25; pooled over the
            // 5 pairs it is (-2 + 0) / 5 = -0.4.
            CellStatistics dataset = d.summary("DATASET", "vlm", "c1", "maxm", CUM);
            assertEquals(StatsScope.DATASET, dataset.getScope());
            assertEquals(2, dataset.getCellsAveraged());
            assertEquals(-0.25, dataset.getIfl().getValue(), EPS);
            assertEquals(-0.4, dataset.getPooled().getIfl().getValue(), EPS);
            assertEquals(5, dataset.getPairs());
            CellStatistics checkpoint = d.summary("CHECKPOINT", "vlm", "c1", null, CUM);
            assertNull(checkpoint.getDataset());
            assertEquals(-0.25, checkpoint.getIfl().getValue(), EPS);

            // A redelivery alone changes no figure but the duplicate count; nothing else is republished.
            d.send(labeled(pair("c1", "i3", "de"), Arm.TEXT, "i3/TEXT", 0, 0, LabelStatus.LABELED, T0), T0);
            d.flush();
            assertEquals(3, d.cell("vlm", "c1", "maxm", "de", CUM).getDuplicates());
            assertEquals(-0.5, d.cell("vlm", "c1", "maxm", "de", CUM).getIfl().getValue(), EPS);
        }
    }

    /** A Chinese answer with lid-stream's word-level verdict; line fidelity 0 where it was NOT_JUDGED. */
    private static LabeledCompletion worded(String item, Arm arm, WordLevelStatus words) {
        int line = words == WordLevelStatus.NOT_JUDGED ? 0 : 1;
        LabeledCompletion l = labeled(pair("c1", item, "zh"), arm, item + "/" + arm, line, line, LabelStatus.LABELED,
                T0);
        return LabeledCompletion.newBuilder(l)
                .setScores(FidelityScores.newBuilder(l.getScores()).setWordLevel(words).build()).build();
    }

    @Test
    void theWordLevelPassRateCountsEachArmsAnswersThatPassedLineLevelOnce() {
        try (StatsDriver d = new StatsDriver("stats-word-level", OPTIONS)) {
            d.send(worded("w0", Arm.TEXT, WordLevelStatus.PASS), T0);
            d.send(worded("w0", Arm.IMAGE, WordLevelStatus.CONFUSED), T0);
            d.send(worded("w0", Arm.IMAGE, WordLevelStatus.CONFUSED), T0); // a redelivery: not counted again
            d.send(worded("w1", Arm.TEXT, WordLevelStatus.PASS), T0);
            d.send(worded("w1", Arm.IMAGE, WordLevelStatus.PASS), T0);
            d.send(worded("w2", Arm.TEXT, WordLevelStatus.PASS), T0);
            d.send(worded("w2", Arm.IMAGE, WordLevelStatus.NOT_JUDGED), T0); // failed line level: not judged
            d.flush();

            CellStatistics zh = d.cell("vlm", "c1", "maxm", "zh", CUM);
            assertEquals(1.0, zh.getText().getWordPassRate().getValue(), EPS);
            assertEquals(3, zh.getText().getWordPassRate().getN());
            assertEquals(0.5, zh.getImage().getWordPassRate().getValue(), EPS, "1 of 2 judged");
            assertEquals(2, zh.getImage().getWordPassRate().getN());
            assertEquals(1, zh.getDuplicates());
            assertNull(zh.getImageRemedy().getWordPassRate());
            // the pooled summary of the one cell has the same figures
            assertEquals(0.5, d.summary("DATASET", "vlm", "c1", "maxm", CUM).getPooled().getImage()
                    .getWordPassRate().getValue(), EPS);
        }
    }

    /**
     * An explanation completion as lid-stream labels it: dataset artwork/PATTERN, the item's alignment tag, its
     * entity scores (null: none, as for a failed completion). Output is in the item's language (EN_L, L_L).
     */
    private static LabeledCompletion explanation(String pattern, String language, String item, Arm arm,
            AlignmentSetting alignment, int fidelity, LabelStatus status, EntityScores scores) {
        PairKey p = new PairKey("run-1", "vlm", "c1", "artwork/" + pattern, item, language);
        LabeledCompletion l = labeled(p, arm, item + "/" + arm, fidelity, fidelity, status, T0);
        Completion c = l.getCompletion();
        c.setCondition(Condition.newBuilder(c.getCondition()).setTask(TaskKind.EXPLANATION)
                .setPattern(PromptPattern.valueOf(pattern)).setAlignment(alignment).build());
        return LabeledCompletion.newBuilder(l).setCompletion(c).setEntityScores(scores).build();
    }

    private static EntityScores scores(double exact, double partial, double f1, Double cooccurrence) {
        return new EntityScores(exact, partial, f1, f1, cooccurrence, 8, (int) (exact * 8), (int) (exact * 8));
    }

    private static void explained(StatsDriver d, String pattern, String language, String item, Arm arm,
            AlignmentSetting alignment, EntityScores scores) {
        d.send(explanation(pattern, language, item, arm, alignment, 1, LabelStatus.LABELED, scores), T0);
    }

    private static ExplanationFigures figures(CellStatistics cell, Arm arm, AlignmentSetting setting) {
        return cell.getExplanation().stream().filter(e -> e.getArm() == arm && e.getSetting() == setting)
                .findFirst().orElse(null);
    }

    private static void assertEstimate(double value, Double low, Double high, long n, Estimate e) {
        assertEquals(value, e.getValue(), 1e-6);
        if (low == null) {
            assertNull(e.getLow());
            assertNull(e.getHigh());
        } else {
            assertEquals(low, e.getLow(), 1e-6);
            assertEquals(high, e.getHigh(), 1e-6);
        }
        assertEquals(n, e.getN());
        assertEquals("t", e.getMethod());
    }

    @Test
    void explanationCellsAverageEntityMetricsPerArmAndNestedAlignmentSetting() {
        try (StatsDriver d = new StatsDriver("stats-explanation", OPTIONS)) {
            // de, pattern L_L. Image answers (EC exact, EC partial, EF1, ECooc):
            //   a10 (Alignment-10) 0.75, 0.875, 0.75, 1.0;  a5 (Alignment-5) 0.5, 0.75, 0.5, -;
            //   f (Full, answered in English: fidelity 0, its entities still scored) 0.625, 0.625, 0.5, 0.5;
            //   err (Full) failed: no entity scores.
            // a10 also has a remedy answer 0.5, 0.75, 0.5, 0.25; a second image answer to a10 is a duplicate.
            explained(d, "L_L", "de", "a10", Arm.IMAGE, AlignmentSetting.ALIGNMENT_10,
                    scores(0.75, 0.875, 0.75, 1.0));
            explained(d, "L_L", "de", "a10", Arm.IMAGE_REMEDY, AlignmentSetting.ALIGNMENT_10,
                    scores(0.5, 0.75, 0.5, 0.25));
            explained(d, "L_L", "de", "a5", Arm.IMAGE, AlignmentSetting.ALIGNMENT_5, scores(0.5, 0.75, 0.5, null));
            d.send(explanation("L_L", "de", "f", Arm.IMAGE, AlignmentSetting.FULL, 0, LabelStatus.LABELED,
                    scores(0.625, 0.625, 0.5, 0.5)), T0);
            d.send(explanation("L_L", "de", "err", Arm.IMAGE, AlignmentSetting.FULL, 0,
                    LabelStatus.INFERENCE_ERROR, null), T0);
            LabeledCompletion again = explanation("L_L", "de", "a10", Arm.IMAGE, AlignmentSetting.ALIGNMENT_10, 1,
                    LabelStatus.LABELED, scores(0, 0, 0, 0.0));
            again.getCompletion().setCompletionId("a10/IMAGE-again");
            d.send(again, T0);
            // ja, pattern EN_L: image answers b5a, b5b (Alignment-5) 0.375 and 0.625, bf (Full) 0.5, no ECooc.
            explained(d, "EN_L", "ja", "b5a", Arm.IMAGE, AlignmentSetting.ALIGNMENT_5,
                    scores(0.375, 0.5, 0.25, null));
            explained(d, "EN_L", "ja", "b5b", Arm.IMAGE, AlignmentSetting.ALIGNMENT_5,
                    scores(0.625, 0.5, 0.25, null));
            explained(d, "EN_L", "ja", "bf", Arm.IMAGE, AlignmentSetting.FULL, scores(0.5, 0.5, 0.25, null));
            // The other two cells of the two patterns and two languages, one item each.
            explained(d, "EN_L", "de", "c", Arm.IMAGE, AlignmentSetting.FULL, scores(1.0, 1.0, 1.0, null));
            explained(d, "L_L", "ja", "e", Arm.IMAGE, AlignmentSetting.ALIGNMENT_10,
                    scores(0.0, 0.25, 0.0, 0.0));
            item(d, "c1", "q", 1, 1, null, T0); // a fidelity item in maxm/de
            d.flush();

            CellStatistics deLL = d.cell("vlm", "c1", "artwork/L_L", "de", CUM);
            assertEquals(4, deLL.getImage().getCompletions());
            assertEquals(1, deLL.getDuplicates());
            assertEquals(1, deLL.getImage().getErrors());
            assertEquals(List.of(Arm.IMAGE, Arm.IMAGE, Arm.IMAGE, Arm.IMAGE_REMEDY, Arm.IMAGE_REMEDY,
                    Arm.IMAGE_REMEDY), deLL.getExplanation().stream().map(ExplanationFigures::getArm).toList());

            // Alignment-10: a10 alone; one answer, so no interval.
            ExplanationFigures a10 = figures(deLL, Arm.IMAGE, AlignmentSetting.ALIGNMENT_10);
            assertEquals(1, a10.getAnswers());
            assertEstimate(0.75, null, null, 1, a10.getCoverageExact());
            assertEstimate(1.0, null, null, 1, a10.getCooccurrence());
            // Alignment-5: a10 and a5. EC exact 0.75, 0.5: mean 0.625, sd 0.176777, se 0.125, t(1) = 12.706205,
            // half 1.588276: cut to [0, 1]. EC partial 0.875, 0.75: mean 0.8125, se 0.0625, half 0.794138:
            // [0.018362, 1.606638] cut to [0.018362, 1]. ECooc only where defined: a10's 1.0, n = 1.
            ExplanationFigures a5 = figures(deLL, Arm.IMAGE, AlignmentSetting.ALIGNMENT_5);
            assertEquals(2, a5.getAnswers());
            assertEstimate(0.625, 0.0, 1.0, 2, a5.getCoverageExact());
            assertEstimate(0.8125, 0.018362, 1.0, 2, a5.getCoveragePartial());
            assertEstimate(1.0, null, null, 1, a5.getCooccurrence());
            // Full: a10, a5, f (the failed answer has no scores). EC exact 0.75, 0.5, 0.625: mean 0.625,
            // sd 0.125, se 0.072169, t(2) = 4.302653, half 0.310517: [0.314483, 0.935517]. EC partial 0.875,
            // 0.75, 0.625: mean 0.75, [0.439483, 1.060517] cut to 1. EF1 0.75, 0.5, 0.5: mean 0.583333, sd
            // 0.144338, se 0.083333, half 0.358554: [0.224779, 0.941888]. ECooc 1.0, 0.5: mean 0.75, n 2, cut.
            ExplanationFigures full = figures(deLL, Arm.IMAGE, AlignmentSetting.FULL);
            assertEquals(3, full.getAnswers());
            assertEstimate(0.625, 0.314483, 0.935517, 3, full.getCoverageExact());
            assertEstimate(0.75, 0.439483, 1.0, 3, full.getCoveragePartial());
            assertEstimate(0.583333, 0.224779, 0.941888, 3, full.getF1());
            assertEstimate(0.75, 0.0, 1.0, 2, full.getCooccurrence());
            // The remedy arm: a10's answer in every setting.
            for (AlignmentSetting setting : AlignmentSetting.values()) {
                assertEstimate(0.5, null, null, 1, figures(deLL, Arm.IMAGE_REMEDY, setting).getCoverageExact());
                assertEstimate(0.25, null, null, 1, figures(deLL, Arm.IMAGE_REMEDY, setting).getCooccurrence());
            }

            // ja EN_L: no Alignment-10 item, so no such figures. Alignment-5: 0.375, 0.625, mean 0.5, cut to
            // [0, 1]. Full: 0.375, 0.625, 0.5: mean 0.5, sd 0.125, half 0.310517: [0.189483, 0.810517].
            // ECooc is never defined: absent, with no answers.
            CellStatistics jaENL = d.cell("vlm", "c1", "artwork/EN_L", "ja", CUM);
            assertNull(figures(jaENL, Arm.IMAGE, AlignmentSetting.ALIGNMENT_10));
            assertEstimate(0.5, 0.0, 1.0, 2, figures(jaENL, Arm.IMAGE, AlignmentSetting.ALIGNMENT_5)
                    .getCoverageExact());
            ExplanationFigures jaFull = figures(jaENL, Arm.IMAGE, AlignmentSetting.FULL);
            assertEstimate(0.5, 0.189483, 0.810517, 3, jaFull.getCoverageExact());
            assertNull(jaFull.getCooccurrence());

            assertEquals(1, d.cell("vlm", "c1", "artwork/EN_L", "de", CUM).getExplanation().size(), "Full only");
            assertEquals(3, d.cell("vlm", "c1", "artwork/L_L", "ja", CUM).getExplanation().size(), "all three");
            assertEquals(List.of(), d.cell("vlm", "c1", "maxm", "de", CUM).getExplanation(), "a fidelity cell");
            assertEquals(List.of(), d.summary("DATASET", "vlm", "c1", "artwork/L_L", CUM).getExplanation(),
                    "summaries leave the entity figures out");
        }
    }

    @Test
    void lateAndEarlyExpertLabelsDebiasTheCell() {
        try (StatsDriver d = new StatsDriver("stats-dsl", OPTIONS)) {
            item(d, "c1", "i0", 1, 0, null, T0);
            item(d, "c1", "i1", 1, 1, null, T0);
            item(d, "c1", "i2", 1, 0, null, T0);
            item(d, "c1", "i3", 1, 1, null, T0);
            d.flush();
            CellStatistics before = d.cell("vlm", "c1", "maxm", "de", CUM);
            assertEquals(0.5, before.getDsl().getImage().getValue(), EPS);
            assertEquals(-0.5, before.getDsl().getIfl().getValue(), EPS);

            // An expert says i0's image answer (surrogate 0) was German after all, drawn with pi = 0.5:
            // Y~ = 0 + (1 - 0) / 0.5 = 2. DSL image = (2 + 1 + 0 + 1) / 4 = 1; DSL IFL = mean(1, 0, -1, 0) = 0.
            d.send(annotation("i0", Arm.IMAGE, "i0/IMAGE", "de", 0.5), T0.plusSeconds(60));
            // A label for i5's image before its completion: it waits, then applies (Y = 0 = s, no change to
            // the mean, but it counts).
            d.send(annotation("i5", Arm.IMAGE, "i5/IMAGE", "en", 0.25), T0.plusSeconds(60));
            d.flush();
            CellStatistics after = d.cell("vlm", "c1", "maxm", "de", CUM);
            assertEquals(1, after.getDsl().getLabels());
            assertEquals(1.0, after.getDsl().getImage().getValue(), EPS);
            assertEquals(0.0, after.getDsl().getIfl().getValue(), EPS);
            assertEquals(0.5, after.getImage().getFidelity().getValue(), EPS, "the identifier's figure is kept");
            assertEquals("dsl", after.getDsl().getIfl().getMethod());

            item(d, "c1", "i5", 1, 0, null, T0.plusSeconds(120));
            d.flush();
            CellStatistics withEarly = d.cell("vlm", "c1", "maxm", "de", CUM);
            assertEquals(2, withEarly.getDsl().getLabels());
            assertEquals(1.0 * 4 / 5, withEarly.getDsl().getImage().getValue(), EPS, "(2 + 1 + 0 + 1 + 0) / 5");
        }
    }

    @Test
    void anAnnotationThatLeavesTheLanguageUnclearIsNoFidelityLabel() {
        try (StatsDriver d = new StatsDriver("stats-unclear", OPTIONS)) {
            item(d, "c1", "i0", 1, 0, null, T0);
            item(d, "c1", "i1", 1, 1, null, T0);
            // i0's image (surrogate 0) is first labelled German with pi 0.5: Y~ = 2, DSL image (2 + 1) / 2 = 1.5
            d.send(annotation("i0", Arm.IMAGE, "i0/IMAGE", "de", 0.5), T0.plusSeconds(60));
            d.flush();
            assertEquals(1, d.cell("vlm", "c1", "maxm", "de", CUM).getDsl().getLabels());
            assertEquals(1.5, d.cell("vlm", "c1", "maxm", "de", CUM).getDsl().getImage().getValue(), EPS);
            // then annotated again, the language unclear: that replaces the label, and the answer keeps its
            // surrogate, as if it had not been drawn: DSL image (0 + 1) / 2 = 0.5, DSL IFL mean(-1, 0) = -0.5
            d.send(annotation("i0", Arm.IMAGE, "i0/IMAGE", null, 0.5), T0.plusSeconds(120));
            d.flush();
            CellStatistics cell = d.cell("vlm", "c1", "maxm", "de", CUM);
            assertEquals(0, cell.getDsl().getLabels());
            assertEquals(0.5, cell.getDsl().getImage().getValue(), EPS);
            assertEquals(-0.5, cell.getDsl().getIfl().getValue(), EPS);
            assertTrue(d.deadLetters.isEmpty());
        }
    }

    /** An answer of a German item with fidelity 1 and its reference match ({@code null}: not judged). */
    private static LabeledCompletion matched(String item, Arm arm, Boolean match) {
        LabeledCompletion l = labeled(pair("c1", item, "de"), arm, item + "/" + arm, 1, 1, LabelStatus.LABELED, T0);
        return LabeledCompletion.newBuilder(l).setAnswerMatch(match).build();
    }

    private static ExpertAnnotation correctness(String item, Arm arm, Boolean correct, double pi) {
        return ExpertAnnotation.newBuilder(annotation(item, arm, item + "/" + arm, null, pi)).setCorrect(correct)
                .build();
    }

    @Test
    void referenceMatchesAndCorrectnessLabelsGiveAccuracySurrogateAndDsl() {
        try (StatsDriver d = new StatsDriver("stats-accuracy", OPTIONS)) {
            // (text, image) matches: i0 (1, 0), i1 (1, 1), i2 (0, 0), i3 (1, not judged)
            d.send(matched("i0", Arm.TEXT, true), T0);
            d.send(matched("i0", Arm.IMAGE, false), T0);
            d.send(matched("i1", Arm.TEXT, true), T0);
            d.send(matched("i1", Arm.IMAGE, true), T0);
            d.send(matched("i2", Arm.TEXT, false), T0);
            d.send(matched("i2", Arm.IMAGE, false), T0);
            d.send(matched("i3", Arm.TEXT, true), T0);
            d.send(matched("i3", Arm.IMAGE, null), T0);
            d.flush();
            CellStatistics before = d.cell("vlm", "c1", "maxm", "de", CUM);
            AccuracyFigures surrogate = before.getAccuracy();
            assertEquals(0, surrogate.getLabels());
            assertEquals(0.75, surrogate.getText().getSurrogate().getValue(), EPS, "3 of 4 judged");
            assertEquals(1.0 / 3, surrogate.getImage().getSurrogate().getValue(), EPS, "1 of 3 judged");
            assertEquals(3, surrogate.getImage().getJudged());
            assertEquals("wilson", surrogate.getImage().getSurrogate().getMethod());
            assertNull(surrogate.getText().getDsl(), "no correctness labels");
            // paired over i0-i2: image - text = -1, 0, 0
            assertEquals(-1.0 / 3, surrogate.getDifference().getValue(), EPS);
            assertEquals(new PairedProportions(1, 0, 1, 1).difference().low(), surrogate.getDifference().getLow(),
                    EPS);
            assertNull(surrogate.getDslDifference());

            // An expert finds i0's image answer correct (pi 0.5; s = 0: Y~ = 2) and i2's text answer correct
            // (pi 0.25; s = 0: Y~ = 4), without judging their language; the later of two labels of i1's image
            // stands (wrong, pi 0.5; s = 1: Y~ = 1 - 2 = -1).
            d.send(correctness("i0", Arm.IMAGE, true, 0.5), T0.plusSeconds(60));
            d.send(correctness("i2", Arm.TEXT, true, 0.25), T0.plusSeconds(60));
            d.send(correctness("i1", Arm.IMAGE, true, 0.5), T0.plusSeconds(60));
            d.send(correctness("i1", Arm.IMAGE, false, 0.5), T0.plusSeconds(90));
            d.flush();
            CellStatistics after = d.cell("vlm", "c1", "maxm", "de", CUM);
            AccuracyFigures accuracy = after.getAccuracy();
            assertEquals(3, accuracy.getLabels());
            assertEquals(1, accuracy.getText().getLabels());
            assertEquals(2, accuracy.getImage().getLabels());
            assertEquals(0, after.getDsl().getLabels(), "no language was judged");
            assertEquals(1.0, after.getDsl().getImage().getValue(), EPS, "DSL fidelity keeps the surrogate");
            // text Y~ = 1, 1, 4, 1: mean 7/4; image Y~ = 2, -1, 0, 0: mean 1/4
            assertEquals(1.75, accuracy.getText().getDsl().getValue(), EPS);
            assertEquals(4, accuracy.getText().getDsl().getN());
            assertEquals(0.25, accuracy.getImage().getDsl().getValue(), EPS);
            // image - text per item: 1, -2, -4, -1: mean -1.5 = 0.25 - 1.75; sd^2 = (1 + 4 + 16 + 1 - 9) / 3
            Estimate dsl = accuracy.getDslDifference();
            assertEquals(-1.5, dsl.getValue(), EPS);
            assertEquals(-1.5 + Interval.Z_95 * Math.sqrt(13.0 / 3 / 4), dsl.getHigh(), EPS);
            assertEquals("dsl", dsl.getMethod());
            assertEquals(0.75, accuracy.getText().getSurrogate().getValue(), EPS, "the surrogate is kept");

            // the summaries average the one cell
            CellStatistics dataset = d.summary("DATASET", "vlm", "c1", "maxm", CUM);
            assertEquals(1.75, dataset.getAccuracy().getText().getDsl().getValue(), EPS);
            assertEquals(-1.5, dataset.getPooled().getAccuracy().getDslDifference().getValue(), EPS);
            assertEquals(3, dataset.getAccuracy().getLabels());
        }
    }

    @Test
    void aCellWithoutReferenceMatchesOrCorrectnessLabelsHasNoAccuracy() {
        try (StatsDriver d = new StatsDriver("stats-no-accuracy", OPTIONS)) {
            item(d, "c1", "i0", 1, 0, null, T0);
            d.send(annotation("i0", Arm.IMAGE, "i0/IMAGE", "de", 0.5), T0);
            d.flush();
            assertNull(d.cell("vlm", "c1", "maxm", "de", CUM).getAccuracy());
            assertNull(d.summary("CHECKPOINT", "vlm", "c1", null, CUM).getAccuracy());
        }
    }

    private static ExpertAnnotation annotation(String item, Arm arm, String completionId, String language,
            double pi) {
        return ExpertAnnotation.newBuilder().setCompletionId(completionId).setPair(pair("c1", item, "de"))
                .setArm(arm).setTrueLanguage(language).setSamplingProbability(pi).setAnnotatedAt(T0).build();
    }

    @Test
    void hoppingWindowsHoldThePairsOpenedInThemAndExpireAfterRetention() {
        try (StatsDriver d = new StatsDriver("stats-windows", OPTIONS)) {
            // Windows of 20 min advancing by 10: a pair opened at 10:05 lies in [09:50,10:10) and [10:00,10:20);
            // one opened at 10:15 in [10:00,10:20) and [10:10,10:30).
            item(d, "c1", "a", 1, 0, null, Instant.parse("2026-11-23T10:05:00Z"));
            item(d, "c1", "b", 1, 1, null, Instant.parse("2026-11-23T10:15:00Z"));
            // b's image answer arriving at 10:28 still counts in b's windows (where the pair opened).
            d.flush();
            assertEquals(1, window(d, "09:50", "10:10").getPairs());
            assertEquals(-1.0, window(d, "09:50", "10:10").getIfl().getValue(), EPS);
            assertEquals(2, window(d, "10:00", "10:20").getPairs());
            assertEquals(-0.5, window(d, "10:00", "10:20").getIfl().getValue(), EPS);
            assertEquals(1, window(d, "10:10", "10:30").getPairs());
            assertEquals(0.0, window(d, "10:10", "10:30").getIfl().getValue(), EPS);
            assertEquals(2, d.cell("vlm", "c1", "maxm", "de", CUM).getPairs());

            // Stream time moves to 11:30; a straggler pair stamped 10:05 is counted cumulatively, but its
            // windows ended more than 30 min ago: they are not updated or republished.
            item(d, "c1", "late-clock", 1, 1, null, Instant.parse("2026-11-23T11:30:00Z"));
            d.flush();
            item(d, "c1", "straggler", 0, 0, null, Instant.parse("2026-11-23T10:05:00Z"));
            List<TestRecord<String, CellStatistics>> published = d.flush();
            assertEquals(4, d.cell("vlm", "c1", "maxm", "de", CUM).getPairs());
            assertTrue(published.stream().noneMatch(r -> r.key().contains("2026-11-23T10:")),
                    "expired windows are not republished: " + published.stream().map(TestRecord::key).toList());
            assertEquals(2, window(d, "10:00", "10:20").getPairs());
            assertEquals(1, window(d, "11:30", "11:50").getPairs());
        }
    }

    private static CellStatistics window(StatsDriver d, String from, String to) {
        String key = CellWindow.hopping(Instant.parse("2026-11-23T" + from + ":00Z").toEpochMilli(),
                Instant.parse("2026-11-23T" + to + ":00Z").toEpochMilli()).key();
        CellStatistics s = d.cell("vlm", "c1", "maxm", "de", key);
        assertNotNull(s, "no figures for window " + key + " in " + d.latest.keySet());
        return s;
    }

    @Test
    void anAlertFiresOnceWhenACheckpointRegressesAndResolvesOnceOnRecovery() {
        try (StatsDriver d = new StatsDriver("stats-alerts", OPTIONS)) {
            // Baseline c1: 40 items with text and image both faithful, IFL = 0.
            for (int i = 0; i < 40; i++) {
                item(d, "c1", "i" + i, 1, 1, null, T0);
            }
            d.flush();
            // c2 (the next checkpoint, so c1 is its baseline), the same items: image answers in English for 20 of
            // 40, so d_i = -1 for 20 items and 0 for 20: mean -0.5, sd = sqrt(40 x 0.25 / 39) = 0.506370,
            // half-width 1.96 (t beyond 30 degrees of freedom) x 0.506370 / sqrt(40) = 0.156923.
            for (int i = 0; i < 40; i++) {
                item(d, "c2", "i" + i, 1, i % 2, null, T0);
            }
            d.flush();
            List<Alert> fired = d.alerts.readValuesToList();
            assertEquals(1, fired.size());
            Alert alert = fired.get(0);
            assertEquals(AlertState.FIRING, alert.getState());
            assertEquals("c2", alert.getCheckpoint());
            assertEquals("c1", alert.getBaselineCheckpoint());
            assertEquals("maxm", alert.getDataset());
            assertEquals(List.of("de"), alert.getLanguages());
            assertEquals(-0.5, alert.getDifference().getValue(), EPS);
            assertEquals(-0.5 + 0.156923, alert.getDifference().getHigh(), 1e-6);
            assertEquals(PairedDifferences.T, alert.getDifference().getMethod());
            assertEquals(40, alert.getDifference().getN());

            // More of the same on items c1 answers too: still regressing, no second record.
            for (int i = 40; i < 60; i++) {
                item(d, "c1", "i" + i, 1, 1, null, T0);
                item(d, "c2", "i" + i, 1, i % 2, null, T0);
            }
            d.flush();
            assertTrue(d.alerts.isEmpty(), "an alert fires once, not on every update");

            // Recovery: 600 more items both checkpoints answer alike bring the paired difference to -30/660 = -0.045,
            // within the 0.1 threshold.
            for (int i = 60; i < 660; i++) {
                item(d, "c1", "i" + i, 1, 1, null, T0);
                item(d, "c2", "i" + i, 1, 1, null, T0);
            }
            d.flush();
            List<Alert> resolved = d.alerts.readValuesToList();
            assertEquals(1, resolved.size());
            assertEquals(AlertState.RESOLVED, resolved.get(0).getState());
            assertEquals(alert.getAlertId(), resolved.get(0).getAlertId());
            assertEquals(-30.0 / 660, resolved.get(0).getIfl().getValue(), EPS);
            assertEquals(-30.0 / 660, resolved.get(0).getDifference().getValue(), EPS);
        }
    }

    @Test
    void registrationsOrderCheckpointsAndABaselineThatArrivesLateStillTriggersTheAlert() {
        try (StatsDriver d = new StatsDriver("stats-registered", OPTIONS)) {
            // Registered: c-old before c-new, though the stream sees c-new's answers first.
            d.register("vlm", "c-old", T0.minusSeconds(3600), null);
            d.register("vlm", "c-new", T0, null);
            for (int i = 0; i < 40; i++) {
                item(d, "c-new", "i" + i, 1, 0, null, T0);
            }
            d.flush();
            assertTrue(d.alerts.isEmpty(), "the baseline c-old has no figures yet");
            for (int i = 0; i < 40; i++) {
                item(d, "c-old", "i" + i, 1, 1, null, T0);
            }
            d.flush();
            List<Alert> fired = d.alerts.readValuesToList();
            assertEquals(1, fired.size());
            assertEquals("c-new", fired.get(0).getCheckpoint());
            assertEquals("c-old", fired.get(0).getBaselineCheckpoint());
            assertEquals(-1.0, fired.get(0).getDifference().getValue(), EPS);

            // A registration naming its baseline wins over the order: c-3 is no worse than c-new, the checkpoint
            // before it, but it names c-old, against which it regressed.
            d.register("vlm", "c-3", T0.plusSeconds(3600), "c-old");
            for (int i = 0; i < 40; i++) {
                item(d, "c-3", "i" + i, 1, 0, null, T0);
            }
            d.flush();
            List<Alert> named = d.alerts.readValuesToList();
            assertEquals(1, named.size());
            assertEquals("c-3", named.get(0).getCheckpoint());
            assertEquals("c-old", named.get(0).getBaselineCheckpoint());
        }
    }

    @Test
    void recordsItCannotCountGoToTheDeadLetterTopicAndTheRestGoesOn() {
        try (StatsDriver d = new StatsDriver("stats-dlq", OPTIONS)) {
            PairKey p = pair("c1", "i0", "de");
            var wrongKey = labeled(p, Arm.TEXT, "x/TEXT", 1, 1, LabelStatus.LABELED, T0);
            d.labeled.pipeInput("vlm|c1|maxm|fr", wrongKey, T0);
            d.send(annotation("i0", Arm.TEXT, "i0/TEXT", "de", 0.0), T0);
            item(d, "c1", "i0", 1, 0, null, T0);
            d.flush();
            List<DeadLetter> letters = d.deadLetters.readValuesToList();
            assertEquals(2, letters.size());
            assertTrue(letters.get(0).getReason().contains("keyed 'vlm|c1|maxm|fr'"), letters.get(0).getReason());
            assertTrue(letters.get(1).getReason().contains("samplingProbability 0.0"), letters.get(1).getReason());
            assertEquals(1, d.cell("vlm", "c1", "maxm", "de", CUM).getPairs());
        }
    }
}
