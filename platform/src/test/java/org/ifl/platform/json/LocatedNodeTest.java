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

class LocatedNodeTest {
    private static final Path FILE = Path.of("in.json");

    private final List<JsonProblem> problems = new ArrayList<>();

    private LocatedNode read(String json) {
        LocatedNode root = JsonInput.document(FILE, json, problems::add);
        assertTrue(problems.isEmpty(), problems::toString);
        return root;
    }

    private List<String> problems() {
        return problems.stream().map(JsonProblem::toString).toList();
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
        assertTrue(problems.isEmpty(), problems::toString);
    }

    @Test
    void anAbsentOrNullFieldIsNullAndAProblemOnlyWhenRequired() {
        LocatedNode o = read("{\"nothing\": null}");
        for (String name : List.of("absent", "nothing")) {
            LocatedNode field = o.get(name);
            assertTrue(!field.isPresent());
            assertNull(field.string());
            assertNull(field.text());
            assertNull(field.id());
            assertNull(field.integer());
            assertNull(field.nonNegativeLong());
            assertNull(field.number());
            assertNull(field.bool());
            assertNull(field.object());
            assertNull(field.array());
            assertNull(field.strings());
        }
        assertTrue(problems.isEmpty(), problems::toString);

        assertNull(o.get("absent").required().text());
        assertNull(o.get("nothing").required().integer());
        assertEquals(List.of("in.json:1: absent: missing", "in.json:1: nothing: missing"), problems());
    }

    @Test
    void aValueOfTheWrongTypeIsAProblemSayingWhatWasFound() {
        LocatedNode o = read("""
                {"n": 3, "s": "x", "t": false, "a": [], "o": {}, "f": 2.5}
                """);
        assertNull(o.get("n").string());
        assertNull(o.get("o").text());
        assertNull(o.get("a").id());
        assertNull(o.get("s").integer());
        assertNull(o.get("f").integer());
        assertNull(o.get("t").number());
        assertNull(o.get("n").bool());
        assertNull(o.get("s").object());
        assertNull(o.get("t").array());
        assertEquals(List.of(
                "in.json:1: n: expected a string, found the number 3",
                "in.json:1: o: expected a string, found an object",
                "in.json:1: a: expected a string or a whole number, found an array",
                "in.json:1: s: expected a whole number, found a string",
                "in.json:1: f: expected a whole number, found the number 2.5",
                "in.json:1: t: expected a number, found false",
                "in.json:1: n: expected true or false, found the number 3",
                "in.json:1: s: expected an object, found a string",
                "in.json:1: t: expected an array, found false"), problems());
    }

    @Test
    void stringsThatAreBlankAndNumbersOutOfRangeAreProblems() {
        LocatedNode o = read("""
                {"blank": "  ", "neg": -1, "zero": 0, "huge": 3000000000, "vast": 99999999999999999999,
                 "inf": 1e999}
                """);
        assertNull(o.get("blank").nonBlankString());
        assertNull(o.get("blank").text());
        assertNull(o.get("blank").id());
        assertNull(o.get("neg").nonNegativeInt());
        assertNull(o.get("neg").nonNegativeLong());
        assertNull(o.get("zero").positiveInt());
        assertNull(o.get("huge").integer());
        assertNull(o.get("vast").nonNegativeLong());
        assertNull(o.get("inf").number());
        assertEquals(List.of(
                "in.json:1: blank: empty",
                "in.json:1: blank: empty",
                "in.json:1: blank: empty",
                "in.json:1: neg: is negative: -1",
                "in.json:1: neg: is negative: -1",
                "in.json:1: zero: must be a positive integer, is 0",
                "in.json:1: huge: is too large for a 32-bit integer: 3000000000",
                "in.json:1: vast: is too large for a 64-bit integer: 99999999999999999999",
                "in.json:2: inf: is beyond the range of a 64-bit float"), problems());
    }

    @Test
    void anArrayOfStringsWithABadElementIsNullAndNamesTheElement() {
        LocatedNode o = read("{\"a\": [\"x\", 3, null, \" \"]}");
        assertNull(o.get("a").strings());
        assertNull(o.get("a").texts());
        assertEquals(List.of(
                "in.json:1: a[1]: expected a string, found the number 3",
                "in.json:1: a[2]: expected a string, found null",
                "in.json:1: a[1]: expected a string, found the number 3",
                "in.json:1: a[2]: expected a string, found null",
                "in.json:1: a[3]: empty"), problems());
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
        assertEquals(List.of(
                "in.json:5: annotations[0].qa_pairs[0].answers: missing",
                "in.json:7: annotations[0].qa_pairs[1].answers: expected an array, found a string",
                "in.json:6: annotations[0].qa_pairs[1].question: missing"), problems());
    }

    @Test
    void anAbsentValueDeepDownIsNamedAtTheLineOfTheNearestValueThatIsThere() {
        LocatedNode root = read("{\n  \"prompts\": {\n    \"de\": {}\n  }\n}\n");
        root.get("prompts").get("de").get("L_L").problem("missing, on this line and in the header line");
        root.get("prompts").get("fr").get("L_L").problem("missing");
        root.problem("the whole file");
        assertEquals(List.of(
                "in.json:3: prompts.de.L_L: missing, on this line and in the header line",
                "in.json:2: prompts.fr.L_L: missing",
                "in.json:1: the whole file"), problems());
    }

    @Test
    void fieldNamesWithSlashesAndTildesFindTheirLines() {
        LocatedNode root = read("{\"a/b\": {\n\"c~d\": 1,\n\"e\": \"x\"}}");
        LocatedNode e = root.get("a/b").get("e");
        assertEquals(3, e.line());
        assertEquals(2, root.get("a/b").get("c~d").line());
        e.integer();
        assertEquals(List.of("in.json:3: a/b.e: expected a whole number, found a string"), problems());
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
