package org.ifl.statsstream.internal.cell;

import java.util.Arrays;
import java.util.Objects;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.WordLevelStatus;
import org.ifl.statsstream.internal.stats.Dsl;
import org.ifl.statsstream.internal.stats.Moments;
import org.ifl.statsstream.internal.stats.PairedProportions;

/**
 * The arms of one item (one pair key) as far as they have arrived: one answer per arm, the expert label of
 * each arm if there is one (it may come before its completion), the time the pair opened (which places it in
 * hopping windows) and how many repeats were ignored. Immutable; every change returns a new pair, and the
 * cell changes by {@code new.contribution() - old.contribution()}.
 */
public record ItemPair(long openedAt, ArmAnswer[] answers, ExpertLabel[] labels, long duplicates) {
    public static final long NOT_OPENED = Long.MIN_VALUE;
    private static final int ARMS = Arm.values().length;
    public static final ItemPair EMPTY = new ItemPair(NOT_OPENED, new ArmAnswer[ARMS], new ExpertLabel[ARMS], 0);

    public ItemPair {
        if (answers.length != ARMS || labels.length != ARMS) {
            throw new IllegalArgumentException("a pair has one slot per arm");
        }
    }

    public ArmAnswer answer(Arm arm) {
        return answers[arm.ordinal()];
    }

    public ExpertLabel label(Arm arm) {
        return labels[arm.ordinal()];
    }

    public boolean opened() {
        return openedAt != NOT_OPENED;
    }

    /**
     * This pair with an answer for {@code arm}. The first answer of an arm counts; the same completion again
     * (an at-least-once redelivery) or another completion for an arm already answered (a query answered twice)
     * is a duplicate: counted, never added.
     */
    public ItemPair withAnswer(Arm arm, ArmAnswer answer, long timestamp) {
        if (answer(arm) != null) {
            return new ItemPair(openedAt, answers, labels, duplicates + 1);
        }
        ArmAnswer[] next = answers.clone();
        next[arm.ordinal()] = answer;
        return new ItemPair(opened() ? openedAt : timestamp, next, labels, duplicates);
    }

    /** This pair with an expert label for {@code arm}; a later label for the same completion replaces it. */
    public ItemPair withLabel(Arm arm, ExpertLabel label) {
        ExpertLabel[] next = labels.clone();
        next[arm.ordinal()] = label;
        return new ItemPair(openedAt, answers, next, duplicates);
    }

    /** What this pair adds to its cell. */
    public FidelityCell contribution() {
        ArmTally[] arms = new ArmTally[ARMS];
        double[] pseudo = new double[ARMS];
        AccuracyTally[] accuracy = new AccuracyTally[ARMS];
        for (Arm arm : Arm.values()) {
            ArmAnswer a = answer(arm);
            if (a == null) {
                arms[arm.ordinal()] = ArmTally.EMPTY;
                continue;
            }
            ExpertLabel label = appliedLabel(arm);
            boolean languageLabel = label != null && label.judgesLanguage();
            pseudo[arm.ordinal()] = languageLabel ? Dsl.pseudoOutcome(a.fidelity(),
                    label.trueLanguage().equals(a.expectedLanguage()) ? 1 : 0, label.samplingProbability())
                    : Dsl.pseudoOutcome(a.fidelity());
            accuracy[arm.ordinal()] = AccuracyTally.of(a.answerMatch(), label);
            arms[arm.ordinal()] = new ArmTally(1, a.fidelity(), a.lineFidelity(), a.failedInference() ? 1 : 0,
                    a.undetected() ? 1 : 0, languageLabel ? 1 : 0, Moments.EMPTY.add(pseudo[arm.ordinal()]),
                    ExplanationTally.of(a.entities(), a.alignment()), a.wordJudged() ? 1 : 0,
                    a.wordLevel() == WordLevelStatus.PASS ? 1 : 0, accuracy[arm.ordinal()]);
        }
        ArmAnswer text = answer(Arm.TEXT);
        ArmAnswer image = answer(Arm.IMAGE);
        ArmAnswer remedy = answer(Arm.IMAGE_REMEDY);
        PairedProportions ifl = PairedProportions.EMPTY;
        PairedProportions lineIfl = PairedProportions.EMPTY;
        PairedProportions iflRemedy = PairedProportions.EMPTY;
        PairedProportions remedyVsImage = PairedProportions.EMPTY;
        Moments dslIfl = Moments.EMPTY;
        Moments dslIflRemedy = Moments.EMPTY;
        int t = Arm.TEXT.ordinal();
        if (text != null && image != null) {
            ifl = ifl.add(image.fidelity(), text.fidelity());
            lineIfl = lineIfl.add(image.lineFidelity(), text.lineFidelity());
            dslIfl = dslIfl.add(pseudo[Arm.IMAGE.ordinal()] - pseudo[t]);
        }
        if (text != null && remedy != null) {
            iflRemedy = iflRemedy.add(remedy.fidelity(), text.fidelity());
            dslIflRemedy = dslIflRemedy.add(pseudo[Arm.IMAGE_REMEDY.ordinal()] - pseudo[t]);
            if (image != null) {
                remedyVsImage = remedyVsImage.add(remedy.fidelity(), image.fidelity());
            }
        }
        AccuracyPairs accuracyPairs = new AccuracyPairs(
                matches(image, text),
                matches(remedy, text),
                pseudoDifference(accuracy, Arm.IMAGE, Arm.TEXT),
                pseudoDifference(accuracy, Arm.IMAGE_REMEDY, Arm.TEXT));
        return new FidelityCell(arms[t], arms[Arm.IMAGE.ordinal()], arms[Arm.IMAGE_REMEDY.ordinal()], ifl, lineIfl,
                iflRemedy, remedyVsImage, dslIfl, dslIflRemedy, text != null && image == null ? 1 : 0,
                image != null && text == null ? 1 : 0, remedy != null && text == null ? 1 : 0, duplicates,
                accuracyPairs);
    }

    /** The pair's reference matches, first against second, when both answers were judged; else no pair. */
    private static PairedProportions matches(ArmAnswer first, ArmAnswer second) {
        if (first == null || second == null || first.answerMatch() == null || second.answerMatch() == null) {
            return PairedProportions.EMPTY;
        }
        return PairedProportions.EMPTY.add(first.answerMatch() ? 1 : 0, second.answerMatch() ? 1 : 0);
    }

    /**
     * The accuracy pseudo-outcome of {@code first} minus that of {@code second} (each tally is one answer's), when
     * both arms answered.
     */
    private static Moments pseudoDifference(AccuracyTally[] accuracy, Arm first, Arm second) {
        AccuracyTally a = accuracy[first.ordinal()];
        AccuracyTally b = accuracy[second.ordinal()];
        return a == null || b == null ? Moments.EMPTY
                : Moments.EMPTY.add(a.pseudoOutcomes().mean() - b.pseudoOutcomes().mean());
    }

    /** The arm's expert label if it is about the answer this pair counts; a label for another completion waits. */
    private ExpertLabel appliedLabel(Arm arm) {
        ExpertLabel label = label(arm);
        ArmAnswer answer = answer(arm);
        return label != null && answer != null && label.completionId().equals(answer.completionId()) ? label : null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ItemPair p && openedAt == p.openedAt && duplicates == p.duplicates
                && Arrays.equals(answers, p.answers) && Arrays.equals(labels, p.labels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(openedAt, duplicates, Arrays.hashCode(answers), Arrays.hashCode(labels));
    }

    @Override
    public String toString() {
        return "ItemPair[openedAt=" + openedAt + ", answers=" + Arrays.toString(answers) + ", labels="
                + Arrays.toString(labels) + ", duplicates=" + duplicates + "]";
    }
}
