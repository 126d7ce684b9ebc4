package org.ifl.benchmarks.dsl;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.ifl.statsstream.DslEstimator;
import org.ifl.statsstream.FiguresView.EstimateView;

/**
 * How well the DSL interval (DESIGN.md section 4) and the identifier-only interval cover the truth when the
 * language identifier is biased, and how wide the DSL interval is for a number of expert labels. Behind
 * {@code ifl bench dsl} and {@code DslCoverageSimulationTest}; the estimators are stats-stream's own, through
 * {@link DslEstimator}.
 *
 * <p>The model. A cell has {@code itemsPerCell} items, each answered in the TEXT and the IMAGE arm. An answer is
 * truly in the expected language (Y = 1) with probability {@code textFidelity} or {@code imageFidelity},
 * independently of everything else, the other arm of its item included. The identifier is right about every
 * answer except that it mislabels a share {@code mislabeled} of the cell's answers: answers truly in the expected
 * language that it reads as another (its verdict s is 0 where Y = 1, for that share of all answers of each arm),
 * so it under-reads each arm's fidelity by that share, while its IFL, shifted alike in both arms, is not biased.
 * An expert labels each answer independently with probability pi = labels / items (Poisson sampling), so each arm
 * expects {@code labels} labels and the cell twice that; the answer's pseudo-outcome is
 * Y~ = s + (R / pi)(Y - s). Per replication the cell is drawn afresh and each figure gets the DSL interval
 * (mean(Y~) +- 1.96 sd(Y~)/sqrt(n); IFL from paired differences of Y~) and the identifier-only interval (Wilson
 * for an arm, the stream's paired interval for IFL).
 *
 * <p><b>The truth is the parameter</b> the answers are drawn with: {@code textFidelity}, {@code imageFidelity}
 * and IFL = imageFidelity - textFidelity, not the mean of the true labels of the replication's 1,000 items. The
 * DSL interval's sd(Y~) holds the item-to-item variance of Y besides the sampling of labels, so it is an interval
 * for the fidelity of the population the items come from; about the drawn items' own mean it over-covers (200
 * labels an arm, 4,000 cells: 99.6% for F_image, 98.4% for IFL). The stream's intervals claim the same: the fidelity of the model on such items.
 */
public final class DslCoverageSimulation {
    /** The rows of the table by default, as the command line takes them. */
    public static final String DEFAULT_LABELS_LIST = "25,50,100,200,400,800";
    public static final List<Integer> DEFAULT_LABELS = Arrays.stream(DEFAULT_LABELS_LIST.split(","))
            .map(Integer::valueOf).toList();
    public static final int DEFAULT_ITEMS_PER_CELL = 1_000;
    public static final int DEFAULT_REPLICATIONS = 10_000;
    public static final long DEFAULT_SEED = 1;
    public static final double DEFAULT_TEXT_FIDELITY = 0.95;
    /**
     * A large loss (IFL -0.45), as the reference model shows; the identifier's misreadings are then a fifth of
     * the image arm's answers in the expected language.
     */
    public static final double DEFAULT_IMAGE_FIDELITY = 0.50;
    public static final double DEFAULT_MISLABELED = 0.10;

    private final Options options;

    public DslCoverageSimulation(Options options) {
        this.options = options;
    }

    /**
     * What to simulate; every value checked here, so a usage error names it.
     *
     * @param labels expected expert labels in each arm of a cell, one table row each
     * @param mislabeled the share of a cell's answers that are in the expected language and that the identifier
     *                   reads as another; at most the lower of the two fidelities
     */
    public record Options(List<Integer> labels, int itemsPerCell, int replications, long seed, double textFidelity,
            double imageFidelity, double mislabeled) {
        public Options {
            if (itemsPerCell < 2) {
                throw new IllegalArgumentException("items per cell must be at least 2, not " + itemsPerCell);
            }
            if (replications < 1) {
                throw new IllegalArgumentException("replications must be at least 1, not " + replications);
            }
            labels = List.copyOf(labels);
            if (labels.isEmpty()) {
                throw new IllegalArgumentException("name at least one number of labels");
            }
            for (int l : labels) {
                if (l < 1 || l > itemsPerCell) {
                    throw new IllegalArgumentException("labels per arm must be 1 to the " + itemsPerCell
                            + " items of a cell, not " + l);
                }
            }
            requireShare("text fidelity", textFidelity);
            requireShare("image fidelity", imageFidelity);
            requireShare("mislabeled share", mislabeled);
            if (mislabeled > Math.min(textFidelity, imageFidelity)) {
                throw new IllegalArgumentException("the mislabeled share " + mislabeled + " is more than the answers"
                        + " in the expected language (fidelity " + Math.min(textFidelity, imageFidelity) + ")");
            }
        }

        public static Options defaults() {
            return new Options(DEFAULT_LABELS, DEFAULT_ITEMS_PER_CELL, DEFAULT_REPLICATIONS, DEFAULT_SEED,
                    DEFAULT_TEXT_FIDELITY, DEFAULT_IMAGE_FIDELITY, DEFAULT_MISLABELED);
        }

        public double ifl() {
            return imageFidelity - textFidelity;
        }

        private static void requireShare(String name, double share) {
            if (!(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException(name + " must be in [0, 1], not " + share);
            }
        }
    }

    /** One kind of interval of one figure over the replications: the share holding the truth, its mean half-width. */
    public record Coverage(double share, double meanHalfWidth) {
    }

    /** One figure's coverage by the DSL interval and by the identifier-only interval. */
    public record FigureCoverage(Coverage dsl, Coverage identifier) {
    }

    /** One row of the table: a number of labels per arm, the labels drawn in both arms on average, and coverages. */
    public record Row(int labels, double samplingProbability, double meanLabelsDrawn, FigureCoverage image,
            FigureCoverage text, FigureCoverage ifl) {
    }

    public record Result(Options options, List<Row> rows) {
    }

    public Result run() {
        return new Result(options, options.labels().stream().map(this::row).toList());
    }

    /** {@code replications} cells with {@code labels} expected labels an arm, from the seed's start. */
    private Row row(int labels) {
        SplittableRandom random = new SplittableRandom(options.seed());
        double samplingProbability = (double) labels / options.itemsPerCell();
        SimulatedCell cell = new SimulatedCell(options.itemsPerCell(), options.textFidelity(),
                options.imageFidelity(), options.mislabeled());
        CoverageTally image = new CoverageTally(options.imageFidelity());
        CoverageTally text = new CoverageTally(options.textFidelity());
        CoverageTally ifl = new CoverageTally(options.ifl());
        long labelsDrawn = 0;
        for (int r = 0; r < options.replications(); r++) {
            labelsDrawn += cell.draw(random, samplingProbability);
            image.add(DslEstimator.dslFidelity(cell.imagePseudoOutcomes),
                    DslEstimator.surrogateFidelity(cell.imageVerdicts));
            text.add(DslEstimator.dslFidelity(cell.textPseudoOutcomes),
                    DslEstimator.surrogateFidelity(cell.textVerdicts));
            ifl.add(DslEstimator.dslDifference(cell.imagePseudoOutcomes, cell.textPseudoOutcomes),
                    DslEstimator.surrogateDifference(cell.imageVerdicts, cell.textVerdicts));
        }
        return new Row(labels, samplingProbability, (double) labelsDrawn / options.replications(), image.coverage(),
                text.coverage(), ifl.coverage());
    }

    /** Counts, for one figure, the intervals of each kind that hold its true value, and sums their half-widths. */
    private static final class CoverageTally {
        private final double truth;
        private final IntervalTally dsl = new IntervalTally();
        private final IntervalTally identifier = new IntervalTally();

        CoverageTally(double truth) {
            this.truth = truth;
        }

        void add(EstimateView dslEstimate, EstimateView identifierEstimate) {
            dsl.add(dslEstimate, truth);
            identifier.add(identifierEstimate, truth);
        }

        FigureCoverage coverage() {
            return new FigureCoverage(dsl.coverage(), identifier.coverage());
        }
    }

    private static final class IntervalTally {
        private long intervals;
        private long covering;
        private double halfWidths;

        /** A cell of at least two items always has an interval, so none is missing. */
        void add(EstimateView estimate, double truth) {
            intervals++;
            if (estimate.low() <= truth && truth <= estimate.high()) {
                covering++;
            }
            halfWidths += (estimate.high() - estimate.low()) / 2;
        }

        Coverage coverage() {
            return new Coverage((double) covering / intervals, halfWidths / intervals);
        }
    }
}
