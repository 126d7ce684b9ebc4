package org.ifl.producers;

import java.nio.file.Path;
import org.ifl.platform.json.LocatedNode;
import org.ifl.producers.internal.suite.InputProblem;

/** The file and line (1-based; 0 for a whole file) an item was read from, for reports and errors. */
public record Origin(Path file, long line) {

    /** Where a value of a JSON input was read. */
    public static Origin of(LocatedNode value) {
        return new Origin(value.file(), value.line());
    }

    public InputProblem problem(String field, String message) {
        return new InputProblem(file, line, field, message);
    }

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : String.valueOf(file);
    }
}
