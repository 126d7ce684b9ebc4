package org.ifl.producers.internal.suite.read;

import java.io.IOException;
import java.nio.file.Path;
import org.ifl.producers.InputException;
import org.ifl.producers.SuiteContents;
import org.ifl.producers.internal.suite.SuiteReader;

/**
 * What the benchmark readers share: a dataset name, and a read that gathers every problem of the input in one
 * {@link InputProblems} and throws them together at the end, so that nothing is returned from malformed input.
 */
public abstract class ProblemCollectingReader implements SuiteReader {
    private final String dataset;

    protected ProblemCollectingReader(String dataset) {
        this.dataset = dataset;
    }

    @Override
    public final String dataset() {
        return dataset;
    }

    @Override
    public final SuiteContents read(Path path) throws IOException {
        InputProblems problems = new InputProblems();
        SuiteContents contents = read(path, problems);
        problems.throwIfAny();
        return contents;
    }

    /**
     * Reads {@code path}, adding each problem found to {@code problems} (or throwing an {@link InputException}
     * where nothing more can be read); what it returns is discarded when there is a problem.
     *
     * @param path the benchmark's file or folder, as {@link SuiteReader#read} takes it
     */
    protected abstract SuiteContents read(Path path, InputProblems problems) throws IOException;
}
