package org.ifl.producers;

import java.io.IOException;
import org.ifl.producers.internal.replay.ReplayPass;
import org.ifl.producers.internal.replay.ReplaySink;

/**
 * Reads one file of stored model outputs in one format, record by record, in memory that does not grow with the
 * file. Malformed input (a broken line, a missing or mistyped field, an unknown language or arm) is a problem
 * naming its file, line and field in the pass's problems, and the record is not given on; a row that is well
 * formed but cannot be scored (a language with no ISO 639-1 code) is {@link
 * org.ifl.producers.internal.suite.Skipped} with the reason. {@link CompletionReplayer} reads a file twice with
 * it: to check it whole, then to send it.
 *
 * <p>Reading the same file twice gives equal records: ids come from the file's content, never from a clock or
 * a random source.
 */
public interface ReplayReader {

    /** The name the command line selects the format by: {@code jsonl}, {@code lcb}, {@code multiq}. */
    String format();

    /**
     * Reads the pass's file from start to end (or until its problems are {@linkplain
     * org.ifl.producers.internal.suite.read.InputProblems#full full}), giving each completion and skipped row
     * to {@code sink} in file order.
     *
     * @throws IOException when the file cannot be read at all
     */
    void read(ReplayPass pass, ReplaySink sink) throws IOException;
}
