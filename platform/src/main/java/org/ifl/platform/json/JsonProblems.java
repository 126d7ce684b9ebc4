package org.ifl.platform.json;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The problems of one JSON file gathered while it is read, then thrown together, so that a file written by
 * hand (a model's metadata, a steering-vector file) is fixed in one go rather than one error at a time.
 */
public final class JsonProblems implements Consumer<JsonProblem> {
    private final List<JsonProblem> problems = new ArrayList<>();

    @Override
    public void accept(JsonProblem problem) {
        problems.add(problem);
    }

    public List<JsonProblem> list() {
        return List.copyOf(problems);
    }

    /**
     * @param what what the file is, for the message ("model metadata")
     * @throws IllegalArgumentException the {@link #exception} when there is a problem
     */
    public void throwIfAny(Path file, String what) {
        if (!problems.isEmpty()) {
            throw exception(file, what);
        }
    }

    /**
     * The exception naming {@code file} and listing every problem, one per line, for a reader that cannot go on;
     * there must be a problem.
     */
    public IllegalArgumentException exception(Path file, String what) {
        if (problems.isEmpty()) {
            throw new IllegalStateException("no problem with " + file + " to report");
        }
        StringBuilder message = new StringBuilder().append(file).append(": invalid ").append(what).append(" (")
                .append(problems.size()).append(problems.size() == 1 ? " problem):" : " problems):");
        problems.forEach(p -> message.append("\n  ").append(p));
        return new IllegalArgumentException(message.toString());
    }
}
