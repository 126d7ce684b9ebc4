package org.ifl.producers.internal.replay;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ifl.producers.Origin;
import org.ifl.producers.ReplayDefaults;
import org.ifl.producers.ReplayReader;
import org.ifl.producers.internal.suite.InputProblem;
import org.ifl.producers.internal.suite.read.CsvTable.Row;
import org.ifl.producers.internal.suite.read.CsvTable.RowWidthMessage;
import org.ifl.producers.internal.suite.read.CsvTable;
import org.ifl.producers.internal.suite.read.InputProblems;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.Completion;
import org.ifl.schemas.avro.Condition;
import org.ifl.schemas.avro.ItemReferences;
import org.ifl.schemas.avro.PairKey;
import org.ifl.schemas.avro.TaskKind;

/**
 * Completions of the text-only benchmarks (LCB, MultiQ), which store an answer and little else: TEXT arm,
 * fidelity task, no references, no token counts, one time for query and completion. Their files are CSV with
 * one completion per row; {@link #read} reads such a file, with what differs between the benchmarks (their
 * columns, how a row names its item and language) given by a {@link Format}.
 */
final class TextArmCompletions {
    /** What every format accepts as the checkpoint column; without one, {@code --checkpoint} is needed. */
    static final String[] CHECKPOINT = {"checkpoint"};

    private TextArmCompletions() {
    }

    /** One benchmark's layout: which columns it needs, found in a file's header. */
    interface Format {
        /**
         * Finds the format's columns in {@code table}, adding a problem at the header for each it needs and
         * lacks (the checkpoint column excepted: {@link #read} checks that one); null when rows cannot be read.
         */
        Rows columns(CsvTable table, ReplayDefaults defaults, InputProblems problems);
    }

    /** How the rows of one file, its columns found, become completions. */
    interface Rows {
        /**
         * The row's completion; null when the row has problems (added to {@code problems}) or is left out
         * (given to {@code sink} as skipped).
         */
        ReplayedCompletion read(Row row, Run run, InputProblems problems, ReplaySink sink);
    }

    /**
     * What the rows of one file share.
     *
     * @param runId            the file's run id, from the command line or the file's content
     * @param time             queriedAt and completedAt of every completion
     * @param checkpointColumn the file's checkpoint column, null when it has none
     * @param defaults         what the command line supplies
     */
    record Run(String runId, Instant time, String checkpointColumn, ReplayDefaults defaults) {

        /** The row's checkpoint, else the command line's. */
        String checkpoint(Row row, InputProblems problems) {
            return orDefault(row, checkpointColumn, defaults.checkpoint(), problems);
        }
    }

    /** Reads a file of {@code format} record by record; see {@link ReplayReader#read}. */
    static void read(ReplayPass pass, ReplaySink sink, Format format) throws IOException {
        Path path = pass.path();
        InputProblems problems = pass.problems();
        ReplayDefaults defaults = pass.defaults();
        try (ReplayLines lines = pass.lines()) {
            CsvRecords records = new CsvRecords(lines, problems, pass.maxLineBytes());
            CsvRecords.Record header = records.next();
            if (header == null) {
                if (problems.isEmpty()) {
                    problems.add(InputProblem.ofFile(path, "empty: expected a header row"));
                }
                return;
            }
            CsvTable table = CsvTable.ofHeader(path, header.line(), header.cells(), problems);
            Rows rows = format.columns(table, defaults, problems);
            String checkpointColumn = table.column(CHECKPOINT);
            if (checkpointColumn == null && defaults.checkpoint() == null) {
                problems.add(new InputProblem(path, table.headerLine(), "checkpoint",
                        "no checkpoint column and no default checkpoint (--checkpoint)"));
                return;
            }
            if (rows == null) {
                return;
            }
            Run run = new Run(pass.runId(), pass.fallbackTime(), checkpointColumn, defaults);
            for (CsvRecords.Record record = records.next(); record != null && !problems.full();
                    record = records.next()) {
                Row row = table.row(record.line(), record.cells(), RowWidthMessage.VALUES_AND_HEADER, problems);
                ReplayedCompletion completion = row == null ? null : rows.read(row, run, problems, sink);
                if (completion != null) {
                    sink.completion(completion);
                }
            }
        }
    }

    static ReplayedCompletion of(PairKey pair, String instructionLanguage, String expectedLanguage, String prompt,
            String text, String backend, Instant time, Origin origin, Map<String, String> attributes) {
        Completion completion = Completion.newBuilder()
                .setCompletionId(ReplayIds.completionId(pair, Arm.TEXT))
                .setQueryId(ReplayIds.queryId(pair, Arm.TEXT))
                .setPair(pair)
                .setCondition(Condition.newBuilder().setArm(Arm.TEXT).setTask(TaskKind.FIDELITY)
                        .setInstructionLanguage(instructionLanguage).setExpectedLanguage(expectedLanguage)
                        .setPattern(null).setAlignment(null).build())
                .setPrompt(prompt)
                .setReferences(ItemReferences.newBuilder().setAnswers(List.of()).setReferenceText(null)
                        .setEntities(List.of()).setCooccurringPairs(List.of()).build())
                .setText(text)
                .setError(null)
                .setPromptTokens(0)
                .setCompletionTokens(0)
                .setLatencyMs(0L)
                .setBackend(backend)
                .setModelRevision(null)
                .setSteering(null)
                .setReplayed(true)
                .setQueriedAt(time)
                .setCompletedAt(time)
                .build();
        return new ReplayedCompletion(completion, origin, attributes);
    }

    /** The language code of the row's cell in {@code column}; null, and a problem, when it names none. */
    static String language(Row row, String column, InputProblems problems) {
        return problems.language(row.asWritten(column), row.origin(), column);
    }

    /** The row's cell in {@code column}, stripped; null, and a problem, when it is blank. */
    static String nonBlank(Row row, String column, InputProblems problems) {
        String value = row.asWritten(column).strip();
        if (value.isEmpty()) {
            problems.add(row.problem(column, "is empty"));
            return null;
        }
        return value;
    }

    /** The row's value where the file has the column, else the command line's. */
    static String orDefault(Row row, String column, String fromDefaults, InputProblems problems) {
        if (column == null) {
            return fromDefaults;
        }
        if (row.asWritten(column).isBlank() && fromDefaults != null) {
            return fromDefaults;
        }
        return nonBlank(row, column, problems);
    }
}
