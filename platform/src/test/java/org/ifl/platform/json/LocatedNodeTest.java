package org.ifl.platform.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LocatedNodeTest {
    private static final Path FILE = Path.of("in.json");

    private final List<JsonProblem> problems = new ArrayList<>();

    private LocatedNode read(String json) {
        LocatedNode root = JsonInput.document(FILE, json, problems::add);
        assertTrue(problems.isEmpty(), problems::toString);
        return root;
    }

    private void assertProblems(String... expected) {
        assertEquals(List.of(expected), problems.stream().map(JsonProblem::toString).toList());
    }

    @Test
    void eachGetterReturnsAValueOfItsType() {
        LocatedNode o = read("""
                {"s": "  a b ", "blank": " ", "id": 42, "sid": " x7 ", "n": 3, "neg": -4, "big": 5000000000,
                 "whole": 2.0, "x": 1.5, "t": true, "o": {"k": "v"}, "a": [1, 2], "ss": [" a", "b "]}
                """);
        assertEquals("  a b ", o.get("s").string());
        assertEquals("  a b ", o.get("s").nonBlankString());
        assertEquals("a b", o.get("s").text());
        assertEquals(" ", o.get("blank").string());
        assertEquals("42", o.get("id").id());
        assertEquals("x7", o.get("sid").id());
        assertEquals(3, o.get("n").integer());
        assertEquals(-4, o.get("neg").integer());
        assertEquals(3, o.get("n").positiveInt());
        assertEquals(3, o.get("n").nonNegativeInt());
        assertEquals(5_000_000_000L, o.get("big").nonNegativeLong());
        assertEquals(2, o.get("whole").integer(), "a whole number written with a fraction part");
        assertEquals(1.5, o.get("x").number());
        assertEquals(3.0, o.get("n").number());
        assertEquals(true, o.get("t").bool());
        assertSame(o.get("o").node(), o.get("o").object().node());
        assertEquals("v", o.get("o").object().get("k").string());
        assertEquals(2, o.get("a").array().size());
        assertEquals(2, o.get("a").array().get(1).integer());
        assertEquals(List.of(" a", "b "), o.get("ss").strings());
        assertEquals(List.of("a", "b"), o.get("ss").texts());
        assertEquals(List.of(1.0, 2.0), o.get("a").numbers());
        assertTrue(problems.isEmpty(), problems::toString);
    }

    /** Every typed getter, by name. */
    private static final List<String> GETTERS = List.of("string", "nonBlankString", "text", "id", "integer",
            "positiveInt", "nonNegativeInt", "nonNegativeLong", "number", "bool", "object", "array", "strings", "texts",
            "numbers");

    private static Object get(String getter, LocatedNode value) {
        try {
            return LocatedNode.class.getMethod(getter).invoke(value);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("no getter " + getter, e);
        }
    }

    @Test
    void anAbsentOrNullFieldIsNullAndAProblemOnlyWhenRequired() {
        LocatedNode o = read("{\"nothing\": null}");
        for (String getter : GETTERS) {
            assertNull(get(getter, o.get("absent")), getter);
            assertNull(get(getter, o.get("nothing")), getter);
        }
        assertTrue(problems.isEmpty(), problems::toString);

        assertNull(o.get("absent").required().text());
        assertNull(o.get("nothing").required().integer());
        assertProblems("in.json:1: absent: missing", "in.json:1: nothing: missing");
    }

    @ParameterizedTest(name = "{0} of {1}")
    @CsvSource(delimiter = '|', textBlock = """
            string          | 3                    | expected a string, found the number 3
            text            | {}                   | expected a string, found an object
            id              | []                   | expected a string or a whole number, found an array
            integer         | "x"                  | expected a whole number, found a string
            integer         | 2.5                  | expected a whole number, found the number 2.5
            number          | false                | expected a number, found false
            bool            | 3                    | expected true or false, found the number 3
            object          | "x"                  | expected an object, found a string
            array           | false                | expected an array, found false
            strings         | {}                   | expected an array, found an object
            numbers         | "1, 2"               | expected an array, found a string
            nonBlankString  | "  "                 | empty
            text            | " "                  | empty
            id              | ""                   | empty
            nonNegativeInt  | -1                   | is negative: -1
            nonNegativeLong | -1                   | is negative: -1
            positiveInt     | 0                    | must be a positive integer, is 0
            integer         | 3000000000           | does not fit a 32-bit integer: 3000000000
            integer         | -3000000000          | does not fit a 32-bit integer: -3000000000
            nonNegativeLong | 99999999999999999999 | does not fit a 64-bit integer: 99999999999999999999
            number          | 1e999                | is beyond the range of a 64-bit float
            """)
    void aValueAGetterCannotTakeIsNullAndOneProblemSayingWhy(String getter, String value, String message) {
        LocatedNode v = read("{\"v\": " + value + "}").get("v");
        assertNull(get(getter, v));
        assertProblems("in.json:1: v: " + message);
    }

    @Test
    void anArrayWithABadElementIsNullAndNamesEachBadElement() {
        LocatedNode o = read("{\"a\": [\"x\", 3, null, \" \"]}");
        assertNull(o.get("a").strings());
        assertNull(o.get("a").texts());
        assertNull(o.get("a").numbers());
        assertProblems(
                "in.json:1: a[1]: expected a string, found the number 3",
                "in.json:1: a[2]: expected a string, found null",
                "in.json:1: a[1]: expected a string, found the number 3",
                "in.json:1: a[2]: expected a string, found null",
                "in.json:1: a[3]: empty",
                "in.json:1: a[0]: expected a number, found a string",
                "in.json:1: a[2]: expected a number, found null",
                "in.json:1: a[3]: expected a number, found a string");
    }

    @Test
    void nestedValuesAreNamedByTheirPathAtTheLineTheyStartOn() {
        LocatedNode root = read("""
                {
                  "annotations": [
                    {
                      "qa_pairs": [
                        {"question": "Why?"},
                        {
                          "answers": "no array"
                        }
                      ]
                    }
                  ]
                }
                """);
        LocatedNode pairs = root.get("annotations").get(0).get("qa_pairs");
        assertEquals("annotations[0].qa_pairs", pairs.field());
        assertEquals(4, pairs.line());
        LocatedNode first = pairs.array().get(0);
        assertEquals(5, first.line());
        assertEquals("Why?", first.get("question").text());
        assertNull(first.get("answers").required().texts());
        assertNull(pairs.get(1).get("answers").texts());
        assertNull(pairs.get(1).get("question").required().text());
        assertProblems(
                "in.json:5: annotations[0].qa_pairs[0].answers: missing",
                "in.json:7: annotations[0].qa_pairs[1].answers: expected an array, found a string",
                "in.json:6: annotations[0].qa_pairs[1].question: missing");
    }

    @Test
    void anAbsentValueDeepDownIsNamedAtTheLineOfTheNearestValueThatIsThere() {
        LocatedNode root = read("{\n  \"prompts\": {\n    \"de\": {}\n  }\n}\n");
        root.get("prompts").get("de").get("L_L").problem("missing, on this line and in the header line");
        root.get("prompts").get("fr").get("L_L").problem("missing");
        root.problem("the whole file");
        assertProblems(
                "in.json:3: prompts.de.L_L: missing, on this line and in the header line",
                "in.json:2: prompts.fr.L_L: missing",
                "in.json:1: the whole file");
    }

    @Test
    void fieldNamesWithSlashesAndTildesFindTheirLines() {
        LocatedNode root = read("{\"a/b\": {\n\"c~d\": 1,\n\"e\": \"x\"}}");
        LocatedNode e = root.get("a/b").get("e");
        assertEquals(3, e.line());
        assertEquals(2, root.get("a/b").get("c~d").line());
        e.integer();
        assertProblems("in.json:3: a/b.e: expected a whole number, found a string");
    }

    @Test
    void fieldNamesAreInFileOrderAndUnknownOnesAreProblems() {
        LocatedNode o = read("{\"kind\": \"X\", \"mesage\": \"typo\", \"retriable\": true}");
        assertEquals(List.of("kind", "mesage", "retriable"), o.fieldNames());
        assertEquals(List.of(), o.get("kind").fieldNames());
        o.rejectUnknownFields(Set.of("kind", "retriable"));
        o.get("kind").rejectUnknownFields(Set.of());
        assertEquals(1, problems.size(), problems::toString);
        assertEquals("mesage", problems.get(0).field());
        assertTrue(problems.get(0).message().startsWith("unknown field; the fields are "), problems::toString);
    }

    @Test
    void requiredIsTheSameValueSoGettersChain() {
        LocatedNode o = read("{\"v\": [1.5, -2]}");
        LocatedNode v = o.get("v");
        assertSame(v, v.required());
        assertArrayEquals(new Object[] {1.5, -2.0},
                v.array().stream().map(LocatedNode::number).toArray());
        assertEquals("in.json", o.file().toString());
        assertEquals("", o.field());
        assertEquals("the number -2", v.get(1).describe());
        assertEquals("an array", v.describe());
        assertEquals("nothing", v.get(7).describe());
    }
}
