package org.ifl.producers.internal.replay;

import static org.ifl.producers.internal.replay.ReplayFixtures.problemAt;
import static org.ifl.producers.internal.replay.ReplayFixtures.problems;
import static org.ifl.producers.internal.replay.ReplayFixtures.read;
import static org.ifl.producers.internal.replay.ReplayFixtures.resource;
import static org.ifl.producers.internal.replay.ReplayFixtures.textArmCompletion;
import static org.ifl.producers.internal.replay.ReplayFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.ifl.producers.Origin;
import org.ifl.producers.ReplayDefaults;
import org.ifl.producers.internal.suite.InputProblem;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.Completion;
import org.ifl.schemas.avro.Condition;
import org.ifl.schemas.avro.PairKey;
import org.ifl.schemas.avro.TaskKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LanguageConfusionCsvTest {
    /** The released layout without an id column (outputs/command-r.csv). */
    private static final Path COMMAND_R = resource("lcb/command-r.csv");
    /** The released layout with pandas' index as id (outputs/llama-3-instruct.csv). */
    private static final Path LLAMA_3 = resource("lcb/llama-3-instruct.csv");
    /** sha256sum of command-r.csv, first 16 hex digits. */
    private static final String COMMAND_R_RUN = "replay-e7c331dab09b44e9";
    private static final Instant TIME = Instant.parse("2024-06-20T00:00:00Z");
    private static final ReplayDefaults DEFAULTS = ReplayDefaults.none().withCheckpoint("2024-03")
            .withFallbackTime(TIME);

    private final LanguageConfusionCsv reader = new LanguageConfusionCsv();

    @TempDir
    Path dir;

    @Test
    void mapsAMonolingualRow() throws IOException {
        ReplayedCompletion first = read(reader, COMMAND_R, DEFAULTS).completions().get(0);

        PairKey pair = new PairKey(COMMAND_R_RUN, "command-r", "2024-03", "lcb-monolingual-okapi", "0", "ar");
        Completion expected = textArmCompletion(pair, "ar", "ar", "",
                "الطاقة الشمسية مصدر نظيف ومتجدد للكهرباء.", TIME);
        assertEquals(expected, first.completion());
        assertEquals(new Origin(COMMAND_R, 2), first.origin());
        assertEquals(Map.of("task", "monolingual", "source", "okapi"), first.attributes());
        assertEquals(TIME, first.timestamp());
    }

    @Test
    void mapsTheOtherRows() throws IOException {
        List<ReplayedCompletion> read = read(reader, COMMAND_R, DEFAULTS).completions();
        assertEquals(5, read.size());

        Completion multiline = read.get(1).completion();
        assertEquals(new Origin(COMMAND_R, 3), read.get(1).origin());
        assertEquals("La photosynthèse transforme la lumière en énergie chimique.\n\n"
                + "Elle a lieu dans les chloroplastes.", multiline.getText());
        assertEquals("1", multiline.getPair().getItemId());
        assertEquals(new Origin(COMMAND_R, 6), read.get(2).origin(), "after a row of three lines");
        assertEquals("lcb-monolingual-dolly", read.get(2).completion().getPair().getDataset());

        Completion crosslingual = read.get(3).completion();
        assertEquals("lcb-crosslingual-okapi", crosslingual.getPair().getDataset());
        assertEquals("fr", crosslingual.getPair().getLanguage());
        assertEquals(new Condition(Arm.TEXT, TaskKind.FIDELITY, "en", "fr", null, null),
                crosslingual.getCondition(), "an English prompt asking for French");

        assertEquals("", read.get(4).completion().getText(), "an empty answer stays an answer");
    }

    @Test
    void anIdColumnNamesTheItems() throws IOException {
        List<ReplayedCompletion> read = read(reader, LLAMA_3, DEFAULTS).completions();
        assertEquals(List.of("0", "1", "2"), read.stream().map(c -> c.completion().getPair().getItemId()).toList());
        assertEquals(new PairKey(read.get(2).completion().getPair().getRunId(), "llama-3-instruct", "2024-03",
                "lcb-crosslingual-sharegpt", "2", "zh"), read.get(2).completion().getPair());
        assertEquals(new Origin(LLAMA_3, 5), read.get(1).origin());
    }

    @Test
    void readingTwiceGivesTheSameCompletions() throws IOException {
        ReplayDefaults noTime = ReplayDefaults.none().withCheckpoint("2024-03");
        List<ReplayedCompletion> once = read(reader, COMMAND_R, noTime).completions();
        assertEquals(once, read(reader, COMMAND_R, noTime).completions());
        assertEquals(once.size(), once.stream().map(c -> c.completion().getCompletionId()).distinct().count());
        Instant modified = Files.getLastModifiedTime(COMMAND_R).toInstant().truncatedTo(ChronoUnit.MILLIS);
        assertEquals(modified, once.get(0).completion().getCompletedAt(), "no time in the file: its mtime");
    }

    @Test
    void theCommandLineRunIdReplacesTheDerivedOne() throws IOException {
        Completion c = read(reader, COMMAND_R, DEFAULTS.withRunId("lcb-2024")).completions().get(0).completion();
        assertEquals("lcb-2024", c.getPair().getRunId());
    }

    @Test
    void theSameRowsInAnotherFileAreAnotherRun() throws IOException {
        Path edited = write(dir, "command-r.csv",
                Files.readString(COMMAND_R) + "command-r,Bonjour.,monolingual,okapi,fr\n");
        String run = read(reader, edited, DEFAULTS).completions().get(0).completion().getPair().getRunId();
        assertTrue(!run.equals(COMMAND_R_RUN) && run.startsWith("replay-"), run);
    }

    @Test
    void columnsAreFoundByNameInAnyOrder() throws IOException {
        Path file = write(dir, "own.csv", "Language,Source,Output,Checkpoint,Model,Prompt,expected_language\n"
                + "de,mine,Hallo.,ck-9,my-model,Sag hallo.,\n"
                + "de,mine,Hello.,ck-9,my-model,Say hello in English.,en\n");
        List<ReplayedCompletion> read = read(reader, file, ReplayDefaults.none()).completions();
        Completion first = read.get(0).completion();
        assertEquals("ck-9", first.getPair().getCheckpoint());
        assertEquals("lcb-monolingual-mine", first.getPair().getDataset(), "no task column: monolingual");
        assertEquals("Sag hallo.", first.getPrompt());
        assertEquals("de", first.getCondition().getExpectedLanguage());
        assertEquals("en", read.get(1).completion().getCondition().getExpectedLanguage());
    }

    @Test
    void unknownLanguageAndTaskAreNamed() throws IOException {
        Path file = write(dir, "bad.csv", "model,completion,task,source,language\n"
                + "m,ok,monolingual,okapi,fr\n"
                + "m,\"two\nlines\",monolingual,okapi,xx\n"
                + "m,ok,bilingual,okapi,fr\n"
                + "m,ok,monolingual,,fr\n");
        List<InputProblem> problems = problems(() -> read(reader, file, DEFAULTS));
        assertEquals(3, problems.size(), problems::toString);
        assertTrue(problemAt(problems, file, 3, "language").message().startsWith("unknown language 'xx'"));
        assertTrue(problemAt(problems, file, 5, "task").message().startsWith("unknown task 'bilingual'"));
        assertEquals("is empty", problemAt(problems, file, 6, "source").message());
    }

    @Test
    void missingColumnsAndDefaultsAreNamedOnTheHeader() throws IOException {
        Path file = write(dir, "cols.csv", "text,source,language\nHallo,okapi,de\n");
        List<InputProblem> problems = problems(() -> read(reader, file, ReplayDefaults.none()));
        assertTrue(problemAt(problems, file, 1, "completion").message().contains("the header has text, source"));
        assertTrue(problemAt(problems, file, 1, "model").message().contains("--model"));
        assertTrue(problemAt(problems, file, 1, "checkpoint").message().contains("--checkpoint"));
    }

    @Test
    void brokenCsvNamesTheLine() throws IOException {
        Path file = write(dir, "broken.csv", "model,completion,task,source,language\n"
                + "m,ok,monolingual,okapi,fr,extra\n"
                + "m,\"never closed,monolingual,okapi,fr\n");
        List<InputProblem> problems = problems(() -> read(reader, file, DEFAULTS));
        assertTrue(problemAt(problems, file, 2, null).message().startsWith("has 6 values; the header has 5"));
        assertTrue(problems.stream().anyMatch(p -> p.message().startsWith("not valid CSV")), problems::toString);
    }
}
