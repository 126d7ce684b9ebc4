package org.ifl.producers.internal.suite.artwork;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.ifl.schemas.avro.ReferenceEntity;
import org.junit.jupiter.api.Test;

class CooccurringEntitiesTest {
    private static final ReferenceEntity LEONARDO = entity("Q762",
            Map.of("en", List.of("Leonardo da Vinci", "Leonardo"), "hi", List.of("लियोनार्डो")));
    private static final ReferenceEntity FLORENCE = entity("Q2044", Map.of("en", List.of("Florence")));
    private static final ReferenceEntity LOUVRE = entity("Q19675",
            Map.of("en", List.of("Louvre"), "ja", List.of("ルーヴル"), "hi", List.of("लूव्र")));
    private static final ReferenceEntity MONA_LISA = entity("Q12418",
            Map.of("en", List.of("Mona Lisa"), "hi", List.of("मोना लीसा")));
    private static final ReferenceEntity FRANCE = entity("Q142", Map.of("fr", List.of("France")));
    private static final List<ReferenceEntity> ENTITIES = List.of(LEONARDO, FLORENCE, LOUVRE, MONA_LISA, FRANCE);

    @Test
    void pairsOfEntitiesSharingASentenceEachOnce() {
        // 1: Leonardo, Florence, Mona Lisa -> (Q762,Q2044) (Q762,Q12418) (Q2044,Q12418)
        // 2: the Louvre alone.
        // 3 (from the line break to ?): Leonardo alone; France has no English form, and the Japanese form of
        //   the Louvre does not count in an English text.
        // 4: Florence, full-width Louvre, lower-case leonardo -> (Q762,Q2044) again, (Q762,Q19675) (Q2044,Q19675)
        String text = "Leonardo painted the Mona Lisa in Florence. The LOUVRE bought it!\nLeonardo died in France"
                + " 彼はルーヴルで? Florence and the Ｌｏｕｖｒｅ and leonardo.";

        assertEquals(List.of(List.of("Q762", "Q2044"), List.of("Q762", "Q12418"), List.of("Q2044", "Q12418"),
                        List.of("Q762", "Q19675"), List.of("Q2044", "Q19675")),
                CooccurringEntities.pairs(text, "en", ENTITIES));
    }

    @Test
    void sentencesEndAtTheDandaAndFullWidthMarksToo() {
        String hindi = "लियोनार्डो ने मोना लीसा बनाई। लूव्र में मोना लीसा है।";
        String japanese = "ルーヴルにある！ルーヴルの絵画。";

        assertEquals(List.of(List.of("Q762", "Q12418"), List.of("Q19675", "Q12418")),
                CooccurringEntities.pairs(hindi, "hi", ENTITIES));
        assertEquals(List.of(), CooccurringEntities.pairs(japanese, "ja", ENTITIES));
    }

    private static ReferenceEntity entity(String id, Map<String, List<String>> forms) {
        return ReferenceEntity.newBuilder().setEntityId(id).setSurfaceForms(forms).build();
    }
}
