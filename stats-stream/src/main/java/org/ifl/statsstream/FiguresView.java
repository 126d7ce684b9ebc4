package org.ifl.statsstream;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import org.ifl.schemas.avro.AccuracyFigures;
import org.ifl.schemas.avro.ArmAccuracy;
import org.ifl.schemas.avro.ArmFigures;
import org.ifl.schemas.avro.CellStatistics;
import org.ifl.schemas.avro.DslFigures;
import org.ifl.schemas.avro.Estimate;
import org.ifl.schemas.avro.ExplanationFigures;
import org.ifl.statsstream.internal.cell.CellWindow;
import org.ifl.statsstream.internal.stats.Interval;
import org.ifl.statsstream.internal.stats.TInterval;

/**
 * The JSON form of a cell's or summary's figures, as the HTTP API serves them: the fields of
 * {@link CellStatistics} (docs/statistics.md defines each), with the window as its eval.stats key part
 * ("cumulative" or start/end in ISO 8601). {@code explanation} is empty except in cells of explanation suites.
 * Every figure is {@linkplain #rounded rounded} to 12 significant digits, so that a bound that is 0 up to
 * floating-point residue reads 0.
 *
 * <p>{@code counted} is the answers counted (every arm's completions); {@code expected} the answers the
 * published queries of the cell (of a summary: of all its cells) expect, one per queried arm of each item,
 * {@code null} where that cannot be known (a hopping window, a replayed run whose queries were never
 * published, a summary with such a cell); {@code partial} is whether fewer were counted than expected
 * ({@code null} when expected is unknown).
 *
 * <p>{@code dsl} holds the fidelities and IFLs debiased with the experts' language labels ({@code labels} of
 * them); {@code accuracy} the share of correct answers per arm and its differences, from reference-answer matches
 * (surrogate) and debiased with the experts' correctness labels (DSL), {@code null} where nothing is known of
 * correctness (and in the answer of an older service).
 */
public record FiguresView(String scope, String model, String checkpoint, String dataset, String language,
        String window, ArmView text, ArmView image, ArmView imageRemedy, long pairs, long remedyPairs,
        long unpairedText, long unpairedImage, long unpairedImageRemedy, long duplicates, EstimateView ifl,
        EstimateView iflRemedy, EstimateView diff, Double relative, EstimateView lineIfl, DslView dsl,
        int cellsAveraged, FiguresView pooled, Instant updatedAt, List<ExplanationView> explanation, long counted,
        Long expected, Boolean partial, AccuracyView accuracy) {

    /**
     * Absent in the answer of an older service: no explanation figures, expected unknown. {@code partial}
     * always follows from counted and expected.
     */
    public FiguresView {
        explanation = explanation == null ? List.of() : List.copyOf(explanation);
        partial = expected == null ? null : counted < expected;
    }

    /** These figures with {@code expected} answers ({@code null}: unknown). */
    public FiguresView withExpected(Long expected) {
        return new FiguresView(scope, model, checkpoint, dataset, language, window, text, image, imageRemedy, pairs,
                remedyPairs, unpairedText, unpairedImage, unpairedImageRemedy, duplicates, ifl, iflRemedy, diff,
                relative, lineIfl, dsl, cellsAveraged, pooled == null ? null : pooled.withExpected(expected),
                updatedAt, explanation, counted, expected, null, accuracy);
    }

    /**
     * A figure as the API serves it: 12 significant digits, and 0 for anything closer to 0 than 1e-12 (sums of
     * doubles leave residues such as 5.551115123125783E-17 where the exact figure is 0). Not finite: as is.
     */
    public static double rounded(double figure) {
        if (!Double.isFinite(figure)) {
            return figure;
        }
        if (Math.abs(figure) < 1e-12) {
            return 0.0;
        }
        return new BigDecimal(figure).round(SIGNIFICANT).doubleValue();
    }

    private static final MathContext SIGNIFICANT = new MathContext(12, RoundingMode.HALF_EVEN);

    private static Double rounded(Double figure) {
        return figure == null ? null : rounded(figure.doubleValue());
    }

    public record EstimateView(double value, Double low, Double high, long n, String method) {
        public static EstimateView of(Estimate e) {
            return e == null ? null : new EstimateView(rounded(e.getValue()), rounded(e.getLow()),
                    rounded(e.getHigh()), e.getN(), e.getMethod());
        }

        /**
         * The standard error its interval was built from: the wider half of the interval (one side may be cut at
         * the metric's range) over t(0.975, n - 1) for a t interval, over 1.96 otherwise; null without an interval.
         */
        public Double standardError() {
            if (low == null || high == null || n < 2) {
                return null;
            }
            double half = Math.max(value - low, high - value);
            return half / (TInterval.METHOD.equals(method) ? TInterval.quantile(n - 1) : Interval.Z_95);
        }
    }

    /**
     * One arm's figures. {@code wordPassRate} is LCB's word-level pass rate (its n the answers judged on words),
     * {@code null} where no answer was judged on words: a Latin-script language, or an older service.
     */
    public record ArmView(long completions, EstimateView fidelity, EstimateView lineFidelity, long errors,
            long undetected, EstimateView wordPassRate) {
        static ArmView of(ArmFigures a) {
            return new ArmView(a.getCompletions(), EstimateView.of(a.getFidelity()),
                    EstimateView.of(a.getLineFidelity()), a.getErrors(), a.getUndetected(),
                    EstimateView.of(a.getWordPassRate()));
        }
    }

    public record DslView(long labels, EstimateView text, EstimateView image, EstimateView imageRemedy,
            EstimateView ifl, EstimateView iflRemedy) {
        static DslView of(DslFigures d) {
            return d == null ? null : new DslView(d.getLabels(), EstimateView.of(d.getText()),
                    EstimateView.of(d.getImage()), EstimateView.of(d.getImageRemedy()), EstimateView.of(d.getIfl()),
                    EstimateView.of(d.getIflRemedy()));
        }
    }

    /**
     * Accuracy: {@code labels} the experts' correctness labels, all arms; per arm its surrogate and DSL accuracy;
     * {@code difference} and {@code differenceRemedy} the surrogate's image - text and image with remedy - text,
     * paired by item like IFL; {@code dslDifference} and {@code dslDifferenceRemedy} the same debiased.
     */
    public record AccuracyView(long labels, ArmAccuracyView text, ArmAccuracyView image,
            ArmAccuracyView imageRemedy, EstimateView difference, EstimateView differenceRemedy,
            EstimateView dslDifference, EstimateView dslDifferenceRemedy) {
        static AccuracyView of(AccuracyFigures a) {
            return a == null ? null : new AccuracyView(a.getLabels(), ArmAccuracyView.of(a.getText()),
                    ArmAccuracyView.of(a.getImage()), ArmAccuracyView.of(a.getImageRemedy()),
                    EstimateView.of(a.getDifference()), EstimateView.of(a.getDifferenceRemedy()),
                    EstimateView.of(a.getDslDifference()), EstimateView.of(a.getDslDifferenceRemedy()));
        }
    }

    /**
     * One arm's accuracy: {@code judged} answers matched against reference answers, {@code labels} correctness
     * labels, the {@code surrogate} share that matched ({@code null} when none was judged) and the {@code dsl}
     * estimate ({@code null} without labels).
     */
    public record ArmAccuracyView(long judged, long labels, EstimateView surrogate, EstimateView dsl) {
        static ArmAccuracyView of(ArmAccuracy a) {
            return new ArmAccuracyView(a.getJudged(), a.getLabels(), EstimateView.of(a.getSurrogate()),
                    EstimateView.of(a.getDsl()));
        }
    }

    /** The entity metrics of one arm in one alignment setting; {@code cooccurrence} has its own n. */
    public record ExplanationView(String arm, String setting, long answers, EstimateView coverageExact,
            EstimateView coveragePartial, EstimateView f1, EstimateView cooccurrence) {
        static ExplanationView of(ExplanationFigures e) {
            return new ExplanationView(e.getArm().name(), e.getSetting().name(), e.getAnswers(),
                    EstimateView.of(e.getCoverageExact()), EstimateView.of(e.getCoveragePartial()),
                    EstimateView.of(e.getF1()), EstimateView.of(e.getCooccurrence()));
        }
    }

    /** The figures of an eval.stats record; its expected answers unknown until {@link #withExpected} says. */
    public static FiguresView of(CellStatistics s) {
        CellWindow window = s.getWindow().getStart() == null ? CellWindow.CUMULATIVE
                : CellWindow.hopping(s.getWindow().getStart().toEpochMilli(), s.getWindow().getEnd().toEpochMilli());
        return new FiguresView(s.getScope().name(), s.getModel(), s.getCheckpoint(), s.getDataset(), s.getLanguage(),
                window.key(), ArmView.of(s.getText()), ArmView.of(s.getImage()), ArmView.of(s.getImageRemedy()),
                s.getPairs(), s.getRemedyPairs(), s.getUnpairedText(), s.getUnpairedImage(),
                s.getUnpairedImageRemedy(), s.getDuplicates(), EstimateView.of(s.getIfl()),
                EstimateView.of(s.getIflRemedy()), EstimateView.of(s.getDiff()), rounded(s.getRelative()),
                EstimateView.of(s.getLineIfl()), DslView.of(s.getDsl()), s.getCellsAveraged(),
                s.getPooled() == null ? null : of(s.getPooled()), s.getUpdatedAt(),
                s.getExplanation().stream().map(ExplanationView::of).toList(),
                s.getText().getCompletions() + s.getImage().getCompletions() + s.getImageRemedy().getCompletions(),
                null, null, AccuracyView.of(s.getAccuracy()));
    }
}
