package org.ifl.producers.internal.replay;

import static org.ifl.producers.internal.replay.ReplayFixtures.problemAt;
import static org.ifl.producers.internal.replay.ReplayFixtures.problems;
import static org.ifl.producers.internal.replay.ReplayFixtures.read;
import static org.ifl.producers.internal.replay.ReplayFixtures.resource;
import static org.ifl.producers.internal.replay.ReplayFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ifl.producers.Origin;
import org.ifl.producers.ReplayDefaults;
import org.ifl.producers.internal.suite.InputProblem;
import org.ifl.producers.internal.suite.read.InputProblems;
import org.ifl.schemas.avro.AlignmentSetting;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.Completion;
import org.ifl.schemas.avro.Condition;
import org.ifl.schemas.avro.InferenceError;
import org.ifl.schemas.avro.ItemReferences;
import org.ifl.schemas.avro.PairKey;
import org.ifl.schemas.avro.PromptPattern;
import org.ifl.schemas.avro.ReferenceEntity;
import org.ifl.schemas.avro.TaskKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionJsonlTest {
    private static final Path FIXTURE = resource("completions.jsonl");
    private static final String LINE = "{\"runId\":\"r\",\"model\":\"m\",\"checkpoint\":\"c\","
            + "\"dataset\":\"maxm\",\"itemId\":\"i1\",\"language\":\"de\",\"arm\":\"TEXT\","
            + "\"prompt\":\"Was ist das?\",\"text\":\"Ein Hund.\","
            + "\"completedAt\":\"2024-05-01T12:00:00Z\"}";

    private final CompletionJsonl reader = new CompletionJsonl();

    /** {@link #LINE} with more fields. */
    private static String lineWith(String fields) {
        return LINE.substring(0, LINE.length() - 1) + "," + fields + "}";
    }

    @TempDir
    Path dir;

    @Test
    void readsEveryFieldOfALine() throws IOException {
        ReplayedCompletion first = read(reader, FIXTURE, ReplayDefaults.none()).completions().get(0);

        PairKey pair = new PairKey("run-2024-05", "palo-7b", "step-12000", "maxm", "maxm-0042", "he");
        Completion expected = Completion.newBuilder()
                .setCompletionId("run-2024-05|palo-7b|step-12000|maxm|maxm-0042|he|TEXT/replay")
                .setQueryId("run-2024-05|palo-7b|step-12000|maxm|maxm-0042|he|TEXT")
                .setPair(pair)
                .setCondition(new Condition(Arm.TEXT, TaskKind.FIDELITY, "he", "he", null, null))
                .setPrompt("מה רואים בתמונה?")
                .setReferences(new ItemReferences(List.of("שוק", "שוק פירות"), null, List.of(), List.of()))
                .setText("בתמונה רואים שוק פירות.")
                .setError(null)
                .setPromptTokens(31)
                .setCompletionTokens(12)
                .setLatencyMs(1250L)
                .setBackend("vllm")
                .setModelRevision("a1b2c3d")
                .setSteering(null)
                .setReplayed(true)
                .setQueriedAt(Instant.parse("2024-05-01T12:00:00Z"))
                .setCompletedAt(Instant.parse("2024-05-01T12:00:01.250Z"))
                .build();
        assertEquals(expected, first.completion());
        assertEquals(new Origin(FIXTURE, 1), first.origin());
        assertEquals(Instant.parse("2024-05-01T12:00:01.250Z"), first.timestamp());
        assertEquals(Map.of(), first.attributes());
    }

    @Test
    void fillsDefaultsAndNormalisesCodes() throws IOException {
        List<ReplayedCompletion> read = read(reader, FIXTURE, ReplayDefaults.none()).completions();
        assertEquals(5, read.size(), "the blank line is no completion");

        Completion image = read.get(1).completion();
        assertEquals("he", image.getPair().getLanguage(), "iw is Hebrew's retired code");
        assertEquals(Arm.IMAGE, image.getCondition().getArm(), "arm is read case-insensitively");
        assertEquals("run-2024-05|palo-7b|step-12000|maxm|maxm-0042|he|IMAGE/replay", image.getCompletionId());
        assertEquals(CompletionJsonl.DEFAULT_BACKEND, image.getBackend());
        assertEquals(Instant.parse("2024-05-01T12:00:02Z"), image.getCompletedAt(), "epoch millis");
        assertEquals(Instant.parse("2024-05-01T12:00:01.100Z"), image.getQueriedAt(), "completedAt - latencyMs");

        Completion remedy = read.get(2).completion();
        assertEquals(new Origin(FIXTURE, 4), read.get(2).origin());
        assertEquals("remedy-answer-1", remedy.getCompletionId());
        assertEquals("remedy-query-1", remedy.getQueryId());
        assertEquals(Instant.parse("2024-05-01T12:00:03Z"), remedy.getCompletedAt(), "offset converted to UTC");
        assertEquals(remedy.getCompletedAt(), remedy.getQueriedAt());
        assertEquals(14, remedy.getSteering().getLayer());
        assertEquals(1.5f, remedy.getSteering().getScale());
        assertEquals(Map.of("category", "market"), read.get(2).attributes());

        Completion error = read.get(3).completion();
        assertEquals("zh", error.getPair().getLanguage());
        assertNull(error.getText());
        assertEquals(new InferenceError("IMAGE_UNREADABLE", "image file truncated", false), error.getError());

        Completion explanation = read.get(4).completion();
        assertEquals(new Condition(Arm.IMAGE, TaskKind.EXPLANATION, "en", "ja", PromptPattern.EN_L,
                AlignmentSetting.ALIGNMENT_10), explanation.getCondition());
        assertEquals(new ReferenceEntity("Q5586",
                Map.of("ja", List.of("葛飾北斎", "北斎"), "en", List.of("Hokusai"))),
                explanation.getReferences().getEntities().get(0));
        assertEquals(List.of(List.of("Q5586", "Q214109")), explanation.getReferences().getCooccurringPairs());
        read.forEach(c -> assertTrue(c.completion().getReplayed()));
    }

    @Test
    void readingTwiceGivesTheSameCompletionsAndDifferentLinesDifferentIds() throws IOException {
        List<ReplayedCompletion> once = read(reader, FIXTURE, ReplayDefaults.none()).completions();
        List<ReplayedCompletion> twice = read(reader, FIXTURE, ReplayDefaults.none()).completions();
        assertEquals(once, twice);
        assertEquals(once.size(), once.stream().map(c -> c.completion().getCompletionId()).distinct().count());
        assertEquals(once.size(), once.stream().map(c -> c.completion().getQueryId()).distinct().count());
    }

    @Test
    void takesRunModelCheckpointAndTimeFromTheDefaultsWhereTheLineHasNone() throws IOException {
        Path file = write(dir, "bare.jsonl", "{\"dataset\":\"multiq\",\"itemId\":\"gpt-1\",\"language\":\"de\","
                + "\"arm\":\"TEXT\",\"prompt\":\"Was ist H2O?\",\"text\":\"Wasser.\"}\n");
        Instant time = Instant.parse("2023-11-02T08:30:00Z");
        ReplayDefaults defaults = ReplayDefaults.none().withRunId("old-run").withModel("llama-2-7b")
                .withCheckpoint("final").withFallbackTime(time);

        Completion c = read(reader, file, defaults).completions().get(0).completion();
        assertEquals(new PairKey("old-run", "llama-2-7b", "final", "multiq", "gpt-1", "de"), c.getPair());
        assertEquals(time, c.getQueriedAt());
        assertEquals(time, c.getCompletedAt());
    }

    @Test
    void writesWhatItReads() throws IOException {
        List<ReplayedCompletion> read = read(reader, FIXTURE, ReplayDefaults.none()).completions();
        StringWriter out = new StringWriter();
        for (ReplayedCompletion c : read) {
            CompletionJsonl.write(c.completion(), out);
        }
        Path copy = write(dir, "copy.jsonl", out.toString());

        // Different defaults must not matter: the written lines state every field.
        ReplayDefaults other = ReplayDefaults.none().withRunId("x").withModel("y").withCheckpoint("z")
                .withFallbackTime(Instant.EPOCH);
        List<Completion> again = read(reader, copy, other).completions().stream()
                .map(ReplayedCompletion::completion).toList();
        assertEquals(read.stream().map(ReplayedCompletion::completion).toList(), again);
        assertEquals(read.size(), out.toString().lines().count());
    }

    @Test
    void aCompletionWithNeitherTextNorErrorCannotBeWritten() throws IOException {
        Completion c = read(reader, write(dir, "one.jsonl", LINE), ReplayDefaults.none()).completions().get(0)
                .completion();
        c.setText(null);
        assertThrows(IllegalArgumentException.class, () -> CompletionJsonl.toLine(c));
    }

    @Test
    void brokenJsonNamesTheLine() throws IOException {
        Path file = write(dir, "broken.jsonl", LINE + "\n{\"runId\": \"r\", \"model\": \n");
        List<InputProblem> problems = problems(() -> read(reader, file, ReplayDefaults.none()));
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problemAt(problems, file, 2, null).message().startsWith("not valid JSON at column "));
    }

    @Test
    void missingFieldIsNamed() throws IOException {
        Path file = write(dir, "missing.jsonl", LINE + "\n" + LINE.replace("\"itemId\":\"i1\",", "") + "\n");
        List<InputProblem> problems = problems(() -> read(reader, file, ReplayDefaults.none()));
        assertEquals("missing", problemAt(problems, file, 2, "itemId").message());
    }

    @Test
    void modelWithoutDefaultIsNamed() throws IOException {
        Path file = write(dir, "nomodel.jsonl", LINE.replace("\"model\":\"m\",", ""));
        List<InputProblem> problems = problems(() -> read(reader, file, ReplayDefaults.none()));
        assertTrue(problemAt(problems, file, 1, "model").message().contains("--model"));
        assertEquals("m2", read(reader, file, ReplayDefaults.none().withModel("m2")).completions().get(0)
                .completion().getPair().getModel());
    }

    @Test
    void wrongTypeIsNamed() throws IOException {
        Path file = write(dir, "types.jsonl", lineWith("\"latencyMs\":\"fast\",\"answers\":[\"a\",3]"));
        List<InputProblem> problems = problems(() -> read(reader, file, ReplayDefaults.none()));
        assertEquals("expected a whole number, found a string", problemAt(problems, file, 1, "latencyMs").message());
        assertEquals("expected a string, found the number 3", problemAt(problems, file, 1, "answers[1]").message());
    }

    @Test
    void unknownLanguageIsNamed() throws IOException {
        Path file = write(dir, "lang.jsonl", LINE.replace("\"language\":\"de\"", "\"language\":\"klingon\""));
        List<InputProblem> problems = problems(() -> read(reader, file, ReplayDefaults.none()));
        assertTrue(problemAt(problems, file, 1, "language").message().startsWith("unknown language 'klingon'"));
    }

    @Test
    void unknownArmIsNamed() throws IOException {
        Path file = write(dir, "arm.jsonl", LINE.replace("\"arm\":\"TEXT\"", "\"arm\":\"AUDIO\""));
        List<InputProblem> problems = problems(() -> read(reader, file, ReplayDefaults.none()));
        assertEquals("unknown Arm 'AUDIO'; expected one of [TEXT, IMAGE, IMAGE_REMEDY]",
                problemAt(problems, file, 1, "arm").message());
    }

    @Test
    void misspeltFieldIsAProblemNotADefault() throws IOException {
        Path file = write(dir, "typo.jsonl", lineWith("\"completedat\":\"2024-05-01T12:00:00Z\""));
        List<InputProblem> problems = problems(() -> read(reader, file, ReplayDefaults.none()));
        assertTrue(problemAt(problems, file, 1, "completedat").message().startsWith("unknown field"));
    }

    @Test
    void nestedProblemsNameTheirPath() throws IOException {
        Path file = write(dir, "nested.jsonl", lineWith("\"error\":{\"kind\":\"X\"},"
                + "\"steering\":{\"vectorId\":\"v\",\"layer\":-1,\"pooling\":\"mean\"}"));
        List<InputProblem> problems = problems(() -> read(reader, file, ReplayDefaults.none()));
        assertEquals("missing", problemAt(problems, file, 1, "error.message").message());
        assertEquals("is negative: -1", problemAt(problems, file, 1, "steering.layer").message());
    }

    @Test
    void sameQueryTwiceWithoutIdsIsAProblem() throws IOException {
        Path file = write(dir, "twice.jsonl", LINE + "\n" + LINE + "\n");
        List<InputProblem> problems = problems(() -> read(reader, file, ReplayDefaults.none()));
        assertTrue(problemAt(problems, file, 2, "completionId").message().contains("line 1"));
    }

    @Test
    void reportsEveryBadLineAtOnce() throws IOException {
        Path file = write(dir, "many.jsonl", String.join("\n", LINE.replace("\"de\"", "\"xx\""), "not json",
                LINE, LINE.replace("\"TEXT\"", "\"VIDEO\""), LINE.replace("\"completedAt\":\"2024-05-01T12:00:00Z\"",
                        "\"completedAt\":\"yesterday\"")));
        List<InputProblem> problems = problems(() -> read(reader, file, ReplayDefaults.none()));
        assertEquals(4, problems.size(), problems::toString);
        problemAt(problems, file, 1, "language");
        problemAt(problems, file, 2, null);
        problemAt(problems, file, 4, "arm");
        problemAt(problems, file, 5, "completedAt");
    }

    @Test
    void stopsAtTheLimit() throws IOException {
        Path file = write(dir, "bad.jsonl", "x\n".repeat(InputProblems.LIMIT + 20));
        List<InputProblem> problems = problems(() -> read(reader, file, ReplayDefaults.none()));
        assertEquals(InputProblems.LIMIT + 1, problems.size());
        assertEquals(0, problems.get(InputProblems.LIMIT).line());
    }

    @Test
    void differentIdsForEachArmOfAPair() {
        PairKey pair = new PairKey("r", "m", "c", "maxm", "i", "de");
        assertNotEquals(ReplayIds.completionId(pair, Arm.TEXT), ReplayIds.completionId(pair, Arm.IMAGE));
        assertEquals("r|m|c|maxm|i|de|IMAGE_REMEDY/replay", ReplayIds.completionId(pair, Arm.IMAGE_REMEDY));
    }
}
