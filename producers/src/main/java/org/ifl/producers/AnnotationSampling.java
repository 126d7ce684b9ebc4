package org.ifl.producers;

import java.util.List;
import java.util.Locale;
import org.ifl.producers.internal.annotation.InclusionDraw;
import org.ifl.producers.internal.suite.Languages;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.Completion;
import org.ifl.schemas.avro.LabeledCompletion;
import org.ifl.schemas.avro.Query;
import org.ifl.schemas.topic.RecordKey;

/**
 * How answers are drawn for expert annotation, so that DSL knows each one's inclusion probability pi: every answer
 * of a cell is drawn independently with the cell's pi (Poisson sampling), decided by a number fixed by the seed
 * and the completion id ({@link InclusionDraw}), so drawing again draws the same answers. The design is a rate
 * (the same pi everywhere) or a target per cell or per arm of a cell (pi = min(1, target / answers in it), so every
 * stratum gets about the target whatever its size). Answers without text (failed inference) are never drawn: the
 * identifier cannot be wrong about them, so they need no label.
 */
public final class AnnotationSampling {

    /** What sets each answer's inclusion probability. */
    public sealed interface Design permits Rate, Target {
    }

    /** The same probability for every answer. */
    public record Rate(double probability) implements Design {
        public Rate {
            if (!(probability > 0 && probability <= 1)) {
                throw new IllegalArgumentException("a sampling rate is in (0, 1], not " + probability);
            }
        }
    }

    /** The groups a target count is for: each cell, or each arm of each cell. */
    public enum Stratum {
        CELL("per cell"), ARM("per arm of a cell");

        private final String words;

        Stratum(String words) {
            this.words = words;
        }
    }

    /**
     * About {@code count} answers in every stratum, whatever its size: pi = min(1, count / answers in the stratum).
     */
    public record Target(long count, Stratum stratum) implements Design {
        public Target {
            if (count < 1) {
                throw new IllegalArgumentException("a target count is 1 or more, not " + count);
            }
        }

        public static Target perCell(long count) {
            return new Target(count, Stratum.CELL);
        }

        public static Target perArm(long count) {
            return new Target(count, Stratum.ARM);
        }
    }

    private final long seed;
    private final Design design;

    public AnnotationSampling(long seed, Design design) {
        this.seed = seed;
        this.design = design;
    }

    public Design design() {
        return design;
    }

    /** The design in words, written in every row and annotation it gives: {@code seed 7, 200 per cell}. */
    public String describe() {
        return "seed " + seed + ", " + (design instanceof Target t ? t.count() + " " + t.stratum().words
                : "rate " + ((Rate) design).probability());
    }

    /**
     * The stratum an answer is drawn in: its cell ({@code model|checkpoint|dataset|language}), with its arm under a
     * target per arm. A rate draws every answer alike; its strata are the cells, for the counts a sample reports.
     */
    public String stratum(LabeledCompletion answer) {
        Completion c = answer.getCompletion();
        String cell = RecordKey.cell(c.getPair());
        return design instanceof Target t && t.stratum() == Stratum.ARM ? cell + "|" + c.getCondition().getArm()
                : cell;
    }

    /** The inclusion probability of each answer of a stratum that has {@code answers} answers to draw from. */
    public double probability(long answers) {
        if (design instanceof Target t) {
            return answers <= t.count() ? 1.0 : (double) t.count() / answers;
        }
        return ((Rate) design).probability();
    }

    /** Whether an answer may be drawn at all: one with text. */
    public static boolean drawable(LabeledCompletion answer) {
        String text = answer.getCompletion().getText();
        return text != null && !text.isBlank();
    }

    /** Whether the answer {@code completionId} is drawn under inclusion probability {@code pi}. */
    public boolean drawn(String completionId, double pi) {
        return InclusionDraw.drawn(seed, completionId, pi);
    }

    /**
     * The sheet row of a drawn answer, verdicts blank.
     *
     * @param query the query it answers, where still on record (null for a replayed run or one past retention)
     * @param image the image the annotator is shown (a file beside the sheet, or the query's reference); null
     *              for none
     */
    public AnnotationRow row(LabeledCompletion answer, Query query, String image, double pi) {
        Completion c = answer.getCompletion();
        String expected = c.getCondition().getExpectedLanguage();
        List<String> references = List.copyOf(c.getReferences().getAnswers());
        return new AnnotationRow(c.getCompletionId(), c.getPair().getModel(), c.getPair().getCheckpoint(),
                c.getPair().getDataset(), c.getPair().getItemId(), c.getPair().getLanguage(),
                c.getCondition().getArm().name(), expected, c.getPrompt(), image,
                query == null ? null : query.getDescription(), c.getText(), references,
                judge(expected, c.getCondition().getArm(), !references.isEmpty()), pi, describe(), null, null, null,
                null, null);
    }

    /** What the annotator is asked about an answer, in words. */
    static String judge(String expectedLanguage, Arm arm, boolean hasReferences) {
        String shown = arm == Arm.TEXT ? "the description" : "the image";
        return String.format(Locale.ROOT, "Is the answer written in %s (%s)? Is it a correct answer to the "
                        + "question about %s%s? Answer yes, no or unclear.",
                Languages.englishName(expectedLanguage), expectedLanguage, shown,
                hasReferences ? " (the reference answers are a guide, not the only right ones)" : "");
    }
}
