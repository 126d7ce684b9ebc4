package org.ifl.statsstream.internal.cell;

import org.ifl.schemas.avro.Arm;
import org.ifl.statsstream.internal.stats.Interval;

/**
 * The estimates of one cell that a summary averages over its cells ({@link CellFigures#summary}), each with its
 * interval. Computing them (score intervals, exact McNemar tests) is most of a summary's cost, so a processor
 * that publishes summaries keeps them per cell and computes them again only for a cell that changed.
 */
public record CellEstimates(Interval ifl, Interval iflRemedy, Interval diff, Interval lineIfl, Interval dslIfl,
        Interval dslIflRemedy, ArmEstimates text, ArmEstimates image, ArmEstimates imageRemedy,
        Interval accuracyDifference, Interval accuracyDifferenceRemedy, Interval dslAccuracyDifference,
        Interval dslAccuracyDifferenceRemedy) {

    /** One arm's fidelity, line-level fidelity, DSL fidelity, word-level pass rate and accuracy. */
    public record ArmEstimates(Interval fidelity, Interval lineFidelity, Interval dslFidelity,
            Interval wordPassRate, Interval accuracy, Interval dslAccuracy) {
        static ArmEstimates of(ArmTally arm) {
            return new ArmEstimates(arm.fidelity(), arm.lineFidelity(), arm.dslFidelity(), arm.wordPassRate(),
                    arm.accuracy().surrogate(), arm.accuracy().dsl());
        }
    }

    public static CellEstimates of(FidelityCell cell) {
        return new CellEstimates(cell.iflEstimate(), cell.iflRemedyEstimate(), cell.diffEstimate(),
                cell.lineIflEstimate(), cell.dslIflEstimate(), cell.dslIflRemedyEstimate(),
                ArmEstimates.of(cell.text()), ArmEstimates.of(cell.image()), ArmEstimates.of(cell.imageRemedy()),
                cell.accuracyDifferenceEstimate(), cell.accuracyDifferenceRemedyEstimate(),
                cell.dslAccuracyDifferenceEstimate(), cell.dslAccuracyDifferenceRemedyEstimate());
    }

    public ArmEstimates arm(Arm arm) {
        return switch (arm) {
            case TEXT -> text;
            case IMAGE -> image;
            case IMAGE_REMEDY -> imageRemedy;
        };
    }
}
