package org.ifl.producers.internal.replay;

import org.ifl.producers.internal.suite.Skipped;

/** Where a replay reader puts what it reads, one record at a time, in file order. */
public interface ReplaySink {

    /** A completion read without problems. */
    void completion(ReplayedCompletion completion);

    /** A row that is well formed but cannot be scored, with the reason. */
    void skipped(Skipped row);
}
