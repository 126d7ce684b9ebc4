package org.ifl.producers.internal.replay;

import static org.ifl.producers.internal.replay.TextArmCompletions.language;
import static org.ifl.producers.internal.replay.TextArmCompletions.nonBlank;
import static org.ifl.producers.internal.replay.TextArmCompletions.orDefault;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ifl.producers.ReplayDefaults;
import org.ifl.producers.ReplayReader;
import org.ifl.producers.internal.replay.TextArmCompletions.Run;
import org.ifl.producers.internal.suite.InputProblem;
import org.ifl.producers.internal.suite.read.CsvTable.Row;
import org.ifl.producers.internal.suite.read.CsvTable;
import org.ifl.producers.internal.suite.read.InputProblems;
import org.ifl.schemas.avro.PairKey;

/**
 * Model outputs of the Language Confusion Benchmark (Marchisio et al., 2024), in the layout of the released
 * {@code outputs/*.csv} of github.com/for-ai/language-confusion: a header, then one row per completion with
 * columns {@code [id,] model, completion, task, source, language}. {@code language} is the language the answer
 * must be in (the benchmark scores each completion against it); {@code task} is {@code monolingual} (the
 * prompt is written in that language) or {@code crosslingual} (an English prompt asks for that language).
 * The released files hold no prompts and no times. See {@code docs/replay.md} for the mapping.
 *
 * <p>Columns are found by name in any order and case, under the names listed in the constants below; only
 * {@code completion}, {@code source} and {@code language} are required.
 */
public final class LanguageConfusionCsv implements ReplayReader {
    public static final String FORMAT = "lcb";
    public static final String BACKEND = "replay";
    public static final String MONOLINGUAL = "monolingual";
    public static final String CROSSLINGUAL = "crosslingual";
    /** Language of the cross-lingual prompts: the benchmark writes them in English. */
    public static final String CROSSLINGUAL_INSTRUCTION_LANGUAGE = "en";

    static final String[] COMPLETION = {"completion", "model_completion", "response", "output"};
    static final String[] SOURCE = {"source"};
    static final String[] LANGUAGE = {"language", "lang"};
    static final String[] TASK = {"task"};
    static final String[] MODEL = {"model", "model_name"};
    static final String[] ID = {"id"};
    static final String[] PROMPT = {"prompt"};
    static final String[] EXPECTED_LANGUAGE = {"expected_language", "target_language", "language_requested"};

    private static final Set<String> TASKS = Set.of(MONOLINGUAL, CROSSLINGUAL);

    @Override
    public String format() {
        return FORMAT;
    }

    /** {@code lcb-<task>-<source>}: okapi has both tasks, and the two must not share a cell. */
    public static String dataset(String task, String source) {
        return "lcb-" + task + "-" + source;
    }

    @Override
    public void read(ReplayPass pass, ReplaySink sink) throws IOException {
        TextArmCompletions.read(pass, sink, Columns::find);
    }

    /** The columns of one file, found by name. */
    private record Columns(String completionColumn, String sourceColumn, String languageColumn, String taskColumn,
            String modelColumn, String idColumn, String promptColumn, String expectedColumn)
            implements TextArmCompletions.Rows {

        static Columns find(CsvTable table, ReplayDefaults defaults, InputProblems problems) {
            Columns columns = new Columns(table.requireColumn(problems, "completion", COMPLETION),
                    table.requireColumn(problems, "source", SOURCE),
                    table.requireColumn(problems, "language", LANGUAGE), table.column(TASK), table.column(MODEL),
                    table.column(ID), table.column(PROMPT), table.column(EXPECTED_LANGUAGE));
            boolean readable = columns.completionColumn != null && columns.sourceColumn != null
                    && columns.languageColumn != null;
            if (columns.modelColumn == null && defaults.model() == null) {
                problems.add(new InputProblem(table.file(), table.headerLine(), "model",
                        "no model column and no default model (--model)"));
                readable = false;
            }
            return readable ? columns : null;
        }

        @Override
        public ReplayedCompletion read(Row row, Run run, InputProblems problems, ReplaySink sink) {
            int before = problems.count();
            String model = orDefault(row, modelColumn, run.defaults().model(), problems);
            String checkpoint = run.checkpoint(row, problems);
            String source = nonBlank(row, sourceColumn, problems);
            String task = taskColumn == null ? MONOLINGUAL : task(row, taskColumn, problems);
            String language = language(row, languageColumn, problems);
            String expected = expectedColumn == null || row.asWritten(expectedColumn).isBlank() ? language
                    : language(row, expectedColumn, problems);
            // The released files have no id column or one holding pandas' row index; the row's position is
            // that same index, so both layouts name an item alike.
            String itemId = idColumn == null ? Long.toString(row.number() - 1L)
                    : nonBlank(row, idColumn, problems);
            if (problems.count() > before) {
                return null;
            }
            PairKey pair = PairKey.newBuilder().setRunId(run.runId()).setModel(model).setCheckpoint(checkpoint)
                    .setDataset(dataset(task, source)).setItemId(itemId).setLanguage(language).build();
            String instructionLanguage = CROSSLINGUAL.equals(task) ? CROSSLINGUAL_INSTRUCTION_LANGUAGE : language;
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("task", task);
            attributes.put("source", source);
            String prompt = promptColumn == null ? "" : row.asWritten(promptColumn);
            return TextArmCompletions.of(pair, instructionLanguage, expected, prompt, row.asWritten(completionColumn),
                    BACKEND, run.time(), row.origin(), attributes);
        }
    }

    private static String task(Row row, String column, InputProblems problems) {
        String task = row.asWritten(column).strip().toLowerCase(Locale.ROOT);
        if (!TASKS.contains(task)) {
            problems.add(row.problem(column, "unknown task '" + row.asWritten(column) + "'; expected "
                    + MONOLINGUAL + " or " + CROSSLINGUAL));
            return null;
        }
        return task;
    }
}
