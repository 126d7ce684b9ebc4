package org.ifl.producers.internal.replay;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ifl.producers.ReplayContents;
import org.ifl.producers.internal.suite.Skipped;

/**
 * What a replay reader has read from one file so far: the completions in file order, each completion id once,
 * and the rows it left out with their reasons.
 */
final class ReadCompletions {
    private final List<ReplayedCompletion> completions = new ArrayList<>();
    private final List<Skipped> skipped = new ArrayList<>();
    private final Map<String, Long> lineOfCompletionId = new HashMap<>();

    /**
     * Keeps {@code completion} unless its completion id was read before; then keeps nothing and returns the
     * line the id was first read on (null when it is new).
     */
    Long add(ReplayedCompletion completion) {
        Long first = lineOfCompletionId.putIfAbsent(completion.completion().getCompletionId(),
                completion.origin().line());
        if (first == null) {
            completions.add(completion);
        }
        return first;
    }

    void skip(Skipped row) {
        skipped.add(row);
    }

    ReplayContents contents() {
        return new ReplayContents(completions, skipped);
    }
}
