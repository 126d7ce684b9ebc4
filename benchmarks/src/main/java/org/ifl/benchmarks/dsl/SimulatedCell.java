package org.ifl.benchmarks.dsl;

import java.util.SplittableRandom;
import org.ifl.statsstream.DslEstimator;

/**
 * One cell of the DSL coverage simulation, drawn again for each replication into the same arrays: every item
 * answered in the TEXT and the IMAGE arm, each answer's true fidelity, the identifier's verdict on it, whether an
 * expert labelled it and its pseudo-outcome.
 */
final class SimulatedCell {
    private final double textFidelity;
    private final double imageFidelity;
    /** The probability the identifier misses an answer truly in the language, per arm: a share of all answers. */
    private final double textMissed;
    private final double imageMissed;

    final int[] textVerdicts;
    final int[] imageVerdicts;
    final double[] textPseudoOutcomes;
    final double[] imagePseudoOutcomes;

    SimulatedCell(int items, double textFidelity, double imageFidelity, double mislabeled) {
        this.textFidelity = textFidelity;
        this.imageFidelity = imageFidelity;
        this.textMissed = mislabeled / textFidelity;
        this.imageMissed = mislabeled / imageFidelity;
        textVerdicts = new int[items];
        imageVerdicts = new int[items];
        textPseudoOutcomes = new double[items];
        imagePseudoOutcomes = new double[items];
    }

    /**
     * Draws the cell's answers, the identifier's verdicts and the expert labels, each answer labelled with
     * probability {@code samplingProbability}; returns the labels drawn in both arms.
     */
    int draw(SplittableRandom random, double samplingProbability) {
        int labels = 0;
        for (int i = 0; i < textVerdicts.length; i++) {
            labels += drawAnswer(random, textFidelity, textMissed, samplingProbability, textVerdicts,
                    textPseudoOutcomes, i);
            labels += drawAnswer(random, imageFidelity, imageMissed, samplingProbability, imageVerdicts,
                    imagePseudoOutcomes, i);
        }
        return labels;
    }

    /**
     * One answer; returns 1 if an expert labelled it. It takes three uniforms whatever they decide, so a seed
     * draws the same answers and verdicts at every label budget, and a larger budget labels a superset of the
     * answers a smaller one labels: the rows of a table differ by their labels alone.
     */
    private int drawAnswer(SplittableRandom random, double fidelity, double missedShare, double samplingProbability,
            int[] verdicts, double[] pseudoOutcomes, int item) {
        int truth = random.nextDouble() < fidelity ? 1 : 0;
        boolean missed = random.nextDouble() < missedShare;
        boolean labelled = random.nextDouble() < samplingProbability;
        int verdict = truth == 1 && missed ? 0 : truth;
        verdicts[item] = verdict;
        pseudoOutcomes[item] = labelled ? DslEstimator.pseudoOutcome(verdict, truth, samplingProbability)
                : DslEstimator.pseudoOutcome(verdict);
        return labelled ? 1 : 0;
    }
}
