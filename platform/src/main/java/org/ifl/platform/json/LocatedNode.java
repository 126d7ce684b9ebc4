package org.ifl.platform.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A JSON value together with where it was read: the file, the line of its first token, and its field as a
 * person would write it ({@code annotations[3].qa_pairs[0].question}). A field that is absent is a node too, so
 * that "missing" can name the field, at the line of the nearest value that is there.
 *
 * <p>The typed getters return null unless the value is wholly what they ask for. A value of another type (or a
 * blank text, a number out of range) is a problem, reported with file, line and field to the consumer the input
 * was read with; an absent value (or JSON null) is a problem only after {@link #required()}. So a reader goes
 * on after the first problem and reports everything wrong in one pass.
 */
public final class LocatedNode {
    private final JsonNode node;
    private final Source source;
    private final LocatedNode parent;
    /** The field name under the parent object; null for an array element and for the root. */
    private final String name;
    private final int index;
    /** Computed on demand: most values are read without a problem, and never asked for their path. */
    private String pointer;

    /** What every node of one document or one line shares. */
    private record Source(Path file, Map<String, Long> linesByPointer, long fixedLine,
            Consumer<JsonProblem> problems) {
    }

    private LocatedNode(JsonNode node, Source source, LocatedNode parent, String name, int index) {
        this.node = node;
        this.source = source;
        this.parent = parent;
        this.name = name;
        this.index = index;
    }

    /** The root of a JSON document, with the line of each of its values by JSON pointer. */
    static LocatedNode document(Path file, JsonNode root, Map<String, Long> linesByPointer,
            Consumer<JsonProblem> problems) {
        return new LocatedNode(root, new Source(file, linesByPointer, 0, problems), null, null, -1);
    }

    /** A value all of which sits on one line of a file (JSON Lines). */
    static LocatedNode line(Path file, long line, JsonNode value, Consumer<JsonProblem> problems) {
        return new LocatedNode(value, new Source(file, Map.of(), line, problems), null, null, -1);
    }

    /** Field {@code name} of this object; absent when there is no such field or this is no object. */
    public LocatedNode get(String name) {
        JsonNode child = node != null && node.isObject() ? node.get(name) : null;
        return new LocatedNode(child, source, this, name, -1);
    }

    /** Element {@code index} of this array; absent when there is none or this is no array. */
    public LocatedNode get(int index) {
        JsonNode child = node != null && node.isArray() ? node.get(index) : null;
        return new LocatedNode(child, source, this, null, index);
    }

    /** False when the value is absent or JSON null. */
    public boolean isPresent() {
        return node != null && !node.isNull();
    }

    /** The Jackson node, null when absent. */
    public JsonNode node() {
        return node;
    }

    public Path file() {
        return source.file;
    }

    /** The field path, empty for the root. */
    public String field() {
        if (parent == null) {
            return "";
        }
        String parentField = parent.field();
        if (name == null) {
            return parentField + "[" + index + "]";
        }
        return parentField.isEmpty() ? name : parentField + "." + name;
    }

    /** The line of this value's first token; for an absent value, the line of the nearest value that is there. */
    public long line() {
        if (source.fixedLine > 0) {
            return source.fixedLine;
        }
        if (isPresent()) {
            Long line = source.linesByPointer.get(pointer());
            if (line != null) {
                return line;
            }
        }
        return parent != null ? parent.line() : 1;
    }

    /** Reports {@code message} about this value, at its line and field. */
    public void problem(String message) {
        String field = field();
        source.problems.accept(new JsonProblem(source.file, line(), field.isEmpty() ? null : field, message));
    }

    /** What the value is, for messages: "a string", "the number 3", "true", "an array", "nothing" when absent. */
    public String describe() {
        if (node == null) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "the number " + node.asText();
            case BOOLEAN -> node.asText();
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    /** This value, after reporting "missing" when it is absent or JSON null. */
    public LocatedNode required() {
        if (!isPresent()) {
            problem("missing");
        }
        return this;
    }

    /** The names of an object's fields, in file order; empty for anything else. */
    public List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        if (node != null && node.isObject()) {
            node.fieldNames().forEachRemaining(names::add);
        }
        return names;
    }

    /** Reports each field not in {@code known}: a misspelt optional field would otherwise vanish. */
    public void rejectUnknownFields(Collection<String> known) {
        if (node != null && node.isObject()) {
            // Read on every replay line: the names are walked, not copied.
            node.fieldNames().forEachRemaining(field -> {
                if (!known.contains(field)) {
                    get(field).problem("unknown field; the fields are " + String.join(", ", known));
                }
            });
        }
    }

    /** A string as written, blank or not. */
    public String string() {
        return isA(JsonNode::isTextual, "a string") ? node.textValue() : null;
    }

    /** A string as written that is not blank. */
    public String nonBlankString() {
        String s = string();
        return s != null && s.isBlank() ? reject("empty") : s;
    }

    /** A text someone wrote: a string that is not blank, without the white space around it. */
    public String text() {
        String s = nonBlankString();
        return s == null ? null : s.strip();
    }

    /** An identifier: a {@link #text} or a whole number, as text. */
    public String id() {
        if (isPresent() && node.isIntegralNumber()) {
            return node.asText();
        }
        if (isPresent() && !node.isTextual()) {
            return wrongType("a string or a whole number");
        }
        return text();
    }

    /** A whole number (2.0 is one) that fits 32 bits. */
    public Integer integer() {
        Long n = wholeNumber();
        if (n != null && (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE)) {
            return reject("does not fit a 32-bit integer: " + n);
        }
        return n == null ? null : n.intValue();
    }

    /** An {@link #integer} of 1 or more. */
    public Integer positiveInt() {
        Integer n = integer();
        return n != null && n < 1 ? reject("must be a positive integer, is " + n) : n;
    }

    /** An {@link #integer} of 0 or more. */
    public Integer nonNegativeInt() {
        Integer n = integer();
        return n != null && n < 0 ? reject("is negative: " + n) : n;
    }

    /** A whole number of 0 or more that fits 64 bits. */
    public Long nonNegativeLong() {
        Long n = wholeNumber();
        return n != null && n < 0 ? reject("is negative: " + n) : n;
    }

    /** A number that a double holds. */
    public Double number() {
        if (!isA(JsonNode::isNumber, "a number")) {
            return null;
        }
        double d = node.doubleValue();
        return Double.isFinite(d) ? d : reject("is beyond the range of a 64-bit float");
    }

    public Boolean bool() {
        return isA(JsonNode::isBoolean, "true or false") ? node.booleanValue() : null;
    }

    /** This value when it is an object, to read its fields. */
    public LocatedNode object() {
        return isA(JsonNode::isObject, "an object") ? this : null;
    }

    /** The elements of an array. */
    public List<LocatedNode> array() {
        if (!isA(JsonNode::isArray, "an array")) {
            return null;
        }
        List<LocatedNode> elements = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            elements.add(get(i));
        }
        return elements;
    }

    /** An array of {@link #string}s; null when any element is not one. */
    public List<String> strings() {
        return elements(LocatedNode::string, "a string");
    }

    /** An array of {@link #text}s; null when any element is not one. */
    public List<String> texts() {
        return elements(LocatedNode::text, "a string");
    }

    /** An array of {@link #number}s; null when any element is not one. */
    public List<Double> numbers() {
        return elements(LocatedNode::number, "a number");
    }

    private <T> List<T> elements(Function<LocatedNode, T> read, String expected) {
        List<LocatedNode> elements = array();
        if (elements == null) {
            return null;
        }
        List<T> values = new ArrayList<>(elements.size());
        for (LocatedNode element : elements) {
            // A null element is no absent field: it is there, and of the wrong type.
            T value = element.node.isNull() ? element.wrongType(expected) : read.apply(element);
            if (value != null) {
                values.add(value);
            }
        }
        return values.size() == elements.size() ? values : null;
    }

    private Long wholeNumber() {
        if (!isA(n -> n.isNumber() && n.canConvertToExactIntegral(), "a whole number")) {
            return null;
        }
        return node.canConvertToLong() ? node.longValue()
                : reject("does not fit a 64-bit integer: " + node.asText());
    }

    /** Whether the value is there and of {@code type}; when it is there and of another, a problem saying so. */
    private boolean isA(Predicate<JsonNode> type, String expected) {
        if (!isPresent()) {
            return false;
        }
        if (!type.test(node)) {
            wrongType(expected);
            return false;
        }
        return true;
    }

    private <T> T wrongType(String expected) {
        return reject("expected " + expected + ", found " + describe());
    }

    /** Null, after reporting {@code message}: what a getter returns for a value it cannot take. */
    private <T> T reject(String message) {
        problem(message);
        return null;
    }

    private String pointer() {
        if (pointer == null) {
            if (parent == null) {
                pointer = "";
            } else if (name == null) {
                pointer = parent.pointer() + "/" + index;
            } else {
                pointer = parent.pointer() + "/" + name.replace("~", "~0").replace("/", "~1");
            }
        }
        return pointer;
    }
}
