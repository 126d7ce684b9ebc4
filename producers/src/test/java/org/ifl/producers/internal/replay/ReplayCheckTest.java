package org.ifl.producers.internal.replay;

import static org.ifl.producers.internal.replay.ReplayFixtures.problemAt;
import static org.ifl.producers.internal.replay.ReplayFixtures.problems;
import static org.ifl.producers.internal.replay.ReplayFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.ifl.producers.CompletionReplayer;
import org.ifl.producers.Progress;
import org.ifl.producers.ReplayDefaults;
import org.ifl.producers.ReplayFormats;
import org.ifl.producers.ReplayLimits;
import org.ifl.producers.internal.suite.InputProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first pass of a replay: what the broker would refuse mid-send is found before anything is sent. */
class ReplayCheckTest {
    private static final Instant NOW = Instant.parse("2026-12-07T00:00:00Z");
    private static final ReplayLimits LIMITS = ReplayLimits.kafkaDefaults(NOW);

    @TempDir
    Path dir;

    /** A good JSONL line for item {@code item}, with {@code extra} fields in front. */
    private static String line(int item, String extra) {
        return "{" + extra + "\"runId\":\"r\",\"model\":\"m\",\"checkpoint\":\"c\",\"dataset\":\"maxm\","
                + "\"itemId\":\"i" + item + "\",\"language\":\"de\",\"arm\":\"TEXT\",\"prompt\":\"Was ist das?\","
                + "\"completedAt\":\"2024-05-01T12:00:00Z\"" + (extra.contains("\"text\"") ? "" : ",\"text\":\"Ein Ball.\"")
                + "}";
    }

    private static String lines(int count, int badLine, String bad) {
        StringBuilder s = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            s.append(i == badLine ? bad : line(i, "")).append('\n');
        }
        return s.toString();
    }

    private static CompletionReplayer.Checked check(Path file, ReplayLimits limits) throws IOException {
        return new CompletionReplayer(ReplayFormats.jsonl(), ReplayDefaults.none(), limits, System::nanoTime)
                .check(file, Progress.silent(Files.size(file)));
    }

    @Test
    void aGoodFilePassesCountingItsRecordsAndItsLargest() throws IOException {
        Path file = write(dir, "good.jsonl", lines(5, 4, line(4, "\"text\":\"" + "x".repeat(1000) + "\",")));
        CompletionReplayer.Checked checked = check(file, LIMITS);
        assertEquals(5, checked.records());
        assertEquals(4, checked.largestLine());
        assertTrue(checked.largestRecord() > 1000 && checked.largestRecord() < 2000, "" + checked.largestRecord());
        assertTrue(checked.contentRunId().matches("replay-[0-9a-f]{16}"), checked.contentRunId());
    }

    @Test
    void anOversizedRecordIsNamedByLineAndItsLargestField() throws IOException {
        String big = "y".repeat(LIMITS.recordBytes());
        Path file = write(dir, "big.jsonl", lines(5, 3, line(3, "\"text\":\"" + big + "\",")));
        List<InputProblem> problems = problems(() -> check(file, LIMITS));
        assertEquals(1, problems.size(), problems::toString);
        String message = problemAt(problems, file, 3, "text").message();
        assertTrue(message.matches("the record is [0-9,]+ bytes, more than the 1,048,576 eval.completions takes; "
                + "text is 1,048,576 bytes of it"), message);
    }

    @Test
    void theLimitIsTheOneGivenAndARecordAtItPasses() throws IOException {
        Path file = write(dir, "one.jsonl", line(1, "") + "\n");
        int size = check(file, LIMITS).largestRecord();
        ReplayLimits exact = new ReplayLimits(size, LIMITS.earliest(), LIMITS.latest(), "test");
        assertEquals(1, check(file, exact).records());
        ReplayLimits smaller = new ReplayLimits(size - 1, LIMITS.earliest(), LIMITS.latest(), "test");
        assertTrue(problemAt(problems(() -> check(file, smaller)), file, 1, "prompt").message()
                .contains("more than the " + (size - 1)), "the prompt is the line's longest field");
    }

    @Test
    void aTimeInTheYear9999OrBefore2000IsNamedWithItsValue() throws IOException {
        Path file = write(dir, "times.jsonl", line(1, "") + "\n"
                + line(2, "").replace("2024-05-01T12:00:00Z", "9999-01-01T00:00:00Z") + "\n"
                + line(3, "\"queriedAt\":\"1970-01-01T00:00:01Z\","));
        List<InputProblem> problems = problems(() -> check(file, LIMITS));
        assertEquals(2, problems.size(), problems::toString);
        assertEquals("9999-01-01T00:00:00Z is after " + NOW.plus(ReplayLimits.KAFKA_TIMESTAMP_AFTER_MAX)
                + ", the latest time accepted", problemAt(problems, file, 2, "completedAt").message());
        assertEquals("1970-01-01T00:00:01Z is before 2000-01-01T00:00:00Z, the earliest time accepted",
                problemAt(problems, file, 3, "queriedAt").message());
    }

    @Test
    void aByteThatIsNotUtf8IsNamedByLineAndPosition() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(lines(3, 0, "").getBytes(StandardCharsets.UTF_8));
        byte[] fourth = line(4, "").getBytes(StandardCharsets.UTF_8);
        int at = line(4, "").indexOf("Ball");
        fourth[at] = (byte) 0xFF;
        bytes.writeBytes(fourth);
        bytes.writeBytes(("\n" + line(5, "") + "\n").getBytes(StandardCharsets.UTF_8));
        Path file = Files.write(dir.resolve("latin.jsonl"), bytes.toByteArray());
        List<InputProblem> problems = problems(() -> check(file, LIMITS));
        assertEquals(1, problems.size(), problems::toString);
        assertEquals("not UTF-8 at byte " + (at + 1) + " of the line: 0xFF is not a UTF-8 character; save the file "
                + "as UTF-8", problemAt(problems, file, 4, null).message());
    }

    @Test
    void aBadByteInACsvFileIsNamedToo() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("model,completion,task,source,language\nm,ok,monolingual,okapi,fr\nm,\"two\n"
                .getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(new byte[] {'l', (byte) 0xC3, '"', ',', 'm'});
        bytes.writeBytes("onolingual,okapi,fr\n".getBytes(StandardCharsets.UTF_8));
        Path file = Files.write(dir.resolve("bad.csv"), bytes.toByteArray());
        List<InputProblem> problems = problems(() -> new CompletionReplayer(ReplayFormats.byFormat("lcb")
                .orElseThrow(), ReplayDefaults.none().withCheckpoint("c"), LIMITS, System::nanoTime)
                .check(file, Progress.silent(0)));
        assertTrue(problemAt(problems, file, 4, null).message().startsWith("not UTF-8 at byte 2 of the line: 0xC3"),
                problems::toString);
    }

    @Test
    void aRepeatedCompletionIdNamesTheLineItFirstAppearedOn() throws IOException {
        Path file = write(dir, "twice.jsonl", lines(6, 5, line(2, "")));
        List<InputProblem> problems = problems(() -> check(file, LIMITS));
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problemAt(problems, file, 5, "completionId").message()
                .startsWith("'r|m|c|maxm|i2|de|TEXT/replay' repeats the completion id of line 2"), problems::toString);
    }

    @Test
    void aLineLongerThanAnyRecordCouldBeIsNotHeld() throws IOException {
        ReplayLimits small = new ReplayLimits(1000, LIMITS.earliest(), LIMITS.latest(), "test");
        Path file = write(dir, "long.jsonl", lines(3, 2, line(2, "\"text\":\"" + "z".repeat(10_000) + "\",")));
        List<InputProblem> problems = problems(() -> check(file, small));
        assertTrue(problemAt(problems, file, 2, null).message().startsWith("the line is 10,"), problems::toString);
        assertEquals(1, problems.size(), problems::toString);
    }

    @Test
    void idHashesHoldManyAndTellRepeats() {
        ReplayCheck.IdHashes hashes = new ReplayCheck.IdHashes();
        for (int i = 0; i < 100_000; i++) {
            assertTrue(hashes.add(ReplayCheck.IdHashes.hash("run|m|c|maxm|item-" + i + "|de|TEXT/replay")));
        }
        assertEquals(100_000, hashes.size());
        assertFalse(hashes.add(ReplayCheck.IdHashes.hash("run|m|c|maxm|item-99999|de|TEXT/replay")));
        assertTrue(hashes.contains(ReplayCheck.IdHashes.hash("run|m|c|maxm|item-0|de|TEXT/replay")));
        assertFalse(hashes.contains(ReplayCheck.IdHashes.hash("run|m|c|maxm|item-100000|de|TEXT/replay")));
    }
}
