package org.ifl.platform.json;

import java.nio.file.Path;

/**
 * Something wrong in a JSON input, and where: the file, the line (1-based; 0 when it is the file as a whole)
 * and the field by its path ({@code annotations[3].qa_pairs[0].question}; null when it is the value as a
 * whole). Printed as {@code file:line: field: message}, the way compilers name a place, so that editors and
 * terminals can jump to it.
 */
public record JsonProblem(Path file, long line, String field, String message) {

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + (field == null ? "" : field + ": ") + message;
    }
}
