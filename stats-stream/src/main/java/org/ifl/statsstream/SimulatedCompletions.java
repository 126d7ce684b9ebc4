package org.ifl.statsstream;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.Completion;
import org.ifl.schemas.avro.Condition;
import org.ifl.schemas.avro.FidelityScores;
import org.ifl.schemas.avro.ItemReferences;
import org.ifl.schemas.avro.LabelStatus;
import org.ifl.schemas.avro.LabeledCompletion;
import org.ifl.schemas.avro.LanguageLabel;
import org.ifl.schemas.avro.PairKey;
import org.ifl.schemas.avro.Query;
import org.ifl.schemas.avro.TaskKind;
import org.ifl.schemas.avro.WordLevelStatus;
import org.ifl.schemas.topic.RecordKey;

/**
 * Labeled completions whose fidelity is drawn from known probabilities, shaped like lid-stream's output:
 * for tests that know the truth, the replay in the integration test and the stats benchmark. Each item
 * answers every arm once; a completion in the expected language is labeled with it, one that is not is
 * labeled English (or, for English cells, French).
 */
public final class SimulatedCompletions {
    private SimulatedCompletions() {
    }

    /** True fidelity of each arm of a cell. */
    public record ArmProbabilities(double text, double image, double imageRemedy) {
        double of(Arm arm) {
            return switch (arm) {
                case TEXT -> text;
                case IMAGE -> image;
                case IMAGE_REMEDY -> imageRemedy;
            };
        }
    }

    /**
     * {@code items} items of one cell, every arm answered, fidelity drawn from {@code truth} with
     * {@code random}; line fidelity equals fidelity. Completion ids are run|item|arm, so the same call gives the
     * same ids.
     */
    public static List<LabeledCompletion> cell(String runId, String model, String checkpoint, String dataset,
            String language, int items, ArmProbabilities truth, List<Arm> arms, SplittableRandom random,
            Instant at) {
        List<LabeledCompletion> out = new ArrayList<>(items * arms.size());
        for (int i = 0; i < items; i++) {
            PairKey pair = new PairKey(runId, model, checkpoint, dataset, "item-" + i, language);
            for (Arm arm : arms) {
                int f = random.nextDouble() < truth.of(arm) ? 1 : 0;
                out.add(labeled(pair, arm, runId + "|" + i + "|" + arm, f, f, LabelStatus.LABELED, at));
            }
        }
        return out;
    }

    /** One labeled completion of {@code pair}'s {@code arm}, its expected language the pair's language. */
    public static LabeledCompletion labeled(PairKey pair, Arm arm, String completionId, int fidelity,
            int lineFidelity, LabelStatus status, Instant at) {
        String expected = pair.getLanguage();
        String detected = switch (status) {
            case LABELED -> fidelity == 1 ? expected : expected.equals("en") ? "fr" : "en";
            case EMPTY, UNDETECTED -> "none";
            case INFERENCE_ERROR -> "none";
        };
        Completion completion = Completion.newBuilder()
                .setCompletionId(completionId)
                .setQueryId("q-" + completionId)
                .setPair(pair)
                .setCondition(condition(pair, arm))
                .setPrompt("")
                .setReferences(ItemReferences.newBuilder().build())
                .setText(status == LabelStatus.INFERENCE_ERROR || status == LabelStatus.EMPTY ? null : "…")
                .setBackend("simulated")
                .setQueriedAt(at)
                .setCompletedAt(at)
                .build();
        return LabeledCompletion.newBuilder()
                .setCompletion(completion)
                .setLabel(new LanguageLabel(detected, detected, 1.0, null, null, "simulated"))
                .setScores(new FidelityScores(status, fidelity, lineFidelity, 1,
                        fidelity == 1 ? List.of() : List.of(detected), WordLevelStatus.NOT_SCORED, List.of()))
                .setLabeledAt(at)
                .build();
    }

    /**
     * The query of {@code pair}'s {@code arm}, as the producers publish it to eval.queries (no image): what the
     * answers above answer.
     */
    public static Query query(PairKey pair, Arm arm, Instant at) {
        return Query.newBuilder()
                .setQueryId(RecordKey.pair(pair) + "|" + arm)
                .setPair(pair)
                .setCondition(condition(pair, arm))
                .setPrompt("")
                .setReferences(ItemReferences.newBuilder().build())
                .setCreatedAt(at)
                .build();
    }

    private static Condition condition(PairKey pair, Arm arm) {
        return Condition.newBuilder().setArm(arm).setTask(TaskKind.FIDELITY)
                .setInstructionLanguage(pair.getLanguage()).setExpectedLanguage(pair.getLanguage()).build();
    }

    /** The default remedy-on arm set. */
    public static final List<Arm> ALL_ARMS = List.of(Arm.TEXT, Arm.IMAGE, Arm.IMAGE_REMEDY);

}
