package org.ifl.benchmarks.chaos;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ifl.producers.CompletionReplayer;
import org.ifl.producers.Progress;
import org.ifl.producers.ReplayDefaults;
import org.ifl.producers.ReplayFormats;
import org.ifl.producers.ReplayLimits;
import org.ifl.referencevlm.EvaluationItem;
import org.ifl.referencevlm.EvaluationSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chaos run's stored run: the same file for the same seed, one `ifl replay` reads, of real answers. */
class ChaosInputTest {
    private static final Instant END = Instant.parse("2026-12-07T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void theSameSeedWritesTheSameFileAndAnotherSeedAnother() throws IOException {
        ChaosInput.write(dir.resolve("a.jsonl"), 600, 5, END);
        ChaosInput.write(dir.resolve("b.jsonl"), 600, 5, END);
        ChaosInput.write(dir.resolve("c.jsonl"), 600, 6, END);

        assertArrayEquals(Files.readAllBytes(dir.resolve("a.jsonl")), Files.readAllBytes(dir.resolve("b.jsonl")));
        assertFalse(Files.readString(dir.resolve("a.jsonl")).equals(Files.readString(dir.resolve("c.jsonl"))));
    }

    @Test
    void theReplayReaderTakesEveryLineWithoutAProblem() throws IOException {
        ChaosInput.Summary summary = ChaosInput.write(dir.resolve("run.jsonl"), 1_000, 1, END);

        assertEquals(1_000, summary.completions());
        CompletionReplayer replayer = new CompletionReplayer(ReplayFormats.jsonl(), ReplayDefaults.none(),
                ReplayLimits.kafkaDefaults(END), System::nanoTime);
        assertEquals(1_000, replayer.check(summary.file(), Progress.silent(Files.size(summary.file()))).records(),
                "the whole check of `ifl replay` passes");
        assertEquals(END.minus(Duration.ofHours(2)), summary.first());
        assertTrue(summary.last().isBefore(END) && summary.last().isAfter(summary.first()), summary.toString());
    }

    @Test
    void everyCompletionHasItsOwnIdAndTheRunCoversModelsCheckpointsLanguagesAndArms() throws IOException {
        ChaosInput.Summary summary = ChaosInput.write(dir.resolve("run.jsonl"), 3_000, 2, END);
        List<JsonNode> lines = lines(summary.file());

        Set<String> ids = new HashSet<>();
        Set<String> models = new HashSet<>();
        Set<String> checkpoints = new HashSet<>();
        Set<String> languages = new HashSet<>();
        Set<String> arms = new HashSet<>();
        for (JsonNode line : lines) {
            assertTrue(ids.add(line.path("completionId").asText()), "repeated id " + line);
            models.add(line.path("model").asText());
            checkpoints.add(line.path("checkpoint").asText());
            languages.add(line.path("language").asText());
            arms.add(line.path("arm").asText());
        }
        assertEquals(2, models.size());
        assertEquals(2, checkpoints.size());
        assertEquals(14, languages.size());
        assertEquals(Set.of("TEXT", "IMAGE", "IMAGE_REMEDY"), arms);
        assertEquals(1_000, summary.items());
    }

    @Test
    void anAnswerIsTheReferenceAnswerInTheCellsLanguageOrInEnglish() throws IOException {
        Set<String> answers = new HashSet<>();
        for (EvaluationItem item : EvaluationSet.standard().items()) {
            answers.add(item.language() + "|" + item.expectedAnswer());
        }
        int faithful = 0;
        int unfaithful = 0;
        for (JsonNode line : lines(ChaosInput.write(dir.resolve("run.jsonl"), 3_000, 3, END).file())) {
            String language = line.path("language").asText();
            String text = line.path("text").asText();
            if (answers.contains(language + "|" + text)) {
                faithful++;
            } else {
                String other = language.equals("en") ? "fr" : "en";
                assertTrue(answers.contains(other + "|" + text), "an answer of neither language: " + line);
                unfaithful++;
            }
        }
        assertTrue(faithful > unfaithful && unfaithful > 0, faithful + " faithful, " + unfaithful + " not");
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        return Files.readAllLines(file).stream().map(line -> {
            try {
                return json.readTree(line);
            } catch (IOException e) {
                throw new AssertionError(line, e);
            }
        }).toList();
    }
}
