package org.ifl.benchmarks;

import java.time.Instant;
import org.ifl.schemas.avro.Completion;
import org.ifl.schemas.avro.Query;

/** Completions that answer published queries as a stored run would: replayed, from the {@code bench} backend. */
public final class StoredAnswers {
    private StoredAnswers() {
    }

    /** {@code query} answered with {@code text}; every field not named here keeps its contract default. */
    public static Completion of(Query query, String completionId, String text, Instant queriedAt,
            Instant completedAt) {
        return Completion.newBuilder()
                .setCompletionId(completionId)
                .setQueryId(query.getQueryId())
                .setPair(query.getPair())
                .setCondition(query.getCondition())
                .setPrompt(query.getPrompt())
                .setReferences(query.getReferences())
                .setText(text)
                .setBackend("bench")
                .setReplayed(true)
                .setQueriedAt(queriedAt)
                .setCompletedAt(completedAt)
                .build();
    }
}
