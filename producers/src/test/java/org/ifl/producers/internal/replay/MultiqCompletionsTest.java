package org.ifl.producers.internal.replay;

import static org.ifl.producers.internal.replay.ReplayFixtures.problemAt;
import static org.ifl.producers.internal.replay.ReplayFixtures.problems;
import static org.ifl.producers.internal.replay.ReplayFixtures.read;
import static org.ifl.producers.internal.replay.ReplayFixtures.read;
import static org.ifl.producers.internal.replay.ReplayFixtures.resource;
import static org.ifl.producers.internal.replay.ReplayFixtures.textArmCompletion;
import static org.ifl.producers.internal.replay.ReplayFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ifl.producers.Origin;
import org.ifl.producers.ReplayDefaults;
import org.ifl.producers.ReplayFormats;
import org.ifl.producers.internal.suite.InputProblem;
import org.ifl.producers.internal.suite.Skipped;
import org.ifl.schemas.avro.Completion;
import org.ifl.schemas.avro.PairKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultiqCompletionsTest {
    /** An open model's file: MultiQ's columns, then model_completion and model_name. */
    private static final Path MISTRAL = resource("multiq/Mistral-7B-Instruct-v0.2.csv");
    /** An OpenAI model's file: the model in a column named model. */
    private static final Path GPT = resource("multiq/gpt-3.5-turbo-0125.csv");
    /** sha256sum of the Mistral file, first 16 hex digits. */
    private static final String MISTRAL_RUN = "replay-078dcc2d5a333d05";
    private static final String MISTRAL_MODEL = "mistralai/Mistral-7B-Instruct-v0.2";
    private static final Instant TIME = Instant.parse("2024-02-10T09:00:00Z");
    private static final ReplayDefaults DEFAULTS = ReplayDefaults.none().withCheckpoint("v0.2")
            .withFallbackTime(TIME);

    private final MultiqCompletions reader = new MultiqCompletions();

    @TempDir
    Path dir;

    @Test
    void mapsARow() throws IOException {
        ReplayedCompletion first = read(reader, MISTRAL, DEFAULTS).completions().get(0);

        PairKey pair = new PairKey(MISTRAL_RUN, MISTRAL_MODEL, "v0.2", "multiq", "gpt-1", "de");
        Completion expected = textArmCompletion(pair, "de", "de", "Was ist die chemische Formel von Wasser?",
                "Die chemische Formel von Wasser ist H2O.", TIME);
        assertEquals(expected, first.completion());
        assertEquals(new Origin(MISTRAL, 2), first.origin());
        assertEquals(Map.of("domain", "chemistry"), first.attributes());
    }

    @Test
    void normalisesLanguagesAndSkipsThoseWithoutAnIso6391Code() throws IOException {
        ReplayFixtures.Read contents = read(reader, MISTRAL, DEFAULTS);
        List<ReplayedCompletion> read = contents.completions();
        assertEquals(List.of("de", "he", "zh", "jv"),
                read.stream().map(c -> c.completion().getPair().getLanguage()).toList());
        assertEquals("The chemical formula of water is H2O.\nIt has two hydrogen atoms.",
                read.get(1).completion().getText());
        assertEquals(new Origin(MISTRAL, 5), read.get(2).origin());
        assertEquals("lmsys-2", read.get(2).completion().getPair().getItemId());
        assertEquals("", read.get(3).completion().getText(), "pandas writes a missing answer as nothing");

        assertEquals(1, contents.skipped().size());
        Skipped ceb = contents.skipped().get(0);
        assertEquals("gpt-1", ceb.itemId());
        assertEquals("ceb", ceb.language());
        assertEquals(new Origin(MISTRAL, 6), ceb.origin());
        assertTrue(ceb.reason().contains("Cebuano"), ceb.reason());
    }

    @Test
    void readingTwiceGivesTheSameCompletionsAndEachLanguageOfAnItemItsOwnId() throws IOException {
        List<ReplayedCompletion> once = read(reader, MISTRAL, DEFAULTS).completions();
        assertEquals(once, read(reader, MISTRAL, DEFAULTS).completions());
        assertEquals(once.size(), once.stream().map(c -> c.completion().getCompletionId()).distinct().count());
    }

    @Test
    void takesTheModelFromTheColumnTheCommandLineOrTheFileName() throws IOException {
        assertEquals("gpt-3.5-turbo-0125", read(reader, GPT, DEFAULTS).completions().get(0).completion()
                .getPair().getModel());

        Path file = write(dir, "Qwen1.5-7B-Chat.csv",
                "id,language,prompt,domain,model_completion\ngpt-3,pt,Quais são os três estados da matéria?,"
                        + "chemistry,\"Sólido, líquido e gasoso.\"\n");
        assertEquals("Qwen1.5-7B-Chat", read(reader, file, DEFAULTS).completions().get(0).completion().getPair()
                .getModel());
        assertEquals("qwen-chat", read(reader, file, DEFAULTS.withModel("qwen-chat")).completions().get(0)
                .completion().getPair().getModel());
    }

    @Test
    void unknownLanguageCodesAreNamed() throws IOException {
        Path file = withOpenModelColumns("bad.csv", "gpt-1,xx,Q?,art,A.,m", "gpt-2,qqq,Q?,art,A.,m",
                "gpt-3,de,Q?,art,A.,m");
        List<InputProblem> problems = problems(() -> read(reader, file, DEFAULTS));
        assertEquals(2, problems.size(), problems::toString);
        assertTrue(problemAt(problems, file, 2, "language").message().startsWith("unknown language 'xx'"));
        assertTrue(problemAt(problems, file, 3, "language").message().startsWith("unknown language 'qqq'"));
    }

    @Test
    void missingIdsAndRepeatedItemsAreNamed() throws IOException {
        Path file = withOpenModelColumns("ids.csv", ",de,Q?,art,A.,m", "gpt-2,de,Q?,art,A.,m", "gpt-2,de,Q?,art,B.,m");
        List<InputProblem> problems = problems(() -> read(reader, file, DEFAULTS));
        assertEquals("is empty", problemAt(problems, file, 2, "id").message());
        assertTrue(problemAt(problems, file, 4, "completionId").message().contains("repeats the completion id of line 3"));
    }

    @Test
    void missingColumnsAndCheckpointAreNamedOnTheHeader() throws IOException {
        Path file = write(dir, "cols.csv", "id,lang,question,answer\ngpt-1,de,Q?,A.\n");
        List<InputProblem> problems = problems(() -> read(reader, file, ReplayDefaults.none()));
        assertTrue(problemAt(problems, file, 1, "prompt").message().startsWith("no prompt column"));
        assertTrue(problemAt(problems, file, 1, "completion").message().startsWith("no completion column"));
        assertTrue(problemAt(problems, file, 1, "checkpoint").message().contains("--checkpoint"));
    }

    /** A file with MultiQ's columns and those an open model's completions add, holding {@code rows}. */
    private Path withOpenModelColumns(String name, String... rows) throws IOException {
        return write(dir, name, "id,language,prompt,domain,model_completion,model_name\n"
                + String.join("\n", rows) + "\n");
    }

    @Test
    void everyFormatIsListedByName() {
        assertEquals(List.of("jsonl", "lcb", "multiq"), ReplayFormats.formats());
        assertEquals(MultiqCompletions.class, ReplayFormats.byFormat("MultiQ").orElseThrow().getClass());
    }
}
