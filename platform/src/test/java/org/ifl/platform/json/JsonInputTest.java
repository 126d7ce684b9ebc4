package org.ifl.platform.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonInputTest {
    @TempDir
    Path dir;

    private final List<JsonProblem> problems = new ArrayList<>();

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, UTF_8);
    }

    @Test
    void aDocumentKnowsTheLineOfEachValue() throws IOException {
        Path file = write("doc.json", """
                {
                  "split": "de",
                  "annotations": [
                    {"image_id": 7},
                    {
                      "image_id": "x"
                    }
                  ]
                }
                """);
        LocatedNode root = JsonInput.document(file, problems::add);
        assertEquals(1, root.line());
        assertEquals(2, root.get("split").line());
        assertEquals(3, root.get("annotations").line());
        assertEquals(4, root.get("annotations").get(0).get("image_id").line());
        assertEquals(5, root.get("annotations").get(1).line());
        assertEquals(6, root.get("annotations").get(1).get("image_id").line());
        assertEquals(file, root.get("split").file());
        assertTrue(problems.isEmpty(), problems::toString);
    }

    @Test
    void aDocumentThatIsNotJsonIsOneProblemAtTheLineAndColumnWhereItBreaks() throws IOException {
        Path file = write("bad.json", "{\n  \"items\": [\n    {\"id\": }\n");
        assertNull(JsonInput.document(file, problems::add));
        assertEquals(1, problems.size());
        JsonProblem problem = problems.get(0);
        assertEquals(3, problem.line());
        assertNull(problem.field());
        assertTrue(problem.message().startsWith("not valid JSON at column 12: Unexpected character ('}'"),
                problem::toString);
    }

    @Test
    void trailingContentARepeatedKeyAndNothingAtAllAreProblems() {
        assertNull(JsonInput.document(Path.of("two.json"), "{}\n{}", problems::add));
        assertNull(JsonInput.document(Path.of("twice.json"), "{\"a\": 1,\n \"a\": 2}", problems::add));
        assertNull(JsonInput.document(Path.of("empty.json"), " \n", problems::add));
        assertEquals(3, problems.size(), problems::toString);
        assertTrue(problems.get(0).toString().startsWith("two.json:2: not valid JSON at column "), problems::toString);
        assertTrue(problems.get(1).toString().startsWith("twice.json:2: not valid JSON at column "),
                problems::toString);
        assertTrue(problems.get(1).message().contains("Duplicate field 'a'"), problems::toString);
        assertEquals("empty.json: empty: expected a JSON value", problems.get(2).toString());
    }

    @Test
    void aByteOrderMarkBeforeADocumentIsNotText() {
        LocatedNode root = JsonInput.document(Path.of("bom.json"), "\uFEFF{\"a\": \"b\"}", problems::add);
        assertEquals("b", root.get("a").text());
        assertTrue(problems.isEmpty(), problems::toString);
    }

    @Test
    void jsonLinesAreObjectsEachAtItsLineAndBadLinesAreProblemsLeftOut() throws IOException {
        Path file = write("items.jsonl", "\uFEFF{\"id\": 1}\r\n\n{\"id\": \n[1, 2]\n  {\"id\": 5, \"text\": 3}\n");
        List<LocatedNode> lines = JsonInput.lines(file, problems::add);

        assertEquals(2, lines.size());
        assertEquals(1, lines.get(0).line());
        assertEquals("1", lines.get(0).get("id").id());
        LocatedNode last = lines.get(1);
        assertEquals(5, last.line());
        assertEquals(5, last.get("text").line());
        assertEquals(5, last.get("absent").line());
        assertNull(last.get("text").text());
        assertEquals(3, problems.size(), problems::toString);
        assertTrue(problems.get(0).toString().startsWith(file + ":3: not valid JSON at column 8: "),
                problems::toString);
        assertEquals(file + ":4: expected a JSON object, found an array", problems.get(1).toString());
        assertEquals(file + ":5: text: expected a string, found the number 3", problems.get(2).toString());
    }

    @Test
    void oneLineOfJsonLinesIsReadAtTheLineNumberGiven() {
        Path file = Path.of("replay.jsonl");
        LocatedNode line = JsonInput.line(file, 120_001, "{\"error\": {\"kind\": 4}}", problems::add);
        assertNull(line.get("error").get("kind").string());
        assertNull(JsonInput.line(file, 120_002, "\"text\"", problems::add));
        assertNull(JsonInput.line(file, 120_003, "{\"a\": 1} {}", problems::add));
        assertEquals(3, problems.size(), problems::toString);
        assertEquals("replay.jsonl:120001: error.kind: expected a string, found the number 4",
                problems.get(0).toString());
        assertEquals("replay.jsonl:120002: expected a JSON object, found a string", problems.get(1).toString());
        assertTrue(problems.get(2).toString().startsWith("replay.jsonl:120003: not valid JSON at column 10: "),
                problems::toString);
    }

    @Test
    void theFirstNonBlankCharacterTellsJsonLinesFromCsv() throws IOException {
        assertEquals('{', JsonInput.firstNonBlankChar(write("a.jsonl", "\uFEFF \n {\"a\": 1}")));
        assertEquals('i', JsonInput.firstNonBlankChar(write("a.csv", "image_id,language\n")));
        assertEquals(-1, JsonInput.firstNonBlankChar(write("blank", " \n\t")));
    }

    @Test
    void problemsPrintAsFileLineFieldMessage() {
        assertEquals("a.json:3: x.y[0]: missing", new JsonProblem(Path.of("a.json"), 3, "x.y[0]", "missing")
                .toString());
        assertEquals("a.json:3: not valid JSON", new JsonProblem(Path.of("a.json"), 3, null, "not valid JSON")
                .toString());
        assertEquals("a.json: empty", new JsonProblem(Path.of("a.json"), 0, null, "empty").toString());
    }

    @Test
    void gatheredProblemsAreThrownTogetherNamingTheFile() {
        Path file = Path.of("model.json");
        JsonProblems gathered = new JsonProblems();
        LocatedNode root = JsonInput.document(file, "{\n\"layers\": -1,\n\"width\": \"wide\"}", gathered);
        gathered.throwIfAny(file, "model metadata");
        root.get("layers").positiveInt();
        root.get("width").positiveInt();
        root.get("format").required().text();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> gathered.throwIfAny(file, "model metadata"));
        assertEquals("""
                model.json: invalid model metadata (3 problems):
                  model.json:2: layers: must be a positive integer, is -1
                  model.json:3: width: expected a whole number, found a string
                  model.json:1: format: missing""", e.getMessage());
        assertEquals(3, gathered.list().size());
    }

    @Test
    void aFileThatCannotBeReadOnIsOneExceptionWithItsProblem() {
        Path file = Path.of("steering.json");
        JsonProblems gathered = new JsonProblems();
        assertThrows(IllegalStateException.class, () -> gathered.exception(file, "steering-vector file"));
        assertNull(JsonInput.document(file, "[1, 2", gathered));
        IllegalArgumentException e = gathered.exception(file, "steering-vector file");
        assertTrue(e.getMessage().startsWith("steering.json: invalid steering-vector file (1 problem):\n"
                + "  steering.json:1: not valid JSON at column "), e.getMessage());
    }
}
