package org.ifl.producers.replay;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.ifl.producers.Origin;
import org.ifl.producers.suite.read.InputProblems;

/**
 * Typed access to the fields of one JSON object of a replay line. A field that is absent or of the wrong type
 * is a problem naming it (nested fields by path: {@code error.message}, {@code entities[2].entityId}), and the
 * getter returns null so that the line's other fields are still checked.
 */
final class JsonFields {
    private final JsonNode object;
    private final String prefix;
    private final Origin origin;
    private final InputProblems problems;

    JsonFields(JsonNode object, String prefix, Origin origin, InputProblems problems) {
        this.object = object;
        this.prefix = prefix;
        this.origin = origin;
        this.problems = problems;
    }

    String path(String name) {
        return prefix + name;
    }

    void problem(String name, String message) {
        problems.add(origin.problem(path(name), message));
    }

    boolean has(String name) {
        JsonNode value = object.get(name);
        return value != null && !value.isNull();
    }

    /** Every field not in {@code known} is a problem: a misspelt optional field would otherwise vanish. */
    void rejectUnknown(Set<String> known) {
        object.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                problem(name, "unknown field; the fields are " + String.join(", ", known));
            }
        });
    }

    String string(String name) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            problem(name, "expected a string, found " + describe(value));
            return null;
        }
        return value.textValue();
    }

    /** A string that must be there and must not be blank. */
    String required(String name) {
        if (!has(name)) {
            problem(name, "missing");
            return null;
        }
        return nonBlank(name);
    }

    /** A string that may be absent but, if there, is not blank. */
    String nonBlank(String name) {
        String value = string(name);
        if (value != null && value.isBlank()) {
            problem(name, "is blank");
            return null;
        }
        return value;
    }

    String language(String name) {
        String written = string(name);
        if (written == null) {
            return null;
        }
        return problems.language(written, origin, path(name));
    }

    <E extends Enum<E>> E enumValue(String name, Class<E> type) {
        String written = string(name);
        if (written == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, written.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problem(name, "unknown " + type.getSimpleName() + " '" + written + "'; expected one of "
                    + Arrays.toString(type.getEnumConstants()));
            return null;
        }
    }

    Long nonNegativeLong(String name) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            problem(name, "expected a whole number, found " + describe(value));
            return null;
        }
        if (value.longValue() < 0) {
            problem(name, "is negative: " + value.longValue());
            return null;
        }
        return value.longValue();
    }

    Integer nonNegativeInt(String name) {
        JsonNode value = object.get(name);
        if (value != null && value.isIntegralNumber() && !value.canConvertToInt()) {
            problem(name, "is too large for a 32-bit count: " + value.asText());
            return null;
        }
        Long n = nonNegativeLong(name);
        return n == null ? null : n.intValue();
    }

    Double number(String name) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            problem(name, "expected a number, found " + describe(value));
            return null;
        }
        return value.doubleValue();
    }

    Boolean bool(String name) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            problem(name, "expected true or false, found " + describe(value));
            return null;
        }
        return value.booleanValue();
    }

    /** An ISO-8601 instant ({@code 2024-05-01T12:00:00Z}, an offset allowed) or epoch milliseconds. */
    Instant instant(String name) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return Instant.ofEpochMilli(value.longValue());
        }
        if (value.isTextual()) {
            try {
                // Avro keeps milliseconds; truncating here makes the record equal to what the topic will hold.
                return Instant.parse(value.textValue().strip()).truncatedTo(ChronoUnit.MILLIS);
            } catch (DateTimeParseException e) {
                problem(name, "'" + value.textValue() + "' is not an ISO-8601 instant (2024-05-01T12:00:00Z)");
                return null;
            }
        }
        problem(name, "expected an ISO-8601 instant or epoch milliseconds, found " + describe(value));
        return null;
    }

    List<String> strings(String name) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            problem(name, "expected an array of strings, found " + describe(value));
            return List.of();
        }
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            if (!element.isTextual()) {
                problem(name + "[" + i + "]", "expected a string, found " + describe(element));
            } else {
                strings.add(element.textValue());
            }
        }
        return strings;
    }

    Map<String, String> stringMap(String name) {
        Map<String, String> map = new LinkedHashMap<>();
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return map;
        }
        if (!value.isObject()) {
            problem(name, "expected an object of strings, found " + describe(value));
            return map;
        }
        value.fields().forEachRemaining(e -> {
            if (e.getValue().isTextual()) {
                map.put(e.getKey(), e.getValue().textValue());
            } else {
                problem(name + "." + e.getKey(), "expected a string, found " + describe(e.getValue()));
            }
        });
        return map;
    }

    /** A nested object, or null (with a problem if it is there but not an object). */
    JsonFields object(String name) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            problem(name, "expected an object, found " + describe(value));
            return null;
        }
        return new JsonFields(value, path(name) + ".", origin, problems);
    }

    /** Each element of an array of objects, read by {@code element} (given its fields and index). */
    <T> List<T> objects(String name, BiFunction<JsonFields, Integer, T> element) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            problem(name, "expected an array, found " + describe(value));
            return List.of();
        }
        List<T> read = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode e = value.get(i);
            if (!e.isObject()) {
                problem(name + "[" + i + "]", "expected an object, found " + describe(e));
                continue;
            }
            T t = element.apply(new JsonFields(e, path(name) + "[" + i + "].", origin, problems), i);
            if (t != null) {
                read.add(t);
            }
        }
        return read;
    }

    /** An array of arrays of strings. */
    List<List<String>> stringLists(String name) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            problem(name, "expected an array of arrays of strings, found " + describe(value));
            return List.of();
        }
        List<List<String>> lists = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode inner = value.get(i);
            if (!inner.isArray()) {
                problem(name + "[" + i + "]", "expected an array of strings, found " + describe(inner));
                continue;
            }
            List<String> strings = new ArrayList<>();
            for (int j = 0; j < inner.size(); j++) {
                if (inner.get(j).isTextual()) {
                    strings.add(inner.get(j).textValue());
                } else {
                    problem(name + "[" + i + "][" + j + "]", "expected a string, found " + describe(inner.get(j)));
                }
            }
            lists.add(strings);
        }
        return lists;
    }

    /** Map of language code to surface forms, the shape of {@code ReferenceEntity.surfaceForms}. */
    Map<String, List<String>> stringListMap(String name) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        JsonFields inner = object(name);
        if (inner == null) {
            return map;
        }
        inner.object.fieldNames().forEachRemaining(key -> map.put(key, inner.strings(key)));
        return map;
    }

    private static String describe(JsonNode value) {
        return switch (value.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "the number " + value.asText();
            case BOOLEAN -> value.asText();
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> value.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
