package org.ifl.inferenceworker.backend.torchscript;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the typed fields of one JSON object of one file and collects every problem instead of stopping at the
 * first, so that a wrong file is fixed in one go. Each problem names the field by its dotted path.
 */
final class JsonFieldReader {

    private final Path file;
    private final String what;
    private final JsonObject object;
    private final String prefix;
    private final List<String> problems;

    private JsonFieldReader(Path file, String what, JsonObject object, String prefix, List<String> problems) {
        this.file = file;
        this.what = what;
        this.object = object;
        this.prefix = prefix;
        this.problems = problems;
    }

    /**
     * Parses {@code file}, which must hold one JSON object.
     *
     * @param what what the file is, for messages ("model metadata")
     */
    static JsonFieldReader open(Path file, String what) throws IOException {
        JsonElement root;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = JsonParser.parseReader(in);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(file + ": invalid " + what + ": not JSON: " + e.getMessage(), e);
        }
        if (!root.isJsonObject()) {
            throw new IllegalArgumentException(file + ": invalid " + what + ": expected a JSON object");
        }
        return new JsonFieldReader(file, what, root.getAsJsonObject(), "", new ArrayList<>());
    }

    Path file() {
        return file;
    }

    /** The nested object {@code name}; a problem, and a reader with no fields, if it is missing or no object. */
    JsonFieldReader object(String name) {
        JsonElement value = present(name);
        JsonObject nested = new JsonObject();
        if (value != null) {
            if (value.isJsonObject()) {
                nested = value.getAsJsonObject();
            } else {
                problem(name, "must be an object, is " + value);
            }
        }
        return new JsonFieldReader(file, what, nested, path(name) + ".", problems);
    }

    /** The names of this object's fields. */
    Set<String> names() {
        return object.keySet();
    }

    String string(String name) {
        JsonElement value = present(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonPrimitive p) || !p.isString() || p.getAsString().isBlank()) {
            problem(name, "must be a non-empty string, is " + value);
            return null;
        }
        return p.getAsString();
    }

    /** A string that must be exactly {@code expected}. */
    void requireString(String name, String expected) {
        String value = string(name);
        if (value != null && !value.equals(expected)) {
            problem(name, "must be \"" + expected + "\", is \"" + value + "\"");
        }
    }

    /** A positive integer; 0 (after recording the problem) if it is not one. */
    int positiveInt(String name) {
        JsonElement value = present(name);
        if (value == null) {
            return 0;
        }
        Integer n = integer(value);
        if (n == null || n < 1) {
            problem(name, "must be a positive integer, is " + value);
            return 0;
        }
        return n;
    }

    /** An integer that must be exactly {@code expected}. */
    void requireInt(String name, int expected) {
        JsonElement value = present(name);
        if (value != null) {
            Integer n = integer(value);
            if (n == null || n != expected) {
                problem(name, "must be " + expected + ", is " + value);
            }
        }
    }

    /** A finite number, or {@code absent} if the field is not there. */
    float finiteFloat(String name, float absent) {
        if (!object.has(name)) {
            return absent;
        }
        JsonElement value = object.get(name);
        Float f = finite(value);
        if (f == null) {
            problem(name, "must be a finite number, is " + value);
            return absent;
        }
        return f;
    }

    /** A non-empty array of finite numbers; null (after recording the problem) if it is not one. */
    float[] floatArray(String name) {
        JsonElement value = present(name);
        if (value == null) {
            return null;
        }
        if (!value.isJsonArray() || value.getAsJsonArray().isEmpty()) {
            problem(name, "must be a non-empty array of numbers");
            return null;
        }
        JsonArray array = value.getAsJsonArray();
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            Float f = finite(array.get(i));
            if (f == null) {
                problem(name + "[" + i + "]", "must be a finite number, is " + array.get(i));
                return null;
            }
            out[i] = f;
        }
        return out;
    }

    /** Records a problem with field {@code name} of this object. */
    void problem(String name, String message) {
        problems.add("field '" + path(name) + "': " + message);
    }

    /** Throws one exception listing every problem found so far, if there is any. */
    void throwIfProblems() {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(file + ": invalid " + what + " (" + problems.size()
                    + (problems.size() == 1 ? " problem" : " problems") + "):\n  " + String.join("\n  ", problems));
        }
    }

    private JsonElement present(String name) {
        JsonElement value = object.get(name);
        if (value == null || value.isJsonNull()) {
            problem(name, "missing");
            return null;
        }
        return value;
    }

    private String path(String name) {
        return prefix + name;
    }

    private static Integer integer(JsonElement value) {
        if (value instanceof JsonPrimitive p && p.isNumber()) {
            double d = p.getAsDouble();
            if (d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE) {
                return (int) d;
            }
        }
        return null;
    }

    private static Float finite(JsonElement value) {
        if (value instanceof JsonPrimitive p && p.isNumber()) {
            float f = (float) p.getAsDouble();
            if (Float.isFinite(f)) {
                return f;
            }
        }
        return null;
    }
}
