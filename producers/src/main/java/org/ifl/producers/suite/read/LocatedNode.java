package org.ifl.producers.suite.read;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ifl.producers.Origin;
import org.ifl.producers.suite.InputProblem;

/**
 * A JSON value together with where it was read: the file, the line of its first token, and its field as a
 * person would write it ({@code annotations[3].qa_pairs[0].question}). A field that is absent is a node too,
 * so that "missing" can name the field, at the line of the object that lacks it.
 *
 * <p>The typed accessors ({@link #text}, {@link #array}...) add a problem and return null when the value is
 * not what the format asks for, so a reader can go on and report everything wrong in one pass.
 */
public final class LocatedNode {
    private final JsonNode node;
    private final Path file;
    private final String field;
    private final String pointer;
    private final Map<String, Long> lines;
    private final long fixedLine;
    private final LocatedNode parent;

    private LocatedNode(JsonNode node, Path file, String field, String pointer, Map<String, Long> lines,
            long fixedLine, LocatedNode parent) {
        this.node = node;
        this.file = file;
        this.field = field;
        this.pointer = pointer;
        this.lines = lines;
        this.fixedLine = fixedLine;
        this.parent = parent;
    }

    /** The root of a JSON document, with the line of each of its values by JSON pointer. */
    static LocatedNode document(Path file, JsonNode root, Map<String, Long> linesByPointer) {
        return new LocatedNode(root, file, "", "", Map.copyOf(linesByPointer), 0, null);
    }

    /** A value that sits on one line of a file (JSON Lines), all of whose parts are on that line. */
    static LocatedNode line(Path file, long line, JsonNode value) {
        return new LocatedNode(value, file, "", "", Map.of(), line, null);
    }

    public LocatedNode get(String name) {
        JsonNode child = node != null && node.isObject() ? node.get(name) : null;
        String childField = field.isEmpty() ? name : field + "." + name;
        String childPointer = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
        return new LocatedNode(child, file, childField, childPointer, lines, fixedLine, this);
    }

    public LocatedNode get(int index) {
        JsonNode child = node != null && node.isArray() ? node.get(index) : null;
        return new LocatedNode(child, file, field + "[" + index + "]", pointer + "/" + index, lines, fixedLine,
                this);
    }

    /** False when the field is absent or JSON null. */
    public boolean isPresent() {
        return node != null && !node.isNull();
    }

    public JsonNode node() {
        return node;
    }

    public Path file() {
        return file;
    }

    /** The field path, empty for the root. */
    public String field() {
        return field;
    }

    /** The line of this value's first token; for an absent field, the line of the nearest value that is there. */
    public long line() {
        if (fixedLine > 0) {
            return fixedLine;
        }
        if (isPresent()) {
            Long line = lines.get(pointer);
            if (line != null) {
                return line;
            }
        }
        return parent != null ? parent.line() : 1;
    }

    public Origin origin() {
        return new Origin(file, line());
    }

    public InputProblem problem(String message) {
        return new InputProblem(file, line(), field.isEmpty() ? null : field, message);
    }

    /** The names of an object's fields, in file order; empty for anything else. */
    public List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        if (node != null && node.isObject()) {
            Iterator<String> it = node.fieldNames();
            it.forEachRemaining(names::add);
        }
        return names;
    }

    /** A required, non-blank string, stripped; null (and a problem) otherwise. */
    public String text(InputProblems problems) {
        if (!isPresent()) {
            problems.add(problem("missing"));
            return null;
        }
        return checkedText(problems);
    }

    /** An optional string: null when absent or blank, null and a problem when it is not a string. */
    public String optionalText(InputProblems problems) {
        if (!isPresent()) {
            return null;
        }
        if (!node.isTextual()) {
            problems.add(problem("expected a string, found " + typeOf(node)));
            return null;
        }
        String s = node.textValue().strip();
        return s.isEmpty() ? null : s;
    }

    /** An identifier: a non-blank string or a whole number, as text. */
    public String id(InputProblems problems) {
        if (isPresent() && node.isIntegralNumber()) {
            return node.asText();
        }
        return text(problems);
    }

    /** A required array's elements; null (and a problem) when absent or not an array. */
    public List<LocatedNode> array(InputProblems problems) {
        if (!isPresent()) {
            problems.add(problem("missing"));
            return null;
        }
        if (!node.isArray()) {
            problems.add(problem("expected an array, found " + typeOf(node)));
            return null;
        }
        List<LocatedNode> elements = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            elements.add(get(i));
        }
        return elements;
    }

    /** A required array of strings; null (and a problem per bad element) when it is not one. */
    public List<String> texts(InputProblems problems) {
        List<LocatedNode> elements = array(problems);
        if (elements == null) {
            return null;
        }
        List<String> texts = new ArrayList<>(elements.size());
        boolean ok = true;
        for (LocatedNode e : elements) {
            String s = e.text(problems);
            ok &= s != null;
            texts.add(s);
        }
        return ok ? texts : null;
    }

    /** Whether this is a JSON object; adds a problem ("missing" or the type found) when it is not. */
    public boolean requireObject(InputProblems problems) {
        if (!isPresent()) {
            problems.add(problem("missing"));
            return false;
        }
        if (!node.isObject()) {
            problems.add(problem("expected an object, found " + typeOf(node)));
            return false;
        }
        return true;
    }

    private String checkedText(InputProblems problems) {
        if (!node.isTextual()) {
            problems.add(problem("expected a string, found " + typeOf(node)));
            return null;
        }
        String s = node.textValue().strip();
        if (s.isEmpty()) {
            problems.add(problem("empty"));
            return null;
        }
        return s;
    }

    static String typeOf(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
