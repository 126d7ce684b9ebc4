package org.ifl.benchmarks.lid;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.ifl.benchmarks.lid.LabeledTextCorpus.LabeledText;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.Completion;
import org.ifl.schemas.topic.RecordKey;
import org.junit.jupiter.api.Test;

/** The scorer's completions: one per text, expecting the text's language, and an id that leads back to the text. */
class CatalogCompletionsTest {

    @Test
    void eachTextBecomesACompletionThatExpectsItsLanguage() {
        List<Completion> completions = CatalogCompletions.oneEach(List.of(
                new LabeledText("de", "Datei nicht gefunden"), new LabeledText("fr", "Fichier introuvable")));

        assertEquals(2, completions.size());
        Completion second = completions.get(1);
        assertEquals("0-1", second.getCompletionId());
        assertEquals("Fichier introuvable", second.getText());
        assertEquals(Arm.TEXT, second.getCondition().getArm());
        assertEquals("fr", second.getCondition().getExpectedLanguage());
        assertEquals("fr", second.getCondition().getInstructionLanguage());
        assertEquals("bench-lid|corpus|debian-message-catalogs|fr", RecordKey.cell(second.getPair()));
        assertEquals("catalog-strings-fr", second.getPair().getItemId());
    }

    @Test
    void theIdOfARepeatLeadsBackToItsText() {
        assertEquals("3-17", CatalogCompletions.completionId(3, 17));
        assertEquals(17, CatalogCompletions.textIndex(CatalogCompletions.completionId(3, 17)));
        assertEquals(0, CatalogCompletions.textIndex("12-0"));
    }
}
