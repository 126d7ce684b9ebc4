package org.ifl.producers;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.ifl.producers.internal.annotation.AnnotationSheet;
import org.ifl.producers.internal.suite.read.InputProblems;
import org.ifl.schemas.avro.Completion;
import org.ifl.schemas.avro.ExpertAnnotation;
import org.ifl.schemas.avro.LabeledCompletion;

/**
 * Annotators' verdicts made into {@link ExpertAnnotation} records for eval.annotations, checked against the answers
 * they judge (as eval.labeled holds them: the pair, the arm and the expected language come from there, not from
 * the sheet). A verdict of yes on the language gives the expected language as the true one; no gives the language
 * the annotator names, else {@code other}; unclear gives none (the answer keeps the identifier's verdict, as if not
 * drawn). Correctness: yes, no, or none when unclear.
 */
public final class AnnotationLabels {

    /** The annotations of a sheet's judged rows, and how many rows are not judged yet. */
    public record Checked(List<ExpertAnnotation> annotations, int notJudged) {
    }

    private AnnotationLabels() {
    }

    /**
     * The annotations of every judged row of {@code lines}; rows with neither verdict are counted, not published.
     *
     * @param answers the answer of a completion id as eval.labeled holds it; null for an unknown id
     * @param now     the time of a label whose row gives none
     * @throws InputException naming every row that is wrong (an unknown completion, a sheet of another model or
     *                        checkpoint, a true language that contradicts the verdict); then nothing may be
     *                        published
     */
    public static Checked check(List<AnnotationSheets.Line> lines, Function<String, LabeledCompletion> answers,
            Instant now) {
        InputProblems problems = new InputProblems();
        List<ExpertAnnotation> annotations = new ArrayList<>();
        int notJudged = 0;
        for (AnnotationSheets.Line line : lines) {
            if (!line.row().judged()) {
                notJudged++;
                continue;
            }
            ExpertAnnotation annotation = annotation(line, answers.apply(line.row().completionId()), now, problems);
            if (annotation != null) {
                annotations.add(annotation);
            }
        }
        problems.throwIfAny();
        return new Checked(List.copyOf(annotations), notJudged);
    }

    /**
     * The annotation of one judged row about {@code answer} (null when the completion is unknown); null, with the
     * problems added, when the row does not fit it.
     */
    private static ExpertAnnotation annotation(AnnotationSheets.Line line, LabeledCompletion answer, Instant now,
            InputProblems problems) {
        AnnotationRow row = line.row();
        Origin at = line.origin();
        if (answer == null) {
            problems.add(at.problem(AnnotationSheet.COMPLETION_ID, "no answer " + row.completionId()
                    + " on eval.labeled: a sheet's rows come from `ifl annotate sample` on this cluster"));
            return null;
        }
        Completion c = answer.getCompletion();
        int before = problems.count();
        sameAs(row.model(), c.getPair().getModel(), AnnotationSheet.MODEL, line, problems);
        sameAs(row.checkpoint(), c.getPair().getCheckpoint(), AnnotationSheet.CHECKPOINT, line, problems);
        String expected = c.getCondition().getExpectedLanguage();
        String trueLanguage = trueLanguage(line, expected, problems);
        if (problems.count() > before) {
            return null;
        }
        return ExpertAnnotation.newBuilder().setCompletionId(c.getCompletionId()).setPair(c.getPair())
                .setArm(c.getCondition().getArm()).setTrueLanguage(trueLanguage)
                .setCorrect(row.correct() == null ? null : row.correct().asBoolean())
                .setSamplingProbability(row.samplingProbability()).setAnnotator(row.annotator())
                .setAnnotatedAt(row.annotatedAt() != null ? row.annotatedAt() : now).setSample(row.sample())
                .build();
    }

    private static void sameAs(String written, String actual, String column, AnnotationSheets.Line line,
            InputProblems problems) {
        if (written != null && !written.equals(actual)) {
            problems.add(line.origin().problem(column, "the sheet says " + written + ", but completion "
                    + line.row().completionId() + " is " + actual + "'s"));
        }
    }

    /** The true language the verdict and the named language give together; null if unclear or not judged. */
    private static String trueLanguage(AnnotationSheets.Line line, String expected, InputProblems problems) {
        AnnotationRow row = line.row();
        String named = row.trueLanguage();
        AnnotatorVerdict verdict = row.inExpectedLanguage();
        if (verdict == null || verdict == AnnotatorVerdict.UNCLEAR) {
            if (named != null) {
                problems.add(line.origin().problem(AnnotationSheet.TRUE_LANGUAGE, "names " + named + " but "
                        + AnnotationSheet.IN_EXPECTED_LANGUAGE + " is " + (verdict == null ? "blank" : "unclear")
                        + "; name a language only for an answer judged not in " + expected));
                return null;
            }
            return null;
        }
        if (verdict == AnnotatorVerdict.YES) {
            if (named != null && !named.equals(expected)) {
                problems.add(line.origin().problem(AnnotationSheet.TRUE_LANGUAGE, "names " + named + " but "
                        + AnnotationSheet.IN_EXPECTED_LANGUAGE + " says yes, the expected " + expected));
            }
            return expected;
        }
        if (expected.equals(named)) {
            problems.add(line.origin().problem(AnnotationSheet.TRUE_LANGUAGE, "names the expected " + expected
                    + " but " + AnnotationSheet.IN_EXPECTED_LANGUAGE + " says no"));
        }
        return named != null ? named : "other";
    }

    /** Whether two annotations say the same of the same answer (their times aside): publishing again changes nothing. */
    public static boolean sameJudgement(ExpertAnnotation a, ExpertAnnotation b) {
        return a.getCompletionId().equals(b.getCompletionId()) && Objects.equals(a.getTrueLanguage(),
                b.getTrueLanguage()) && Objects.equals(a.getCorrect(), b.getCorrect())
                && a.getSamplingProbability() == b.getSamplingProbability()
                && Objects.equals(a.getAnnotator(), b.getAnnotator()) && Objects.equals(a.getSample(), b.getSample())
                && a.getArm() == b.getArm() && a.getPair().equals(b.getPair());
    }
}
