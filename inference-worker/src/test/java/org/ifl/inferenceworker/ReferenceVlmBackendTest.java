package org.ifl.inferenceworker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.ifl.schemas.avro.Arm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The reference VLM backend: what it reads of each query and that every answer fits the model's positions. */
class ReferenceVlmBackendTest {
    /**
     * The bundled sample suite the demo publishes, read from the producers' sources (a stage never depends on
     * another, so not through their classes): the same questions and descriptions the TEXT arm sends.
     */
    private static final Path SAMPLE_SUITE = Path.of("..", "producers", "src", "main", "resources", "org", "ifl",
            "producers", "internal", "sample", "sample-suite.json");
    private static final int SEP = 260;

    private static ReferenceVlmBackend backend;
    private static int positions;

    @BeforeAll
    static void load() throws IOException {
        System.setProperty("ai.djl.offline", "true");
        backend = ReferenceVlmBackend.bundled();
        positions = backend.model().config().maxSequenceLength();
    }

    @AfterAll
    static void close() {
        backend.close();
    }

    @Test
    void everyTextQueryOfTheSampleSuiteIsReadWithItsWholeQuestionAndItsWholeAnswerBudget() throws IOException {
        List<GenerationRequest> queries = sampleTextQueries(96);
        assertEquals(168, queries.size(), "12 items x 14 languages");
        int shortened = 0;
        for (int budget : new int[] {48, 96}) { // the demo's budget and the worker's default
            for (GenerationRequest q : sampleTextQueries(budget)) {
                ReferenceVlmBackend.Prepared prepared = backend.prepare(q);
                assertNull(prepared.failure(), () -> q.queryId() + ": " + prepared.failure());
                int[] ids = prepared.prompt().ids();
                assertEquals(budget, prepared.budget(), q.queryId());
                assertTrue(ids.length + budget <= positions, () -> q.queryId() + ": " + ids.length + " + " + budget);
                // [BOS] description "\n" question [SEP]: the question whole at the end, the description's beginning.
                byte[] question = ("\n" + q.prompt()).getBytes(StandardCharsets.UTF_8);
                assertArrayEquals(unsigned(question), Arrays.copyOfRange(ids, ids.length - 1 - question.length,
                        ids.length - 1), q.queryId());
                assertEquals(SEP, ids[ids.length - 1]);
                byte[] kept = new byte[ids.length - 2 - question.length];
                for (int i = 0; i < kept.length; i++) {
                    kept[i] = (byte) ids[1 + i];
                }
                String description = new String(kept, StandardCharsets.UTF_8);
                assertTrue(q.description().startsWith(description), q.queryId() + ": " + description);
                shortened += description.length() < q.description().length() ? 1 : 0;
            }
        }
        // The 11 whose prompts alone were longer than the model's 384 positions are among them.
        assertTrue(shortened >= 11, "descriptions shortened: " + shortened);
    }

    @Test
    void theLongestTextQueriesOfTheSampleSuiteAreAnswered() throws IOException {
        List<GenerationRequest> longest = sampleTextQueries(4).stream()
                .sorted(Comparator.comparingInt((GenerationRequest q) -> utf8(q.description() + q.prompt())).reversed())
                .limit(8).toList();
        assertTrue(utf8(longest.get(7).description() + longest.get(7).prompt()) + 3 > positions,
                "each is longer than the model reads, as it was sent");
        List<Generation> answers = backend.generate(longest);
        for (int i = 0; i < longest.size(); i++) {
            Generation g = answers.get(i);
            assertTrue(g.succeeded(), longest.get(i).queryId() + ": " + g.failure());
            assertTrue(g.promptTokens() + 4 <= positions, longest.get(i).queryId());
        }
    }

    @Test
    void aLongPromptInTheBatchDoesNotCutTheOtherAnswers() {
        GenerationRequest plain = new GenerationRequest("plain", Arm.TEXT, "What do you see in the picture?",
                "There are two red circles in the picture.", null, "en", 24);
        // Its question alone leaves 8 positions for the answer.
        String longQuestion = "What do you see in the picture? ".repeat(12).substring(0, positions - 3 - 8);
        GenerationRequest crowded = new GenerationRequest("crowded", Arm.TEXT, longQuestion, "Two red circles.", null,
                "en", 24);

        Generation alone = backend.generate(List.of(plain)).get(0);
        List<Generation> together = backend.generate(List.of(plain, crowded));
        assertTrue(alone.completionTokens() > 8, "the answer is longer than the crowded row's room: " + alone);
        assertEquals(alone, together.get(0));
        assertTrue(together.get(1).succeeded(), together.get(1).toString());
        assertTrue(together.get(1).completionTokens() <= 8);
    }

    /** The sample suite's TEXT queries as the producers fan them out: the question, the description in its place. */
    private static List<GenerationRequest> sampleTextQueries(int maxNewTokens) throws IOException {
        JsonNode suite = new ObjectMapper().readTree(Files.readString(SAMPLE_SUITE));
        List<GenerationRequest> queries = new ArrayList<>();
        for (JsonNode item : suite.get("items")) {
            item.get("languages").fields().forEachRemaining(language -> queries.add(new GenerationRequest(
                    item.get("id").asText() + "|" + language.getKey() + "|TEXT", Arm.TEXT,
                    language.getValue().get("question").asText(), language.getValue().get("description").asText(),
                    null, language.getKey(), maxNewTokens)));
        }
        return queries;
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static int[] unsigned(byte[] bytes) {
        int[] ids = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            ids[i] = bytes[i] & 0xff;
        }
        return ids;
    }
}
