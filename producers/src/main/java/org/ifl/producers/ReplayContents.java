package org.ifl.producers;

import java.util.List;
import org.ifl.producers.internal.replay.ReplayedCompletion;
import org.ifl.producers.internal.suite.Skipped;

/** What a replay reader read from a file: the completions in file order, and the rows it left out, with reasons. */
public record ReplayContents(List<ReplayedCompletion> completions, List<Skipped> skipped) {

    public ReplayContents {
        completions = List.copyOf(completions);
        skipped = List.copyOf(skipped);
    }
}
