package org.ifl.producers;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads one file of stored model outputs in one format into completions. Malformed input (a broken line, a
 * missing or mistyped field, an unknown language or arm) is an {@link InputException} naming every problem's
 * file, line and field (up to {@value org.ifl.producers.internal.suite.read.InputProblems#LIMIT}), and nothing is
 * returned; a row that is well formed but cannot be scored (a language with no ISO 639-1 code) is
 * {@link org.ifl.producers.internal.suite.Skipped} with the reason and the rest is read.
 *
 * <p>Reading the same file twice gives equal results: ids come from the file's content, never from a clock or
 * a random source.
 */
public interface ReplayReader {

    /** The name the command line selects the format by: {@code jsonl}, {@code lcb}, {@code multiq}. */
    String format();

    /**
     * @param file     the file, as stored
     * @param defaults what the command line supplies where the file is silent (run id, model, checkpoint, time)
     * @throws InputException when the file is malformed
     * @throws IOException    when it cannot be read at all
     */
    ReplayContents read(Path file, ReplayDefaults defaults) throws IOException;
}
