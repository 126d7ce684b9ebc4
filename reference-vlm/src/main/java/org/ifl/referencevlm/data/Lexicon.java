package org.ifl.referencevlm.data;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ifl.referencevlm.Colour;
import org.ifl.referencevlm.Shape;

/**
 * One language's words, as {@code languages.json} lists them: number words, and per shape and colour the forms the
 * language's grammar picks from ({@code "sg"}, {@code "f.acc"}, {@code "du"}, ...). An entry given as a plain string
 * has the one form {@value #BASE}. Grammar (which form goes where) lives in {@link Grammars}, not here.
 */
final class Lexicon {
    static final String BASE = "base";
    static final String GENDER = "gender";

    private final String language;
    private final Map<String, String> numbers;
    private final Map<String, Map<String, String>> shapes;
    private final Map<String, Map<String, String>> colours;

    private Lexicon(String language, Map<String, String> numbers, Map<String, Map<String, String>> shapes,
            Map<String, Map<String, String>> colours) {
        this.language = language;
        this.numbers = numbers;
        this.shapes = shapes;
        this.colours = colours;
    }

    static Lexicon fromJson(String language, JsonObject lexicon) {
        return new Lexicon(language, forms(lexicon.getAsJsonObject("numbers")),
                entries(lexicon.getAsJsonObject("shapes")), entries(lexicon.getAsJsonObject("colours")));
    }

    String number(String key) {
        return require(numbers, key, "number");
    }

    String shape(Shape shape, String form) {
        return require(entry(shapes, shape.id(), "shape"), form, "shape '" + shape.id() + "'");
    }

    /** The shape noun's grammatical gender as the lexicon spells it ({@code m}, {@code f}, {@code n}). */
    String gender(Shape shape) {
        return shape(shape, GENDER);
    }

    String colour(Colour colour, String form) {
        return require(entry(colours, colour.id(), "colour"), form, "colour '" + colour.id() + "'");
    }

    private Map<String, String> entry(Map<String, Map<String, String>> entries, String id, String what) {
        Map<String, String> entry = entries.get(id);
        if (entry == null) {
            throw new IllegalStateException(language + " lexicon has no " + what + " '" + id + "'");
        }
        return entry;
    }

    private String require(Map<String, String> forms, String key, String what) {
        String form = forms.get(key);
        if (form == null) {
            throw new IllegalStateException(language + " lexicon has no form '" + key + "' of " + what
                    + " (has " + forms.keySet() + ")");
        }
        return form;
    }

    private static Map<String, Map<String, String>> entries(JsonObject json) {
        Map<String, Map<String, String>> entries = new LinkedHashMap<>();
        if (json != null) {
            json.entrySet().forEach(e -> entries.put(e.getKey(), e.getValue().isJsonPrimitive()
                    ? Map.of(BASE, e.getValue().getAsString()) : forms(e.getValue().getAsJsonObject())));
        }
        return Map.copyOf(entries);
    }

    private static Map<String, String> forms(JsonObject json) {
        Map<String, String> forms = new LinkedHashMap<>();
        if (json != null) {
            for (Map.Entry<String, JsonElement> e : json.entrySet()) {
                forms.put(e.getKey(), e.getValue().getAsString());
            }
        }
        return Map.copyOf(forms);
    }
}
