package org.ifl.producers.internal.replay;

import static org.ifl.producers.internal.replay.TextArmCompletions.nonBlank;
import static org.ifl.producers.internal.replay.TextArmCompletions.orDefault;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.ifl.producers.ReplayDefaults;
import org.ifl.producers.ReplayReader;
import org.ifl.producers.internal.replay.TextArmCompletions.Run;
import org.ifl.producers.internal.suite.InputProblem;
import org.ifl.producers.internal.suite.Languages;
import org.ifl.producers.internal.suite.Skipped;
import org.ifl.producers.internal.suite.read.CsvTable.Row;
import org.ifl.producers.internal.suite.read.CsvTable;
import org.ifl.producers.internal.suite.read.InputProblems;
import org.ifl.schemas.avro.PairKey;

/**
 * Model completions on MultiQ (Holtermann et al., 2024), in the layout of github.com/paul-rottger/multiq: the
 * benchmark's own columns ({@code id, language, prompt, domain}, as in {@code data/MultiQ.csv}) with the
 * completion and the model added by its scripts, {@code model_completion} and {@code model_name} for open
 * models ({@code src/2_get_completions/get_completions_simplegen.py}), a configurable output column and
 * {@code model} for OpenAI models ({@code get_completions_openai.py}). Files under
 * {@code data/model_completions/} are named after the model. See {@code docs/replay.md}.
 *
 * <p>Item ids are MultiQ's {@code id} ({@code gpt-17}, {@code lmsys-3}), the same the MultiQ suite adapter
 * uses, so replayed answers pair with fresh ones. MultiQ's languages are Google Translate's codes; those with no
 * ISO 639-1 code ({@code ceb}, {@code haw}, {@code mni-Mtei}) are skipped with the reason, since cells are keyed
 * by ISO 639-1, and a code that names no language at all is a problem.
 */
public final class MultiqCompletions implements ReplayReader {
    public static final String FORMAT = "multiq";
    public static final String DATASET = "multiq";
    public static final String BACKEND = "replay";

    static final String[] ID = {"id"};
    static final String[] LANGUAGE = {"language", "lang"};
    static final String[] PROMPT = {"prompt"};
    static final String[] COMPLETION = {"model_completion", "completion", "response", "output"};
    static final String[] MODEL = {"model_name", "model"};
    static final String[] DOMAIN = {"domain"};

    /** Google Translate's code for Javanese, which MultiQ keeps; ISO 639-1 says jv. */
    private static final Map<String, String> GOOGLE_CODES = Map.of("jw", "jv");

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public void read(ReplayPass pass, ReplaySink sink) throws IOException {
        TextArmCompletions.read(pass, sink, Columns::find);
    }

    /**
     * The columns of one file, found by name, and the model of rows without one: the command line's, else the
     * file's name (the released files are named after the model; the command line's --model is the surer word).
     */
    private record Columns(String idColumn, String languageColumn, String promptColumn, String completionColumn,
            String modelColumn, String domainColumn, String fallbackModel) implements TextArmCompletions.Rows {

        static Columns find(CsvTable table, ReplayDefaults defaults, InputProblems problems) {
            Columns columns = new Columns(table.requireColumn(problems, "id", ID),
                    table.requireColumn(problems, "language", LANGUAGE),
                    table.requireColumn(problems, "prompt", PROMPT),
                    table.requireColumn(problems, "completion", COMPLETION), table.column(MODEL),
                    table.column(DOMAIN),
                    defaults.model() != null ? defaults.model() : modelFromFileName(table.file()));
            boolean readable = columns.idColumn != null && columns.languageColumn != null
                    && columns.promptColumn != null && columns.completionColumn != null;
            return readable ? columns : null;
        }

        @Override
        public ReplayedCompletion read(Row row, Run run, InputProblems problems, ReplaySink sink) {
            int before = problems.count();
            String itemId = nonBlank(row, idColumn, problems);
            String model = orDefault(row, modelColumn, fallbackModel, problems);
            String checkpoint = run.checkpoint(row, problems);
            String written = row.asWritten(languageColumn);
            Optional<String> language = Languages.normalize(GOOGLE_CODES.getOrDefault(
                    written.strip().toLowerCase(Locale.ROOT), written));
            if (language.isEmpty() && !isLanguageWithoutIso6391(written)) {
                problems.add(row.problem(languageColumn, "unknown language '" + written
                        + "': expected an ISO 639-1 code (de, zh, he...) or MultiQ's Google Translate code"));
            }
            if (problems.count() > before) {
                return null;
            }
            if (language.isEmpty()) {
                sink.skipped(new Skipped(itemId, written, row.origin(), "language '" + written + "' ("
                        + Languages.englishName(baseCode(written)) + ") has no ISO 639-1 code; cells are keyed by"
                        + " ISO 639-1"));
                return null;
            }
            PairKey pair = PairKey.newBuilder().setRunId(run.runId()).setModel(model).setCheckpoint(checkpoint)
                    .setDataset(DATASET).setItemId(itemId).setLanguage(language.get()).build();
            Map<String, String> attributes = domainColumn == null ? Map.of()
                    : Map.of("domain", row.asWritten(domainColumn));
            return TextArmCompletions.of(pair, language.get(), language.get(), row.asWritten(promptColumn),
                    row.asWritten(completionColumn), BACKEND, run.time(), row.origin(), attributes);
        }
    }

    /** {@code Mistral-7B-Instruct-v0.2} for {@code .../model_completions/Mistral-7B-Instruct-v0.2.csv}. */
    static String modelFromFileName(Path path) {
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /**
     * True for an ISO 639-2/3 code of a real language ({@code ceb}, {@code fil}, {@code mni-Mtei}): Java knows
     * its English name. Anything else that is not ISO 639-1 is a typo or a code MultiQ does not use.
     */
    static boolean isLanguageWithoutIso6391(String written) {
        String base = baseCode(written);
        if (base.length() != 3 || !base.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
            return false;
        }
        String name = Languages.englishName(base);
        return !name.isEmpty() && !name.equalsIgnoreCase(base);
    }

    private static String baseCode(String written) {
        String w = written.strip().toLowerCase(Locale.ROOT);
        int end = w.length();
        for (int i = 0; i < w.length(); i++) {
            if (w.charAt(i) == '-' || w.charAt(i) == '_') {
                end = i;
                break;
            }
        }
        return w.substring(0, end);
    }
}
