package org.ifl.inferenceworker;

import java.time.Instant;
import org.ifl.schemas.avro.Completion;
import org.ifl.schemas.avro.InferenceError;
import org.ifl.schemas.avro.Query;
import org.ifl.schemas.avro.SteeringApplied;

/** Turns a query and what a backend made of it into the completion the worker publishes. */
final class Completions {
    private Completions() {
    }

    /**
     * The completion id is the query id and the model revision: a query redelivered after a crash is answered
     * under the same id, which stats-stream counts once.
     */
    static Completion of(Query query, Generation generation, String backend, String modelRevision, long latencyMs,
            Instant completedAt) {
        Generation.Failure failure = generation.failure();
        Generation.AppliedSteering steering = generation.steering();
        return Completion.newBuilder()
                .setCompletionId(query.getQueryId() + "|" + modelRevision)
                .setQueryId(query.getQueryId())
                .setPair(query.getPair())
                .setCondition(query.getCondition())
                .setPrompt(query.getPrompt())
                .setReferences(query.getReferences())
                .setText(generation.text())
                .setError(failure == null ? null : InferenceError.newBuilder().setCode(failure.code())
                        .setMessage(failure.message()).setRetriable(failure.retriable()).build())
                .setPromptTokens(generation.promptTokens())
                .setCompletionTokens(generation.completionTokens())
                .setLatencyMs(latencyMs)
                .setBackend(backend)
                .setModelRevision(modelRevision)
                .setSteering(steering == null ? null : SteeringApplied.newBuilder().setVectorId(steering.vectorId())
                        .setLayer(steering.layer()).setPooling(steering.pooling()).setScale(steering.scale()).build())
                .setReplayed(false)
                .setQueriedAt(query.getCreatedAt())
                .setCompletedAt(completedAt)
                .build();
    }
}
