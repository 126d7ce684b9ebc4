package org.ifl.producers.replay;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ifl.producers.suite.Origin;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.Completion;
import org.ifl.schemas.avro.Condition;
import org.ifl.schemas.avro.ItemReferences;
import org.ifl.schemas.avro.PairKey;
import org.ifl.schemas.avro.TaskKind;

/**
 * Completions of the text-only benchmarks (LCB, MultiQ), which store an answer and little else: TEXT arm,
 * fidelity task, no references, no token counts, one time for query and completion.
 */
final class TextArmCompletions {
    private TextArmCompletions() {
    }

    static ReplayedCompletion of(PairKey pair, String instructionLanguage, String expectedLanguage, String prompt,
            String text, String backend, Instant time, Origin origin, Map<String, String> attributes) {
        Completion completion = Completion.newBuilder()
                .setCompletionId(ReplayIds.completionId(pair, Arm.TEXT))
                .setQueryId(ReplayIds.queryId(pair, Arm.TEXT))
                .setPair(pair)
                .setCondition(Condition.newBuilder().setArm(Arm.TEXT).setTask(TaskKind.FIDELITY)
                        .setInstructionLanguage(instructionLanguage).setExpectedLanguage(expectedLanguage)
                        .setPattern(null).setAlignment(null).build())
                .setPrompt(prompt)
                .setReferences(ItemReferences.newBuilder().setAnswers(List.of()).setReferenceText(null)
                        .setEntities(List.of()).setCooccurringPairs(List.of()).build())
                .setText(text)
                .setError(null)
                .setPromptTokens(0)
                .setCompletionTokens(0)
                .setLatencyMs(0L)
                .setBackend(backend)
                .setModelRevision(null)
                .setSteering(null)
                .setReplayed(true)
                .setQueriedAt(time)
                .setCompletedAt(time)
                .build();
        return new ReplayedCompletion(completion, origin, attributes);
    }
}
