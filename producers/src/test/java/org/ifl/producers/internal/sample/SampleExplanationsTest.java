package org.ifl.producers.internal.sample;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.ifl.entities.Entity;
import org.ifl.entities.EntityScore;
import org.ifl.entities.EntityScorer;
import org.ifl.entities.MatchText;
import org.ifl.entities.SurfaceForm;
import org.ifl.producers.SuiteContents;
import org.ifl.producers.SuiteItem;
import org.ifl.producers.SuiteSpec;
import org.ifl.producers.Suites;
import org.ifl.producers.internal.suite.artwork.ArtworkReader;
import org.ifl.producers.internal.suite.artwork.CooccurringEntities;
import org.ifl.schemas.avro.AlignmentSetting;
import org.ifl.schemas.avro.ItemReferences;
import org.ifl.schemas.avro.PromptPattern;
import org.ifl.schemas.avro.ReferenceEntity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class SampleExplanationsTest {

    @TempDir
    Path images;

    private SuiteContents contents;

    @BeforeEach
    void read() throws IOException {
        contents = new SampleExplanations().read(images);
    }

    @Test
    void readsWithoutProblemsOneItemPerArtworkAndNonEnglishLanguageEachWithItsDrawnImage() {
        assertTrue(contents.skipped().isEmpty(), contents.skipped().toString());
        assertEquals(54, contents.items().size());
        assertTrue(Files.isRegularFile(images.resolve(SampleExplanations.FILE_NAME)));
        for (SuiteItem item : contents.items()) {
            String at = item.itemId() + " (" + item.language() + ")";
            assertEquals(SampleExplanations.DATASET, item.dataset(), at);
            assertFalse(item.language().equals("en"), at);
            assertTrue(SampleImages.ids().contains(item.itemId()), at);
            assertEquals(images.resolve(item.itemId() + ".png").toAbsolutePath().normalize(), item.image().file(), at);
            assertTrue(Files.isRegularFile(item.image().file()), at);
            assertEquals(Set.of(PromptPattern.values()), item.explanation().prompts().keySet(), at);
            assertFalse(item.explanation().title().isBlank(), at);
        }
    }

    @Test
    void languagesAndAlignmentSettingsAreAsDesigned() {
        Map<String, Long> perLanguage = contents.items().stream()
                .collect(Collectors.groupingBy(SuiteItem::language, TreeMap::new, Collectors.counting()));
        assertEquals(Map.of("ar", 5L, "de", 7L, "es", 6L, "fr", 6L, "it", 6L, "ja", 6L, "ko", 6L, "ru", 6L,
                "zh", 6L), perLanguage);

        Map<AlignmentSetting, Set<String>> artworks = new TreeMap<>();
        Map<AlignmentSetting, Long> items = new TreeMap<>();
        for (SuiteItem item : contents.items()) {
            AlignmentSetting alignment = item.explanation().alignment();
            artworks.computeIfAbsent(alignment, a -> new TreeSet<>()).add(item.itemId());
            items.merge(alignment, 1L, Long::sum);
        }
        assertEquals(Map.of(
                AlignmentSetting.ALIGNMENT_10, Set.of("sun-hill-house", "boat", "tree", "four-balloons"),
                AlignmentSetting.ALIGNMENT_5, Set.of("traffic-light", "clock", "five-yellow-stars"),
                AlignmentSetting.FULL, Set.of("three-stripes", "big-circle-small-square")), artworks);
        // 4 artworks x 9 languages; 6 + 4 + 5; 2 + 1.
        assertEquals(Map.of(AlignmentSetting.ALIGNMENT_10, 36L, AlignmentSetting.ALIGNMENT_5, 15L,
                AlignmentSetting.FULL, 3L), items);
        assertEquals(Set.copyOf(ArtworkReader.DEFAULT_LANGUAGES.subList(1, 10)), perLanguage.keySet(),
                "every default language but English has items");
    }

    @Test
    void everySurfaceFormOccursInTheArticleOfItsLanguage() {
        List<Executable> checks = new ArrayList<>();
        for (SuiteItem item : contents.items()) {
            for (ItemReferences references : List.of(item.explanation().references(),
                    item.explanation().englishReferences())) {
                String language = references == item.explanation().references() ? item.language() : "en";
                String text = MatchText.normalize(references.getReferenceText());
                for (ReferenceEntity reference : references.getEntities()) {
                    Entity entity = CooccurringEntities.entity(reference);
                    assertFalse(entity.forms(language).isEmpty(), item.itemId() + " " + reference.getEntityId());
                    for (SurfaceForm form : entity.forms(language)) {
                        checks.add(() -> assertTrue(form.occursIn(text), () -> item.itemId() + " (" + language
                                + "): '" + form.written() + "' (" + entity.id() + ") is not in: "
                                + references.getReferenceText()));
                    }
                }
            }
        }
        assertAll(checks);
    }

    @Test
    void everyArticleHasEntitiesThatCooccurInOneSentence() {
        for (SuiteItem item : contents.items()) {
            ItemReferences references = item.explanation().references();
            String at = item.itemId() + " (" + item.language() + ")";
            assertTrue(references.getEntities().size() >= 3, at);
            assertFalse(references.getCooccurringPairs().isEmpty(), at);
            assertFalse(item.explanation().englishReferences().getCooccurringPairs().isEmpty(), at);
        }
    }

    /**
     * The English label of the sun-hill-house: "A small house stands on top of a green hill under a light blue
     * sky. The yellow sun shines in the upper right corner, above the hill. The house has beige walls, a dark red
     * roof and a brown door." Its six entities, listed sun, sky, hill, house, roof, door, pair up as sentence 1
     * {sky, hill, house}: 3 pairs, sentence 2 {sun, hill}: 1, sentence 3 {house, roof, door}: 3.
     */
    @Test
    void workedExampleTheEnglishReferenceScoresFullMarksAgainstItselfAndAPartialAnswerLess() {
        ItemReferences english = itemOf("sun-hill-house", "de").explanation().englishReferences();
        List<Entity> reference = english.getEntities().stream().map(CooccurringEntities::entity).toList();
        List<List<String>> pairs = english.getCooccurringPairs();
        assertEquals(List.of("sun", "sky", "hill", "house", "roof", "door"),
                reference.stream().map(Entity::id).toList());
        assertEquals(List.of(List.of("sky", "hill"), List.of("sky", "house"), List.of("hill", "house"),
                List.of("sun", "hill"), List.of("house", "roof"), List.of("house", "door"),
                List.of("roof", "door")), pairs);
        EntityScorer scorer = new EntityScorer(vocabulary());

        EntityScore itself = scorer.score(english.getReferenceText(), reference, pairs, "en");
        assertEquals(6, itself.matched());
        assertEquals(1.0, itself.coverage());
        assertEquals(1.0, itself.f1());
        assertEquals(7, itself.cooccurringPairs());
        assertEquals(1.0, itself.cooccurrence());

        // One sentence naming the house, the hill and the sun: 3 of 6 entities, nothing outside the reference,
        // and of the 7 reference pairs it has [hill, house] and [sun, hill] (its [sun, house] is not one of them).
        EntityScore partial = scorer.score("A little house sits on a hill in the sun.", reference, pairs, "en");
        assertEquals(3, partial.generatedEntities());
        assertEquals(0.5, partial.coverage());
        assertEquals(1.0, partial.precision());
        assertEquals(2 * 0.5 * 1.0 / 1.5, partial.f1(), 1e-12);
        assertEquals(2, partial.cooccurringPairs());
        assertEquals(2.0 / 7, partial.cooccurrence(), 1e-12);
    }

    @Test
    void isTheFormatSampleExplanationsWhichRendersIntoTheWorkDir(@TempDir Path workDir) throws IOException {
        SuiteSpec spec = SuiteSpec.parse("sample-explanations");
        assertTrue(Suites.FORMATS.contains("sample-explanations"));
        Suites.Read read = Suites.readAll(List.of(spec), workDir).get(0);
        assertEquals(SampleExplanations.DATASET, read.dataset());
        assertEquals(contents.items().size(), read.contents().items().size());
        assertTrue(Files.isRegularFile(workDir.resolve("sample-images").resolve("boat.png")));
    }

    private SuiteItem itemOf(String artwork, String language) {
        return contents.items().stream()
                .filter(i -> i.itemId().equals(artwork) && i.language().equals(language))
                .findFirst().orElseThrow();
    }

    /** Every entity of the suite, its forms merged over articles, as the producers publish the vocabulary. */
    private List<Entity> vocabulary() {
        Map<String, Map<String, List<String>>> forms = new LinkedHashMap<>();
        for (SuiteItem item : contents.items()) {
            for (ItemReferences references : List.of(item.explanation().references(),
                    item.explanation().englishReferences())) {
                for (ReferenceEntity entity : references.getEntities()) {
                    Map<String, List<String>> byLanguage = forms.computeIfAbsent(entity.getEntityId(),
                            id -> new LinkedHashMap<>());
                    entity.getSurfaceForms().forEach((language, written) -> written.forEach(w -> {
                        List<String> list = byLanguage.computeIfAbsent(language, l -> new ArrayList<>());
                        if (!list.contains(w)) {
                            list.add(w);
                        }
                    }));
                }
            }
        }
        List<Entity> vocabulary = new ArrayList<>();
        forms.forEach((id, byLanguage) -> vocabulary.add(Entity.of(id, byLanguage)));
        return vocabulary;
    }
}
