package org.ifl.producers.replay;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ifl.producers.suite.InputException;
import org.ifl.producers.suite.InputProblem;

/**
 * The problems found in one file, collected so that all of them are reported at once; past {@link #LIMIT} a
 * file is badly enough broken that more would only bury the first ones.
 */
final class ProblemList {
    static final int LIMIT = 50;

    private final Path file;
    private final List<InputProblem> problems = new ArrayList<>();
    private boolean truncated;

    ProblemList(Path file) {
        this.file = file;
    }

    void add(long line, String field, String message) {
        add(new InputProblem(file, line, field, message));
    }

    void add(InputProblem problem) {
        if (problems.size() < LIMIT) {
            problems.add(problem);
        } else {
            truncated = true;
        }
    }

    void addAll(InputException e) {
        e.problems().forEach(this::add);
    }

    /** True once the limit is reached: readers stop reading then. */
    boolean full() {
        return problems.size() >= LIMIT;
    }

    int size() {
        return problems.size();
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    void throwIfAny() {
        if (!problems.isEmpty()) {
            throw toException();
        }
    }

    /** The exception naming every problem so far; there must be at least one. */
    InputException toException() {
        List<InputProblem> reported = new ArrayList<>(problems);
        if (truncated || full()) {
            reported.add(InputProblem.ofFile(file, "stopped after " + LIMIT + " problems; fix these and read again"));
        }
        return new InputException(reported);
    }
}
