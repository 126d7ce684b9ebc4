package org.ifl.producers.replay;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ifl.producers.replay.CsvTable.Column;
import org.ifl.producers.replay.CsvTable.Row;
import org.ifl.producers.suite.InputException;
import org.ifl.producers.suite.Languages;
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
    static final String[] CHECKPOINT = {"checkpoint"};
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
    public ReplayContents read(Path path, ReplayDefaults defaults) throws IOException {
        ReplayFile file = ReplayFile.read(path);
        ProblemList problems = new ProblemList(path);
        CsvTable table = CsvTable.parse(file, problems);
        Column completionColumn = table.requiredColumn(problems, "completion", COMPLETION);
        Column sourceColumn = table.requiredColumn(problems, "source", SOURCE);
        Column languageColumn = table.requiredColumn(problems, "language", LANGUAGE);
        Column taskColumn = table.column(TASK);
        Column modelColumn = table.column(MODEL);
        Column idColumn = table.column(ID);
        Column promptColumn = table.column(PROMPT);
        Column checkpointColumn = table.column(CHECKPOINT);
        Column expectedColumn = table.column(EXPECTED_LANGUAGE);
        boolean readable = completionColumn != null && sourceColumn != null && languageColumn != null;
        if (modelColumn == null && defaults.model() == null) {
            problems.add(1, "model", "no model column and no default model (--model)");
            readable = false;
        }
        if (checkpointColumn == null && defaults.checkpoint() == null) {
            problems.add(1, "checkpoint", "no checkpoint column and no default checkpoint (--checkpoint)");
            readable = false;
        }
        if (!readable) {
            throw problems.toException();
        }

        String runId = file.runId(defaults);
        Instant time = file.fallbackTime(defaults);
        List<ReplayedCompletion> completions = new ArrayList<>();
        Map<String, Long> lineOfCompletionId = new HashMap<>();
        for (Row row : table.rows()) {
            if (problems.full()) {
                break;
            }
            int before = problems.size();
            String model = orDefault(row, modelColumn, defaults.model(), problems);
            String checkpoint = orDefault(row, checkpointColumn, defaults.checkpoint(), problems);
            String source = nonBlank(row, sourceColumn, problems);
            String task = taskColumn == null ? MONOLINGUAL : task(row, taskColumn, problems);
            String language = language(row, languageColumn, problems);
            String expected = expectedColumn == null || CsvTable.value(row, expectedColumn).isBlank() ? language
                    : language(row, expectedColumn, problems);
            // The released files have no id column or one holding pandas' row index; the row's position is
            // that same index, so both layouts name an item alike.
            String itemId = idColumn == null ? Long.toString(row.index()) : nonBlank(row, idColumn, problems);
            if (problems.size() > before) {
                continue;
            }
            PairKey pair = PairKey.newBuilder().setRunId(runId).setModel(model).setCheckpoint(checkpoint)
                    .setDataset(dataset(task, source)).setItemId(itemId).setLanguage(language).build();
            String instructionLanguage = CROSSLINGUAL.equals(task) ? CROSSLINGUAL_INSTRUCTION_LANGUAGE : language;
            String prompt = promptColumn == null ? "" : CsvTable.value(row, promptColumn);
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("task", task);
            attributes.put("source", source);
            ReplayedCompletion completion = TextArmCompletions.of(pair, instructionLanguage, expected, prompt,
                    CsvTable.value(row, completionColumn), BACKEND, time, row.origin(), attributes);
            String id = completion.completion().getCompletionId();
            Long first = lineOfCompletionId.putIfAbsent(id, row.origin().line());
            if (first != null) {
                problems.add(row.origin().problem(idColumn == null ? null : idColumn.name(), "item " + itemId
                        + " of " + pair.getDataset() + " (" + language + ") is already on line " + first));
                continue;
            }
            completions.add(completion);
        }
        problems.throwIfAny();
        return new ReplayContents(completions, List.of());
    }

    private static String task(Row row, Column column, ProblemList problems) {
        String task = CsvTable.value(row, column).strip().toLowerCase(Locale.ROOT);
        if (!TASKS.contains(task)) {
            problems.add(row.origin().problem(column.name(), "unknown task '" + CsvTable.value(row, column)
                    + "'; expected " + MONOLINGUAL + " or " + CROSSLINGUAL));
            return null;
        }
        return task;
    }

    static String language(Row row, Column column, ProblemList problems) {
        try {
            return Languages.require(CsvTable.value(row, column), row.origin(), column.name());
        } catch (InputException e) {
            problems.addAll(e);
            return null;
        }
    }

    static String nonBlank(Row row, Column column, ProblemList problems) {
        String value = CsvTable.value(row, column).strip();
        if (value.isEmpty()) {
            problems.add(row.origin().problem(column.name(), "is empty"));
            return null;
        }
        return value;
    }

    /** The row's value where the file has the column, else the command line's. */
    static String orDefault(Row row, Column column, String fromDefaults, ProblemList problems) {
        if (column == null) {
            return fromDefaults;
        }
        if (CsvTable.value(row, column).isBlank() && fromDefaults != null) {
            return fromDefaults;
        }
        return nonBlank(row, column, problems);
    }
}
