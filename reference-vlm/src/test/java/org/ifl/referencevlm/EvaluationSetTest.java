package org.ifl.referencevlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.stream.Collectors;
import org.ifl.referencevlm.EvaluationItem.Split;
import org.ifl.referencevlm.data.Combination;
import org.ifl.referencevlm.data.LanguageTemplates;
import org.ifl.referencevlm.data.Phrasebook;
import org.ifl.referencevlm.data.SceneSpace;
import org.junit.jupiter.api.Test;

class EvaluationSetTest {
    private final EvaluationSet set = EvaluationSet.standard();
    private final Phrasebook phrasebook = Phrasebook.standard();

    @Test
    void everyLanguageGetsEverySplit() {
        int languages = phrasebook.languages().size();
        int training = SceneSpace.STANDARD.trainingCombinations().size();
        int heldOut = SceneSpace.STANDARD.heldOutCombinations().size() * Scene.MAX_COUNT;
        assertEquals(training * languages, set.items(Split.SEEN).size());
        assertEquals(training * languages, set.items(Split.HELD_OUT_QUESTION).size());
        assertEquals(heldOut * languages, set.items(Split.HELD_OUT_COMBINATION).size());
        for (String code : phrasebook.languages()) {
            assertEquals(2 * training + heldOut, set.items(code).size(), code);
        }
    }

    @Test
    void onlyTheHeldOutSplitsHoldWhatTrainingNeverShows() {
        for (EvaluationItem item : set.items()) {
            LanguageTemplates language = phrasebook.language(item.language());
            assertEquals(item.split() == Split.HELD_OUT_COMBINATION, SceneSpace.STANDARD.isHeldOut(item.scene()),
                    item::toString);
            assertEquals(item.split() == Split.HELD_OUT_QUESTION, item.question().equals(language.heldOutQuestion()),
                    item::toString);
            assertEquals(item.language(), item.expectedLanguage());
            assertEquals(language.description(item.scene()), item.description());
            assertEquals(language.answer(item.scene()), item.expectedAnswer());
            assertEquals(item.description() + "\n" + item.question(), item.textPrompt());
        }
    }

    @Test
    void heldOutCombinationsComeAtEveryCountAndSeenOnesCycleCounts() {
        Set<String> heldOut = set.items(Split.HELD_OUT_COMBINATION).stream()
                .map(i -> i.scene().combination() + "/" + i.scene().count()).collect(Collectors.toSet());
        assertEquals(SceneSpace.STANDARD.heldOutCombinations().size() * Scene.MAX_COUNT, heldOut.size());
        Set<Integer> seenCounts = set.items(Split.SEEN).stream().map(i -> i.scene().count())
                .collect(Collectors.toSet());
        assertEquals(Set.of(1, 2, 3, 4), seenCounts);
        assertTrue(set.items(Split.SEEN).stream().map(EvaluationItem::question).distinct().count()
                >= 3 * phrasebook.languages().size());
    }

    @Test
    void theStandardHeldOutSplitLeavesEveryColourAndShapeInTraining() {
        Set<Colour> colours = SceneSpace.STANDARD.trainingCombinations().stream().map(Combination::colour)
                .collect(Collectors.toSet());
        Set<Shape> shapes = SceneSpace.STANDARD.trainingCombinations().stream().map(Combination::shape)
                .collect(Collectors.toSet());
        assertEquals(Set.of(Colour.values()), colours);
        assertEquals(Set.of(Shape.values()), shapes);
        assertFalse(SceneSpace.STANDARD.heldOutCombinations().isEmpty());
        assertEquals(SceneSpace.all().size(), SceneSpace.STANDARD.trainingCombinations().size()
                + SceneSpace.STANDARD.heldOutCombinations().size());
    }
}
