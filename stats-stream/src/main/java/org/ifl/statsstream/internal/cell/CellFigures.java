package org.ifl.statsstream.internal.cell;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.ifl.schemas.avro.AccuracyFigures;
import org.ifl.schemas.avro.AlignmentSetting;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.ArmAccuracy;
import org.ifl.schemas.avro.ArmFigures;
import org.ifl.schemas.avro.CellStatistics;
import org.ifl.schemas.avro.DslFigures;
import org.ifl.schemas.avro.Estimate;
import org.ifl.schemas.avro.ExplanationFigures;
import org.ifl.schemas.avro.StatsScope;
import org.ifl.statsstream.internal.stats.Interval;
import org.ifl.statsstream.internal.stats.Moments;
import org.ifl.statsstream.internal.stats.Summaries;
import org.ifl.statsstream.internal.stats.TInterval;

/**
 * The published figures of a cell, and of a summary over cells: the unweighted mean of the cells' figures
 * (each language counts once, as in the paper's tables) with the pooled figures of all their pairs beside it.
 */
public final class CellFigures {
    private CellFigures() {
    }

    public static CellStatistics cell(CellKey cell, CellWindow window, FidelityCell tally, Instant updatedAt) {
        return figures(StatsScope.CELL, cell.model(), cell.checkpoint(), cell.dataset(), cell.language(), window,
                tally, updatedAt);
    }

    /**
     * A DATASET summary (dataset given) or a CHECKPOINT summary (dataset null) over {@code cells}. Its relative
     * figure is diff / |IFL| of the averaged diff and IFL, not an average of the cells' ratios (which a cell
     * with IFL near 0 would dominate).
     */
    public static CellStatistics summary(String model, String checkpoint, String dataset, CellWindow window,
            List<FidelityCell> cells, Instant updatedAt) {
        return summary(model, checkpoint, dataset, window, cells, cells.stream().map(CellEstimates::of).toList(),
                updatedAt);
    }

    /** {@link #summary(String, String, String, CellWindow, List, Instant)} with each cell's estimates given. */
    public static CellStatistics summary(String model, String checkpoint, String dataset, CellWindow window,
            List<FidelityCell> cells, List<CellEstimates> estimates, Instant updatedAt) {
        StatsScope scope = dataset == null ? StatsScope.CHECKPOINT : StatsScope.DATASET;
        FidelityCell pooledTally = cells.stream().reduce(FidelityCell.EMPTY, FidelityCell::plus);
        CellStatistics pooled = figures(scope, model, checkpoint, dataset, null, window, pooledTally, updatedAt);
        Interval ifl = mean(estimates, CellEstimates::ifl);
        Interval diff = mean(estimates, CellEstimates::diff);
        CellStatistics.Builder summary = CellStatistics.newBuilder(pooled)
                .setText(meanArm(pooledTally, estimates, Arm.TEXT))
                .setImage(meanArm(pooledTally, estimates, Arm.IMAGE))
                .setImageRemedy(meanArm(pooledTally, estimates, Arm.IMAGE_REMEDY))
                .setIfl(estimate(ifl))
                .setIflRemedy(estimate(mean(estimates, CellEstimates::iflRemedy)))
                .setDiff(estimate(diff))
                .setRelative(Summaries.relative(diff == null ? null : diff.value(), ifl == null ? null : ifl.value()))
                .setLineIfl(estimate(mean(estimates, CellEstimates::lineIfl)))
                .setDsl(new DslFigures(pooledTally.labels(),
                        estimate(mean(estimates, c -> c.text().dslFidelity())),
                        estimate(mean(estimates, c -> c.image().dslFidelity())),
                        estimate(mean(estimates, c -> c.imageRemedy().dslFidelity())),
                        estimate(mean(estimates, CellEstimates::dslIfl)),
                        estimate(mean(estimates, CellEstimates::dslIflRemedy))))
                .setAccuracy(pooledTally.hasAccuracy() ? meanAccuracy(pooledTally, estimates) : null)
                .setCellsAveraged(cells.size())
                .setPooled(pooled);
        return summary.build();
    }

    private static CellStatistics figures(StatsScope scope, String model, String checkpoint, String dataset,
            String language, CellWindow window, FidelityCell t, Instant updatedAt) {
        return CellStatistics.newBuilder()
                .setScope(scope)
                .setModel(model)
                .setCheckpoint(checkpoint)
                .setDataset(dataset)
                .setLanguage(language)
                .setWindow(window.toAvro())
                .setText(arm(t.text()))
                .setImage(arm(t.image()))
                .setImageRemedy(arm(t.imageRemedy()))
                .setPairs(t.ifl().n())
                .setRemedyPairs(t.iflRemedy().n())
                .setUnpairedText(t.unpairedText())
                .setUnpairedImage(t.unpairedImage())
                .setUnpairedImageRemedy(t.unpairedImageRemedy())
                .setIfl(estimate(t.iflEstimate()))
                .setIflRemedy(estimate(t.iflRemedyEstimate()))
                .setDiff(estimate(t.diffEstimate()))
                .setRelative(t.relative())
                .setDuplicates(t.duplicates())
                .setLineIfl(estimate(t.lineIflEstimate()))
                .setDsl(new DslFigures(t.labels(), estimate(t.text().dslFidelity()),
                        estimate(t.image().dslFidelity()), estimate(t.imageRemedy().dslFidelity()),
                        estimate(t.dslIflEstimate()), estimate(t.dslIflRemedyEstimate())))
                .setAccuracy(t.hasAccuracy() ? accuracy(t) : null)
                .setCellsAveraged(1)
                .setPooled(null)
                .setUpdatedAt(updatedAt)
                .setExplanation(scope == StatsScope.CELL ? explanation(t) : List.of())
                .build();
    }

    private static AccuracyFigures accuracy(FidelityCell t) {
        return new AccuracyFigures(t.correctnessLabels(), armAccuracy(t.text().accuracy()),
                armAccuracy(t.image().accuracy()), armAccuracy(t.imageRemedy().accuracy()),
                estimate(t.accuracyDifferenceEstimate()), estimate(t.accuracyDifferenceRemedyEstimate()),
                estimate(t.dslAccuracyDifferenceEstimate()), estimate(t.dslAccuracyDifferenceRemedyEstimate()));
    }

    private static ArmAccuracy armAccuracy(AccuracyTally a) {
        return new ArmAccuracy(a.judged(), a.labels(), estimate(a.surrogate()), estimate(a.dsl()));
    }

    /** The accuracy counts over all the cells (their pooled tally) with the unweighted means of the estimates. */
    private static AccuracyFigures meanAccuracy(FidelityCell pooled, List<CellEstimates> cells) {
        return new AccuracyFigures(pooled.correctnessLabels(), meanArmAccuracy(pooled, cells, Arm.TEXT),
                meanArmAccuracy(pooled, cells, Arm.IMAGE), meanArmAccuracy(pooled, cells, Arm.IMAGE_REMEDY),
                estimate(mean(cells, CellEstimates::accuracyDifference)),
                estimate(mean(cells, CellEstimates::accuracyDifferenceRemedy)),
                estimate(mean(cells, CellEstimates::dslAccuracyDifference)),
                estimate(mean(cells, CellEstimates::dslAccuracyDifferenceRemedy)));
    }

    private static ArmAccuracy meanArmAccuracy(FidelityCell pooled, List<CellEstimates> cells, Arm arm) {
        AccuracyTally total = pooled.arm(arm).accuracy();
        return new ArmAccuracy(total.judged(), total.labels(), estimate(mean(cells, c -> c.arm(arm).accuracy())),
                estimate(mean(cells, c -> c.arm(arm).dslAccuracy())));
    }

    /**
     * The entity metrics of each arm and alignment setting that has answers with entity scores, each mean with
     * its t interval (cut to [0, 1]). Summaries leave them out: the paper's entity tables are per language and
     * pattern, which is what a cell of an explanation suite is.
     */
    static List<ExplanationFigures> explanation(FidelityCell t) {
        List<ExplanationFigures> figures = new ArrayList<>();
        for (Arm arm : Arm.values()) {
            ExplanationTally tally = t.arm(arm).explanation();
            for (AlignmentSetting setting : AlignmentSetting.values()) {
                EntityMoments m = tally.in(setting);
                if (m.answers() > 0) {
                    figures.add(new ExplanationFigures(arm, setting, m.answers(), share(m.coverageExact()),
                            share(m.coveragePartial()), share(m.f1()), share(m.cooccurrence())));
                }
            }
        }
        return figures;
    }

    /** An entity metric's mean with its t interval, cut to [0, 1] where every metric lies. */
    private static Estimate share(Moments values) {
        return estimate(TInterval.of(values, 0, 1));
    }

    private static ArmFigures arm(ArmTally a) {
        return new ArmFigures(a.completions(), estimate(a.fidelity()), estimate(a.lineFidelity()), a.errors(),
                a.undetected(), estimate(a.wordPassRate()));
    }

    /**
     * An arm's counts over all the cells (their pooled tally) with the unweighted means of its fidelities and of
     * its word-level pass rate (over the cells that have one: those of non-Latin-script languages).
     */
    private static ArmFigures meanArm(FidelityCell pooled, List<CellEstimates> cells, Arm arm) {
        ArmTally total = pooled.arm(arm);
        return new ArmFigures(total.completions(), estimate(mean(cells, c -> c.arm(arm).fidelity())),
                estimate(mean(cells, c -> c.arm(arm).lineFidelity())), total.errors(), total.undetected(),
                estimate(mean(cells, c -> c.arm(arm).wordPassRate())));
    }

    private static Interval mean(List<CellEstimates> cells, Function<CellEstimates, Interval> figure) {
        return Summaries.unweightedMean(cells.stream().map(figure).toList());
    }

    public static Estimate estimate(Interval i) {
        return i == null ? null : new Estimate(i.value(), i.low(), i.high(), i.n(), i.method());
    }
}
