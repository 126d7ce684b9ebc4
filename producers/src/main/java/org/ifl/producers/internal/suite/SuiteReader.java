package org.ifl.producers.internal.suite;

import java.io.IOException;
import java.nio.file.Path;
import org.ifl.producers.InputException;
import org.ifl.producers.SuiteContents;

/**
 * Reads one benchmark in its published layout. Malformed input (a broken JSON line, a missing field, an
 * unknown language code) is an {@link InputException} naming every problem's file, line and field, and
 * nothing is returned; an item that is well formed but cannot be asked (no description for its image) is
 * {@link Skipped} with the reason and the rest is read.
 */
public interface SuiteReader {

    /** The dataset name its items carry. */
    String dataset();

    /**
     * @param path the benchmark's file or folder, as the user downloaded it
     * @throws InputException when the input is malformed
     * @throws IOException    when it cannot be read at all
     */
    SuiteContents read(Path path) throws IOException;
}
