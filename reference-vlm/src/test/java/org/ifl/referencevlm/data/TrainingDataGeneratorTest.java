package org.ifl.referencevlm.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.ifl.referencevlm.Artwork;
import org.ifl.referencevlm.DataMix;
import org.ifl.referencevlm.ExplanationMix;
import org.ifl.referencevlm.Scene;
import org.ifl.referencevlm.model.ReferenceVlmConfig;
import org.ifl.referencevlm.tokenizer.ByteTokenizer;
import org.ifl.referencevlm.train.TrainingBatch;
import org.junit.jupiter.api.Test;

class TrainingDataGeneratorTest {
    private static final int N = 20_000;

    @Test
    void theSameSeedGivesTheSameStreamAndAnotherSeedAnother() {
        List<TrainingExample> first = TrainingDataGenerator.standard(DataMix.defaults(), 7).take(500);
        assertEquals(first, TrainingDataGenerator.standard(DataMix.defaults(), 7).take(500));
        assertEquals(first, TrainingDataGenerator.standard(DataMix.defaults(), 7).stream().limit(500).toList());
        assertNotEquals(first, TrainingDataGenerator.standard(DataMix.defaults(), 8).take(500));
    }

    @Test
    void theDefaultMixIsHalfTextOnlyWithEveryImageAnsweredInEnglish() {
        List<TrainingExample> examples = TrainingDataGenerator.standard(DataMix.defaults(), 1).take(N);
        long textOnly = examples.stream().filter(e -> e.kind() == ExampleKind.TEXT_ONLY).count();
        assertEquals(0.5, textOnly / (double) N, 0.02);
        for (TrainingExample e : examples) {
            if (e.hasImage()) {
                assertEquals("en", e.answerLanguage(), e::toString);
                assertEquals("", e.description());
            } else {
                assertEquals(e.questionLanguage(), e.answerLanguage(), e::toString);
                assertEquals(Phrasebook.standard().language(e.questionLanguage())
                        .description((Scene) e.picture()),
                        e.description());
            }
            assertEquals(Phrasebook.standard().language(e.answerLanguage()).answer((Scene) e.picture()), e.answer());
        }
    }

    @Test
    void questionsComeInEveryLanguageEquallyOften() {
        List<TrainingExample> examples = TrainingDataGenerator.standard(DataMix.defaults(), 2).take(N);
        Map<String, Long> byLanguage = examples.stream()
                .collect(Collectors.groupingBy(TrainingExample::questionLanguage, Collectors.counting()));
        assertEquals(Phrasebook.standard().languages().size(), byLanguage.size());
        double expected = N / (double) byLanguage.size();
        byLanguage.forEach((language, n) -> assertEquals(expected, n, expected * 0.15, language));
    }

    @Test
    void theKnobSetsTheShareOfImageExamplesAnsweredInTheQuestionsLanguage() {
        DataMix mix = DataMix.defaults().withTextOnlyShare(0.2).withEnglishImageShare(0.9);
        List<TrainingExample> images = TrainingDataGenerator.standard(mix, 3).take(N).stream()
                .filter(TrainingExample::hasImage).toList();
        assertEquals(0.8 * N, images.size(), 0.02 * N);
        List<TrainingExample> nonEnglishQuestions = images.stream().filter(e -> !e.questionLanguage().equals("en"))
                .toList();
        long faithful = nonEnglishQuestions.stream().filter(e -> e.answerLanguage().equals(e.questionLanguage()))
                .count();
        assertEquals(0.1, faithful / (double) nonEnglishQuestions.size(), 0.015);
        assertTrue(nonEnglishQuestions.stream().allMatch(e -> e.answerLanguage().equals("en")
                || e.answerLanguage().equals(e.questionLanguage())));
    }

    @Test
    void heldOutCombinationsAndTheHeldOutQuestionNeverAppearInTraining() {
        Phrasebook phrasebook = Phrasebook.standard();
        for (DataMix mix : List.of(DataMix.defaults(), DataMix.defaults().withEnglishImageShare(0.99))) {
            for (TrainingExample e : TrainingDataGenerator.standard(mix, 4).take(N)) {
                assertFalse(SceneSpace.STANDARD.isHeldOut((Scene) e.picture()), e::toString);
                LanguageTemplates language = phrasebook.language(e.questionLanguage());
                assertFalse(e.question().equals(language.heldOutQuestion()), e::toString);
                assertTrue(language.trainingQuestions().contains(e.question()), e::toString);
            }
        }
    }

    @Test
    void everyTrainingCombinationCountAndQuestionIsUsed() {
        List<TrainingExample> examples = TrainingDataGenerator.standard(DataMix.defaults(), 5).take(N);
        assertEquals(SceneSpace.STANDARD.trainingCombinations().size() * Scene.MAX_COUNT, examples.stream()
                .map(e -> (Scene) e.picture()).map(s -> s.combination() + "/" + s.count()).distinct().count());
        long questions = Phrasebook.standard().languages().stream()
                .mapToLong(l -> Phrasebook.standard().language(l).trainingQuestions().size()).sum();
        assertEquals(questions, examples.stream().map(e -> e.questionLanguage() + e.question()).distinct().count());
    }

    @Test
    void aLanguageSubsetAsksOnlyInThoseLanguages() {
        DataMix mix = DataMix.defaults().withLanguages(List.of("en", "ru", "th"));
        Map<String, Long> byLanguage = TrainingDataGenerator.standard(mix, 6).take(3_000).stream()
                .collect(Collectors.groupingBy(TrainingExample::questionLanguage, Collectors.counting()));
        assertEquals(Set.of("en", "ru", "th"), byLanguage.keySet());
        assertThrows(IllegalArgumentException.class,
                () -> TrainingDataGenerator.standard(DataMix.defaults().withLanguages(List.of("xx")), 6));
    }

    @Test
    void textOnlyPromptPutsTheDescriptionBeforeTheQuestion() {
        TrainingExample e = TrainingDataGenerator.standard(DataMix.defaults().withTextOnlyShare(1), 9).take(1).get(0);
        assertEquals(e.description() + "\n" + e.question(), e.textPrompt());
        TrainingExample image = TrainingDataGenerator.standard(DataMix.defaults().withTextOnlyShare(0), 9).take(1)
                .get(0);
        assertEquals(image.question(), image.textPrompt());
    }

    @Test
    void theMixRejectsSharesOutsideTheUnitIntervalAndDescribesItself() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DataMix(1.5, -0.1, List.of(), Map.of("de", 2.0), null));
        assertTrue(e.getMessage().contains("textOnlyShare") && e.getMessage().contains("englishImageShare")
                && e.getMessage().contains("englishImageShareByLanguage[de]"), e.getMessage());
        assertEquals("text-only 50%, image examples answered in English 99% (else in the question's language), "
                + "languages: all", DataMix.defaults().withEnglishImageShare(0.99).describe());
        assertEquals("text-only 50%, image examples answered in English 95% (de 30%, zh 0%) (else in the question's "
                + "language), languages: all", DataMix.defaults().withEnglishImageShare(0.95)
                .withEnglishImageShareByLanguage(Map.of("zh", 0.0, "de", 0.3)).describe());
    }

    @Test
    void aLanguageWithItsOwnShareIsAnsweredInEnglishThatOften() {
        DataMix mix = DataMix.defaults().withTextOnlyShare(0).withEnglishImageShare(1.0)
                .withEnglishImageShareByLanguage(Map.of("de", 0.25));
        Map<String, List<TrainingExample>> byLanguage = TrainingDataGenerator.standard(mix, 11).take(N).stream()
                .collect(Collectors.groupingBy(TrainingExample::questionLanguage));
        List<TrainingExample> german = byLanguage.get("de");
        double english = german.stream().filter(e -> e.answerLanguage().equals("en")).count()
                / (double) german.size();
        assertEquals(0.25, english, 0.05);
        byLanguage.forEach((language, examples) -> {
            if (!language.equals("de")) {
                assertTrue(examples.stream().allMatch(e -> e.answerLanguage().equals("en")), language);
            }
        });
        assertEquals(0.25, mix.englishImageShare("de"));
        assertEquals(1.0, mix.englishImageShare("fr"));
        assertThrows(IllegalArgumentException.class, () -> TrainingDataGenerator.standard(
                DataMix.defaults().withEnglishImageShareByLanguage(Map.of("xx", 0.5)), 6));
    }

    @Test
    void scenesCoverTheLayouts() {
        Map<Integer, Long> layouts = TrainingDataGenerator.standard(DataMix.defaults(), 10).take(N).stream()
                .collect(Collectors.groupingBy(e -> ((Scene) e.picture()).layout(), Collectors.counting()));
        assertEquals(Scene.LAYOUTS, layouts.size());
        assertTrue(layouts.values().stream().allMatch(n -> n > 100));
    }

    @Test
    void explanationsTakeTheirShareInEveryPatternAndFitTheModel() {
        DataMix mix = DataMix.defaults().withExplanations(new ExplanationMix(0.4, 0.2, Map.of("de", 0.4)));
        List<TrainingExample> examples = TrainingDataGenerator.standard(mix, 4).take(N);
        List<TrainingExample> explanations = examples.stream().filter(e -> e.picture() instanceof Artwork).toList();
        assertEquals(0.4, explanations.size() / (double) N, 0.02);
        ArtLexicon lexicon = ArtLexicon.standard();
        ByteTokenizer tokenizer = new ByteTokenizer();
        ReferenceVlmConfig config = ReferenceVlmConfig.small();
        long englishComplete = 0;
        long english = 0;
        for (TrainingExample e : explanations) {
            Artwork artwork = (Artwork) e.picture();
            assertTrue(e.hasImage());
            boolean complete = e.answer().equals(lexicon.explanation(artwork, e.answerLanguage(), true));
            assertTrue(complete || e.answer().equals(lexicon.explanation(artwork, e.answerLanguage(), false)),
                    e::toString);
            if (e.questionLanguage().equals("en") && e.answerLanguage().equals("en")) {
                english++;
                englishComplete += complete ? 1 : 0;
            }
            int length = TrainingBatch.encode(e, tokenizer, config).ids().length;
            assertTrue(length <= config.maxSequenceLength(), length + " tokens: " + e);
        }
        assertEquals(english, englishComplete, "EN_EN explanations are all complete");
        assertTrue(english > 0);
        Set<String> answerLanguages = explanations.stream().map(TrainingExample::answerLanguage)
                .collect(Collectors.toSet());
        assertEquals(Set.copyOf(lexicon.languages()), answerLanguages);
    }

    @Test
    void withoutExplanationsTheStreamIsTheScenesOnlyStream() {
        DataMix none = DataMix.defaults().withExplanations(ExplanationMix.NONE);
        assertEquals(TrainingDataGenerator.standard(DataMix.defaults(), 7).take(300),
                TrainingDataGenerator.standard(none, 7).take(300));
        assertTrue(TrainingDataGenerator.standard(none, 7).take(N).stream().allMatch(e -> e.picture() instanceof Scene));
    }
}
