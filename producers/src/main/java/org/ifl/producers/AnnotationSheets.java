package org.ifl.producers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ifl.producers.internal.annotation.AnnotationSheet;
import org.ifl.producers.internal.suite.InputProblem;
import org.ifl.producers.internal.suite.read.InputProblems;

/**
 * Annotation sheets: written by {@code ifl annotate sample} as CSV and JSON Lines side by side, read back (either
 * format) by {@code ifl annotate import} and the annotation page. The columns are {@link #COLUMNS}; see
 * docs/annotation.md.
 */
public final class AnnotationSheets {
    public static final List<String> COLUMNS = AnnotationSheet.COLUMNS;

    /** A row of a sheet and where it was read. */
    public record Line(Origin origin, AnnotationRow row) {
    }

    /** Appends rows to a sheet, each flushed as it is written. */
    public interface Writer extends AutoCloseable {
        void write(AnnotationRow row) throws IOException;

        @Override
        void close() throws IOException;
    }

    private AnnotationSheets() {
    }

    /**
     * Every row of {@code file}, each checked on its own (see {@link AnnotationSheet#read}).
     *
     * @throws InputException naming every problem (file:line: field: message), when there is one
     */
    public static List<Line> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new InputException(InputProblem.ofFile(file, "no such file"));
        }
        InputProblems problems = InputProblems.stoppingAtLimit(file);
        List<Line> lines = AnnotationSheet.read(file, problems);
        problems.throwIfAny();
        return lines;
    }

    /** A writer of new CSV and JSON Lines sheets; neither file may exist yet. */
    public static Writer create(Path csvFile, Path jsonlFile) throws IOException {
        return AnnotationSheet.SheetFiles.create(csvFile, jsonlFile);
    }

    /** One row as a JSON object, the JSON Lines sheet's line. */
    public static String json(AnnotationRow row) {
        return AnnotationSheet.json(row);
    }

    /** The same object as a tree, for a caller that adds fields to it (the annotation page). */
    public static ObjectNode jsonNode(AnnotationRow row) {
        return AnnotationSheet.node(row);
    }
}
