package org.ifl.producers.internal.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ifl.producers.CompletionReplayer;
import org.ifl.producers.InputException;
import org.ifl.producers.Progress;
import org.ifl.producers.ReplayDefaults;
import org.ifl.producers.ReplayLimits;
import org.ifl.producers.ReplayReader;
import org.ifl.producers.internal.suite.InputProblem;
import org.ifl.producers.internal.suite.Skipped;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.Completion;
import org.ifl.schemas.avro.Condition;
import org.ifl.schemas.avro.ItemReferences;
import org.ifl.schemas.avro.PairKey;
import org.ifl.schemas.avro.TaskKind;
import org.junit.jupiter.api.function.Executable;

/**
 * Finding the fixture files, writing throwaway ones, the completion a text-only row is expected to give, and
 * checking where a problem is said to be.
 */
final class ReplayFixtures {
    private ReplayFixtures() {
    }

    static Path resource(String name) {
        try {
            return Path.of(ReplayFixtures.class.getResource("/replay/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path write(Path dir, String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    /**
     * The completion a row of a text-only benchmark (LCB, MultiQ) replays to: the TEXT arm of {@code pair}, the
     * fidelity task, no references, {@code time} for query and completion, and the schema's defaults for the
     * rest (no error, no token counts or latency, no model revision, no steering).
     */
    static Completion textArmCompletion(PairKey pair, String instructionLanguage, String expectedLanguage,
            String prompt, String text, Instant time) {
        String queryId = String.join("|", pair.getRunId(), pair.getModel(), pair.getCheckpoint(), pair.getDataset(),
                pair.getItemId(), pair.getLanguage(), "TEXT");
        return Completion.newBuilder()
                .setCompletionId(queryId + "/replay")
                .setQueryId(queryId)
                .setPair(pair)
                .setCondition(new Condition(Arm.TEXT, TaskKind.FIDELITY, instructionLanguage, expectedLanguage, null,
                        null))
                .setPrompt(prompt)
                .setReferences(new ItemReferences(List.of(), null, List.of(), List.of()))
                .setText(text)
                .setBackend("replay")
                .setReplayed(true)
                .setQueriedAt(time)
                .setCompletedAt(time)
                .build();
    }

    /** What a replay reads from a file and would send, in file order: its completions and skipped rows. */
    record Read(List<ReplayedCompletion> completions, List<Skipped> skipped) {
    }

    /**
     * Reads {@code file} as a replay does: checked whole (against Kafka's default limits), then read again and
     * collected. Throws the check's {@link InputException} for a file with problems.
     */
    static Read read(ReplayReader reader, Path file, ReplayDefaults defaults) throws IOException {
        ReplayLimits limits = ReplayLimits.kafkaDefaults(Instant.now());
        CompletionReplayer.Checked checked = new CompletionReplayer(reader, defaults, limits, System::nanoTime)
                .check(file, Progress.silent(0));
        List<ReplayedCompletion> completions = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        reader.read(ReplayPass.again(file, defaults, checked.contentRunId(), limits.maxLineBytes()),
                new ReplaySink() {
                    @Override
                    public void completion(ReplayedCompletion completion) {
                        completions.add(completion);
                    }

                    @Override
                    public void skipped(Skipped row) {
                        skipped.add(row);
                    }
                });
        assertEquals(checked.records(), completions.size(), "the check counts what is read again");
        return new Read(completions, skipped);
    }

    static List<InputProblem> problems(Executable read) {
        return assertThrows(InputException.class, read).problems();
    }

    /** The problem at {@code line} naming {@code field}, its printed form starting file:line: field:. */
    static InputProblem problemAt(List<InputProblem> problems, Path file, long line, String field) {
        InputProblem found = problems.stream()
                .filter(p -> p.line() == line && java.util.Objects.equals(p.field(), field))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no problem at line " + line + ", field " + field + " in "
                        + problems));
        assertEquals(file, found.file());
        String prefix = field == null ? file + ":" + line + ": " : file + ":" + line + ": " + field + ": ";
        assertTrue(found.toString().startsWith(prefix), found::toString);
        return found;
    }
}
