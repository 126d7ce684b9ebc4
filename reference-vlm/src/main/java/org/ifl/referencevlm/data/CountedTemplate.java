package org.ifl.referencevlm.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.ifl.referencevlm.Scene;

/**
 * A sentence with one slot for the counted noun phrase, in variants by count where the rest of the sentence
 * changes with it ("There is ..." / "There are ...", "... है।" / "... हैं।"). A count without its own variant uses
 * {@value #OTHER}.
 */
final class CountedTemplate {
    static final String OTHER = "other";

    private final Map<String, String> variants;

    private CountedTemplate(Map<String, String> variants) {
        this.variants = Map.copyOf(variants);
    }

    /**
     * From a string (one variant for every count) or an object keyed by count and {@value #OTHER}.
     *
     * @param problems where what is wrong with it is added, naming it by {@code where}
     */
    static CountedTemplate fromJson(JsonNode json, String where, List<String> problems) {
        Map<String, String> variants = new LinkedHashMap<>();
        if (json == null || json.isNull()) {
            problems.add(where + " is missing");
            return new CountedTemplate(Map.of(OTHER, ""));
        }
        if (json.isValueNode()) {
            variants.put(OTHER, json.asText());
        } else {
            json.properties().forEach(e -> variants.put(e.getKey(), e.getValue().asText()));
        }
        if (!variants.containsKey(OTHER) && !everyCountHasItsOwn(variants)) {
            problems.add(where + " has no '" + OTHER + "' variant and not one for every count");
        }
        variants.forEach((key, text) -> {
            if (!key.equals(OTHER) && !isCount(key)) {
                problems.add(where + " variant '" + key + "' is neither a count nor '" + OTHER + "'");
            }
            List<String> slots = new ArrayList<>();
            for (GrammaticalRole role : GrammaticalRole.values()) {
                if (text.contains(role.placeholder())) {
                    slots.add(role.placeholder());
                }
            }
            if (slots.size() != 1 || text.indexOf(slots.get(0)) != text.lastIndexOf(slots.get(0))) {
                problems.add(where + " variant '" + key + "' must hold exactly one of {subject} or {object}: " + text);
            }
        });
        return new CountedTemplate(variants);
    }

    /** The sentence for {@code count}, its slot filled by {@code phrase} in the role the slot asks for. */
    String fill(int count, Function<GrammaticalRole, String> phrase) {
        String text = variants.getOrDefault(Integer.toString(count), variants.get(OTHER));
        for (GrammaticalRole role : GrammaticalRole.values()) {
            if (text.contains(role.placeholder())) {
                return text.replace(role.placeholder(), phrase.apply(role));
            }
        }
        throw new IllegalStateException("template without a slot: " + text);
    }

    private static boolean everyCountHasItsOwn(Map<String, String> variants) {
        for (int count = Scene.MIN_COUNT; count <= Scene.MAX_COUNT; count++) {
            if (!variants.containsKey(Integer.toString(count))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isCount(String key) {
        for (int count = Scene.MIN_COUNT; count <= Scene.MAX_COUNT; count++) {
            if (key.equals(Integer.toString(count))) {
                return true;
            }
        }
        return false;
    }
}
