package org.ifl.producers.internal.suite;

import java.nio.file.Path;

/**
 * Something wrong in an input file, and where: the file, the line (1-based; 0 when the problem is the file as
 * a whole) and the field (null when it is the line as a whole). Printed as {@code file:line: field: message},
 * the way compilers name a place, so editors and terminals can jump to it.
 */
public record InputProblem(Path file, long line, String field, String message) {

    public static InputProblem ofFile(Path file, String message) {
        return new InputProblem(file, 0, null, message);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(String.valueOf(file));
        if (line > 0) {
            s.append(':').append(line);
        }
        s.append(": ");
        if (field != null) {
            s.append(field).append(": ");
        }
        return s.append(message).toString();
    }
}
