package org.ifl.entities;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reference entity (an artwork's painter, museum, subject...) with its surface forms per language, aliases
 * included, first form canonical.
 */
public record Entity(String id, Map<String, List<SurfaceForm>> formsByLanguage) {

    public Entity {
        formsByLanguage = Map.copyOf(formsByLanguage);
    }

    /** An entity from its written forms per ISO 639-1 code. */
    public static Entity of(String id, Map<String, List<String>> written) {
        Map<String, List<SurfaceForm>> forms = new LinkedHashMap<>();
        written.forEach((language, list) -> {
            List<SurfaceForm> ofLanguage = new ArrayList<>();
            list.forEach(w -> ofLanguage.add(SurfaceForm.of(w)));
            forms.put(language, List.copyOf(ofLanguage));
        });
        return new Entity(id, forms);
    }

    public List<SurfaceForm> forms(String language) {
        return formsByLanguage.getOrDefault(language, List.of());
    }

    /** Whether any of its forms in {@code language} occurs in the normalised {@code text}. */
    public boolean occursIn(String text, String language) {
        for (SurfaceForm form : forms(language)) {
            if (form.occursIn(text)) {
                return true;
            }
        }
        return false;
    }
}
