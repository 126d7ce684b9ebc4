package org.ifl.producers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.ifl.schemas.avro.ReferenceEntity;

/**
 * The entities of an explanation suite gathered from its items' references: each entity once, with the
 * surface forms every item gave it, per language, in the order first seen (the first stays canonical).
 */
final class EntityVocabulary {
    private final Map<String, Map<String, LinkedHashSet<String>>> formsById = new LinkedHashMap<>();

    void add(List<ReferenceEntity> entities) {
        for (ReferenceEntity entity : entities) {
            Map<String, LinkedHashSet<String>> forms = formsById.computeIfAbsent(entity.getEntityId(),
                    id -> new LinkedHashMap<>());
            entity.getSurfaceForms().forEach((language, written) -> forms.computeIfAbsent(language,
                    l -> new LinkedHashSet<>()).addAll(written));
        }
    }

    boolean isEmpty() {
        return formsById.isEmpty();
    }

    List<ReferenceEntity> entities() {
        List<ReferenceEntity> entities = new ArrayList<>();
        formsById.forEach((id, forms) -> {
            Map<String, List<String>> merged = new LinkedHashMap<>();
            forms.forEach((language, written) -> merged.put(language, List.copyOf(written)));
            entities.add(new ReferenceEntity(id, merged));
        });
        return entities;
    }
}
