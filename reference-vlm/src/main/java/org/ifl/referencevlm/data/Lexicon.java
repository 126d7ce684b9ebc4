package org.ifl.referencevlm.data;

import com.fasterxml.jackson.databind.JsonNode;
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

    /** From the {@code lexicon} object of a language; a part that is absent has no words. */
    static Lexicon fromJson(String language, JsonNode lexicon) {
        return new Lexicon(language, forms(lexicon.path("numbers")), entries(lexicon.path("shapes")),
                entries(lexicon.path("colours")));
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

    private static Map<String, Map<String, String>> entries(JsonNode json) {
        Map<String, Map<String, String>> entries = new LinkedHashMap<>();
        json.properties().forEach(e -> entries.put(e.getKey(), e.getValue().isValueNode()
                ? Map.of(BASE, e.getValue().asText()) : forms(e.getValue())));
        return Map.copyOf(entries);
    }

    private static Map<String, String> forms(JsonNode json) {
        Map<String, String> forms = new LinkedHashMap<>();
        json.properties().forEach(e -> forms.put(e.getKey(), e.getValue().asText()));
        return Map.copyOf(forms);
    }
}
