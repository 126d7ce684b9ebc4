package org.ifl.producers;

import java.util.List;
import org.ifl.producers.internal.suite.InputProblem;

/**
 * An input file that cannot be used as it is, with every problem found in it (up to a limit), each naming its
 * file, line and field. Nothing of the file is published when it is thrown.
 */
public final class InputException extends RuntimeException {
    private final transient List<InputProblem> problems;

    public InputException(List<InputProblem> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    public InputException(InputProblem problem) {
        this(List.of(problem));
    }

    public List<InputProblem> problems() {
        return problems;
    }

    private static String message(List<InputProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an input exception names at least one problem");
        }
        if (problems.size() == 1) {
            return problems.get(0).toString();
        }
        StringBuilder s = new StringBuilder(problems.size() + " problems in the input:");
        problems.forEach(p -> s.append(System.lineSeparator()).append("  ").append(p));
        return s.toString();
    }
}
