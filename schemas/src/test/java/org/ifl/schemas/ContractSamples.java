package org.ifl.schemas;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.ifl.schemas.avro.Alert;
import org.ifl.schemas.avro.AlertState;
import org.ifl.schemas.avro.AlignmentSetting;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.ArmFigures;
import org.ifl.schemas.avro.CellStatistics;
import org.ifl.schemas.avro.Checkpoint;
import org.ifl.schemas.avro.Completion;
import org.ifl.schemas.avro.Condition;
import org.ifl.schemas.avro.DeadLetter;
import org.ifl.schemas.avro.Estimate;
import org.ifl.schemas.avro.ExpertAnnotation;
import org.ifl.schemas.avro.FidelityScores;
import org.ifl.schemas.avro.ImageRef;
import org.ifl.schemas.avro.ItemReferences;
import org.ifl.schemas.avro.LabelStatus;
import org.ifl.schemas.avro.LabeledCompletion;
import org.ifl.schemas.avro.LanguageLabel;
import org.ifl.schemas.avro.PairKey;
import org.ifl.schemas.avro.PromptPattern;
import org.ifl.schemas.avro.Query;
import org.ifl.schemas.avro.ReferenceEntity;
import org.ifl.schemas.avro.DatasetEntity;
import org.ifl.schemas.avro.StatsScope;
import org.ifl.schemas.avro.StatsWindow;
import org.ifl.schemas.avro.SteeringApplied;
import org.ifl.schemas.avro.TaskKind;
import org.ifl.schemas.avro.WindowKind;
import org.ifl.schemas.avro.WordLevelStatus;
import org.ifl.schemas.topic.RecordKey;
import org.ifl.schemas.topic.TopicContract;
import org.ifl.schemas.topic.Topics;

/** One filled-in record per topic contract (every optional field set), and the key it would be sent with. */
public final class ContractSamples {
    public static final Instant AT = Instant.parse("2026-11-23T10:15:30Z");
    public static final PairKey PAIR = new PairKey("run-7", "ref-vlm", "step-2000", "maxm", "item|42", "de");

    private ContractSamples() {
    }

    public record Sample(String key, SpecificRecord value) {
    }

    public static Sample of(TopicContract<?, ?> contract) {
        Map<TopicContract<?, ?>, Sample> samples = Map.of(
                Topics.CHECKPOINTS, new Sample(RecordKey.checkpoint("ref-vlm", "step-2000"), checkpoint()),
                Topics.QUERIES, new Sample(RecordKey.pair(PAIR), query()),
                Topics.COMPLETIONS, new Sample(RecordKey.cell(PAIR), completion()),
                Topics.LABELED, new Sample(RecordKey.cell(PAIR), labeled()),
                Topics.ANNOTATIONS, new Sample(RecordKey.cell(PAIR), annotation()),
                Topics.STATS, new Sample(RecordKey.of("CELL", "ref-vlm", "step-2000", "maxm", "de", "cumulative"), stats()),
                Topics.ALERTS, new Sample(RecordKey.checkpoint("ref-vlm", "step-2000"), alert()),
                Topics.DEAD_LETTERS, new Sample("eval.completions-3@17", deadLetter()),
                Topics.ENTITIES, new Sample(RecordKey.of("artwork", "Q5598"), datasetEntity()));
        Sample sample = samples.get(contract);
        if (sample == null) {
            throw new IllegalArgumentException("no sample for " + contract.name() + ": add one here");
        }
        return sample;
    }

    public static DatasetEntity datasetEntity() {
        return DatasetEntity.newBuilder().setDataset("artwork")
                .setEntity(new ReferenceEntity("Q5598", Map.of("en", List.of("Rembrandt", "Rembrandt van Rijn"),
                        "ja", List.of("レンブラント"))))
                .setPublishedAt(AT).build();
    }

    public static Checkpoint checkpoint() {
        return Checkpoint.newBuilder().setModel("ref-vlm").setCheckpoint("step-2000").setBackend("djl")
                .setLocation("models/ref-vlm/step-2000").setRevision("sha256:ab12").setBaselineCheckpoint("step-1000")
                .setSuites(List.of("maxm", "artwork")).setRemedyEnabled(true).setRegisteredAt(AT)
                .setAttributes(Map.of("trainer", "ifl train-reference")).build();
    }

    public static Condition condition(Arm arm) {
        return Condition.newBuilder().setArm(arm).setTask(TaskKind.EXPLANATION).setInstructionLanguage("de")
                .setExpectedLanguage("de").setPattern(PromptPattern.L_L).setAlignment(AlignmentSetting.ALIGNMENT_10)
                .build();
    }

    public static ItemReferences references() {
        return ItemReferences.newBuilder().setAnswers(List.of("zwei", "2"))
                .setReferenceText("Die Nachtwache ist ein Gemälde von Rembrandt.")
                .setEntities(List.of(new ReferenceEntity("rembrandt",
                        Map.of("de", List.of("Rembrandt", "Rembrandt van Rijn"), "ja", List.of("レンブラント")))))
                .setCooccurringPairs(List.of(List.of("rembrandt", "night-watch"))).build();
    }

    public static Query query() {
        return Query.newBuilder().setQueryId("q-1").setPair(PAIR).setCondition(condition(Arm.IMAGE))
                .setPrompt("Wie viele Kreise sind auf dem Bild?").setDescription("Zwei rote Kreise.")
                .setImage(new ImageRef("file:images/42.png", "ab12cd", "image/png", 64, 48))
                .setImageBytes(ByteBuffer.wrap(new byte[] {(byte) 0x89, 'P', 'N', 'G'}))
                .setReferences(references()).setMaxNewTokens(64).setCreatedAt(AT)
                .setAttributes(Map.of("suite", "maxm")).build();
    }

    public static Completion completion() {
        return Completion.newBuilder().setCompletionId("c-1").setQueryId("q-1").setPair(PAIR)
                .setCondition(condition(Arm.IMAGE_REMEDY)).setPrompt("Wie viele Kreise sind auf dem Bild?")
                .setReferences(references()).setText("Es sind zwei Kreise.").setError(null).setPromptTokens(40)
                .setCompletionTokens(21).setLatencyMs(35).setBackend("djl").setModelRevision("sha256:ab12")
                .setSteering(new SteeringApplied("ref-vlm/de/layer2/mean", 2, "mean", 1.0f)).setReplayed(false)
                .setQueriedAt(AT).setCompletedAt(AT.plusMillis(35)).build();
    }

    public static LabeledCompletion labeled() {
        return LabeledCompletion.newBuilder().setCompletion(completion())
                .setLabel(new LanguageLabel("de", "GERMAN", 0.97, "nl", 0.02, "lingua-1.2.2"))
                .setScores(new FidelityScores(LabelStatus.LABELED, 1, 1, 1, List.of(), WordLevelStatus.NOT_APPLICABLE,
                        List.of()))
                .setEntityScores(new org.ifl.schemas.avro.EntityScores(1.0, 1.0, 0.5, 0.667, null, 1, 1, 2))
                .setLabeledAt(AT.plusMillis(50)).setAnswerMatch(true).build();
    }

    public static ExpertAnnotation annotation() {
        return ExpertAnnotation.newBuilder().setCompletionId("c-1").setPair(PAIR).setArm(Arm.IMAGE)
                .setTrueLanguage("de").setSamplingProbability(0.1).setAnnotator("expert-3").setAnnotatedAt(AT)
                .setCorrect(true).setSample("seed 7, 200 per cell")
                .build();
    }

    public static Estimate estimate(double value) {
        return new Estimate(value, value - 0.1, value + 0.1, 40L, "wilson");
    }

    public static CellStatistics stats() {
        ArmFigures arm = new ArmFigures(40L, estimate(0.8), estimate(0.75), 1L, 2L, null);
        return CellStatistics.newBuilder().setScope(StatsScope.CELL).setModel("ref-vlm").setCheckpoint("step-2000")
                .setDataset("maxm").setLanguage("de").setWindow(new StatsWindow(WindowKind.CUMULATIVE, null, null))
                .setText(arm).setImage(arm).setImageRemedy(arm).setPairs(40L).setRemedyPairs(40L).setUnpairedText(1L)
                .setUnpairedImage(0L).setUnpairedImageRemedy(0L).setIfl(estimate(-0.4)).setIflRemedy(estimate(-0.2))
                .setDiff(estimate(0.2)).setRelative(0.5).setLineIfl(estimate(-0.35)).setDsl(null).setCellsAveraged(1)
                .setPooled(null).setUpdatedAt(AT).build();
    }

    public static Alert alert() {
        return Alert.newBuilder().setAlertId("a-1").setState(AlertState.FIRING).setModel("ref-vlm")
                .setCheckpoint("step-2000").setBaselineCheckpoint("step-1000").setDataset("maxm")
                .setLanguages(List.of("de", "ja")).setIfl(estimate(-0.5)).setBaselineIfl(estimate(-0.2))
                .setDifference(estimate(-0.3)).setThreshold(0.1).setReason("IFL worse by 0.30 (CI excludes 0)")
                .setDetectedAt(AT).build();
    }

    public static DeadLetter deadLetter() {
        return DeadLetter.newBuilder().setStage("lid-stream").setReason("WRONG_MAGIC_BYTE: ...")
                .setErrorClass("org.ifl.schemas.serde.WireFormatException").setSourceTopic("eval.completions")
                .setSourcePartition(3).setSourceOffset(17L).setSourceTimestamp(AT)
                .setKey(ByteBuffer.wrap("k".getBytes(StandardCharsets.UTF_8)))
                .setValue(ByteBuffer.wrap(new byte[] {1, 2, 3}))
                .setHeaders(List.of(new org.ifl.schemas.avro.DeadLetterHeader("trace", null))).setFailedAt(AT).build();
    }
}
