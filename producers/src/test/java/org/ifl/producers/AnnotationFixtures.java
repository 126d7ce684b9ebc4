package org.ifl.producers;

import java.time.Instant;
import java.util.List;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.Completion;
import org.ifl.schemas.avro.Condition;
import org.ifl.schemas.avro.FidelityScores;
import org.ifl.schemas.avro.ItemReferences;
import org.ifl.schemas.avro.LabelStatus;
import org.ifl.schemas.avro.LabeledCompletion;
import org.ifl.schemas.avro.LanguageLabel;
import org.ifl.schemas.avro.PairKey;

/** Answers as eval.labeled holds them, for the annotation tests. */
final class AnnotationFixtures {
    static final Instant AT = Instant.parse("2026-12-07T10:00:00Z");

    private AnnotationFixtures() {
    }

    /** The answer {@code id} to item {@code item} in German, arm {@code arm}, with text {@code text}. */
    static LabeledCompletion answer(String id, String item, Arm arm, String text) {
        PairKey pair = new PairKey("run-1", "vlm", "c1", "maxm", item, "de");
        Completion completion = Completion.newBuilder().setCompletionId(id).setQueryId("q-" + id).setPair(pair)
                .setCondition(Condition.newBuilder().setArm(arm).setInstructionLanguage("de").setExpectedLanguage("de")
                        .build())
                .setPrompt("Welche Farbe hat der Kreis?")
                .setReferences(ItemReferences.newBuilder().setAnswers(List.of("rot", "Rot")).build())
                .setText(text).setBackend("djl").setQueriedAt(AT).setCompletedAt(AT).build();
        return LabeledCompletion.newBuilder().setCompletion(completion)
                .setLabel(new LanguageLabel("de", "GERMAN", 0.9, null, null, "lingua"))
                .setScores(FidelityScores.newBuilder().setStatus(LabelStatus.LABELED).setFidelity(1).setLineFidelity(1)
                        .setLinesJudged(1).build())
                .setLabeledAt(AT).build();
    }
}
