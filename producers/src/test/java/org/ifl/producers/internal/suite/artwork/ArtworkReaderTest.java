package org.ifl.producers.internal.suite.artwork;

import static org.ifl.producers.internal.suite.SuiteFixtures.resource;
import static org.ifl.producers.internal.suite.SuiteFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ifl.producers.ImageSource;
import org.ifl.producers.InputException;
import org.ifl.producers.Origin;
import org.ifl.producers.SuiteContents;
import org.ifl.producers.SuiteItem;
import org.ifl.producers.internal.suite.Explanation;
import org.ifl.producers.internal.suite.InputProblem;
import org.ifl.producers.internal.suite.Skipped;
import org.ifl.schemas.avro.AlignmentSetting;
import org.ifl.schemas.avro.ItemReferences;
import org.ifl.schemas.avro.PromptPattern;
import org.ifl.schemas.avro.ReferenceEntity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtworkReaderTest {
    private static final String UNKNOWN_LANGUAGE =
            "expected an ISO 639-1 code (de, zh, he...) or an English language name";

    private final Path file = resource("artwork/artworks.jsonl");

    @Test
    void eachNonEnglishArticleIsAnItem() throws IOException {
        SuiteContents read = new ArtworkReader().read(file);

        assertEquals(List.of("Q12418/de", "Q12418/ja", "Q45585/de", "Q45585/es", "Q45585/fr", "Q45585/it"),
                read.items().stream().map(i -> i.itemId() + "/" + i.language()).toList());
        assertEquals(List.of(new Skipped("Q471379", "de", new Origin(file, 4), "image file "
                + file.getParent().resolve("images/the-scream.png").toAbsolutePath().normalize() + " not found")),
                read.skipped());
    }

    @Test
    void anItemCarriesItsPromptsAndTheReferencesInItsLanguageAndInEnglish() throws IOException {
        SuiteItem monaLisa = new ArtworkReader().read(file).items().get(0);

        ItemReferences german = references(
                "Die Mona Lisa ist ein Gemälde von Leonardo da Vinci. Es hängt im Louvre in Paris.",
                List.of(entity("Q762", Map.of("de", List.of("Leonardo da Vinci"))),
                        entity("Q19675", Map.of("de", List.of("Louvre"))),
                        entity("Q90", Map.of("de", List.of("Paris")))),
                List.of(List.of("Q19675", "Q90")));
        ItemReferences english = references("The Mona Lisa is a portrait by Leonardo da Vinci. It hangs in the"
                        + " Louvre in Paris! Leonardo painted it in Florence.",
                List.of(entity("Q762", Map.of("en", List.of("Leonardo da Vinci", "Leonardo"), "de",
                                List.of("Leonardo da Vinci"), "ja", List.of("レオナルド・ダ・ヴィンチ"))),
                        entity("Q19675", Map.of("en", List.of("Louvre"), "de", List.of("Louvre"), "ja",
                                List.of("ルーヴル美術館"))),
                        entity("Q90", Map.of("en", List.of("Paris"), "de", List.of("Paris"))),
                        entity("Q2044", Map.of("en", List.of("Florence"), "de", List.of("Florenz")))),
                List.of(List.of("Q19675", "Q90"), List.of("Q762", "Q2044")));
        assertEquals(new SuiteItem("artwork", "Q12418", "de", "Erkläre das Kunstwerk Mona Lisa ausführlich.",
                ImageSource.remote("https://images.example.org/artwork/mona-lisa.jpg"),
                "Ein Frauenbildnis mit verschränkten Händen vor einer Landschaft.", List.of(), Map.of(),
                new Explanation("Mona Lisa", AlignmentSetting.FULL, Map.of(
                        PromptPattern.EN_EN, "Explain the artwork Mona Lisa in detail.",
                        PromptPattern.EN_L, "Explain the artwork Mona Lisa in detail. Answer in German.",
                        PromptPattern.L_EN, "Erkläre das Kunstwerk Mona Lisa ausführlich. Antworte auf Englisch.",
                        PromptPattern.L_L, "Erkläre das Kunstwerk Mona Lisa ausführlich."),
                        german, english),
                new Origin(file, 2)), monaLisa);
    }

    @Test
    void titlesFillThePromptsInTheirLanguageAndALineMayOverrideTheHeader() throws IOException {
        List<SuiteItem> items = new ArtworkReader().read(file).items();
        SuiteItem japanese = items.get(1);
        SuiteItem spanish = items.get(3);

        assertEquals("モナ・リザ", japanese.explanation().title());
        assertEquals("作品「モナ・リザ」について詳しく説明してください。", japanese.question());
        assertEquals("Explain the artwork Mona Lisa in detail. Answer in Japanese.",
                japanese.explanation().prompts().get(PromptPattern.EN_L));
        assertNull(japanese.description());
        assertEquals(List.of(), japanese.explanation().references().getCooccurringPairs());

        assertEquals(AlignmentSetting.ALIGNMENT_5, spanish.explanation().alignment());
        assertEquals(Map.of(
                PromptPattern.EN_EN, "Tell me about The Starry Night.",
                PromptPattern.EN_L, "Explain the artwork The Starry Night in detail. Answer in Spanish.",
                PromptPattern.L_L, "Explica la obra La noche estrellada en detalle.",
                PromptPattern.L_EN, "Explica la obra La noche estrellada en detalle. Responde en inglés."),
                spanish.explanation().prompts());
    }

    @Test
    void anArtworkInAllTenLanguagesIsAlignment10(@TempDir Path dir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode line = json.createObjectNode().put("id", "Q41406").put("image", "https://e.org/scream.jpg");
        ObjectNode titles = line.putObject("titles");
        ObjectNode articles = line.putObject("articles");
        ObjectNode prompts = line.putObject("prompts");
        prompts.putObject("en").put("EN_EN", "Explain {title}.").put("EN_L", "Explain {title} in {language}.");
        for (String language : ArtworkReader.DEFAULT_LANGUAGES) {
            titles.put(language, "Scream " + language);
            ObjectNode article = articles.putObject(language).put("text", "Munch.");
            article.putArray("entities").addObject().put("id", "Q41406").putObject("forms").putArray(language)
                    .add("Munch");
            if (!language.equals("en")) {
                prompts.putObject(language).put("L_L", "{title}?").put("L_EN", "{title}? (en)");
            }
        }
        Path jsonl = write(dir.resolve("scream.jsonl"), json.writeValueAsString(line) + "\n");

        List<SuiteItem> items = new ArtworkReader().read(jsonl).items();

        assertEquals(9, items.size());
        assertTrue(items.stream().allMatch(i -> i.explanation().alignment() == AlignmentSetting.ALIGNMENT_10));
        assertEquals("Explain Scream en in Arabic.", items.get(0).explanation().prompts().get(PromptPattern.EN_L));
        assertEquals("Scream ar?", items.get(0).question());
    }

    @Test
    void everyProblemOfTheFileIsNamedWithLineAndField(@TempDir Path dir) throws IOException {
        Path bad = write(dir.resolve("bad.jsonl"), """
                {"prompts": {"en": {"EN_EN": "Explain {title}.", "EN_L": "Explain {title}."}, "de": {"L_L": "Erkläre {title}.", "L_EN": "Erkläre {title} auf Englisch."}}}
                {"id": "a1", "image": "https://e.org/a1.jpg", "titles": {"de": "A"}, "articles": {"de": {"text": "Ein Bild.", "entities": []}}}
                {"id": "a2", "image":
                {"id": "a3", "image": "https://e.org/a3.jpg", "titles": {"en": "C", "xx": "?"}, "articles": {"en": {"text": "C.", "entities": []}, "pt": {"text": "C.", "entities": []}}}
                {"id": "a4", "image": "https://e.org/a4.jpg", "titles": {"en": "D", "de": "D"}, "articles": {"en": {"text": "D by Munch.", "entities": [{"id": "Q41406", "forms": {"de": ["Munch"]}}]}, "de": {"text": "D.", "entities": [{"id": "Q41406"}]}}}
                {"id": "a5", "image": "https://e.org/a5.jpg", "titles": {"en": "E", "ko": "E"}, "articles": {"en": {"text": "E.", "entities": []}, "ko": {"text": "E.", "entities": []}}}
                {"id": "a5", "image": "https://e.org/a5.jpg", "titles": {"en": "E"}, "articles": {"en": {"text": "E.", "entities": []}}}
                """);

        InputException e = assertThrows(InputException.class, () -> new ArtworkReader().read(bad));

        List<InputProblem> problems = e.problems();
        assertEquals(8, problems.size(), e.getMessage());
        assertEquals(bad, problems.get(0).file());
        assertEquals(3, problems.get(0).line());
        assertNull(problems.get(0).field());
        assertTrue(problems.get(0).message().startsWith("not valid JSON"), e.getMessage());
        assertEquals(List.of(
                bad + ":1: prompts.en.EN_L: must name the output language as {language}",
                bad + ":2: articles.en: missing: the EN_* and *_EN patterns need the English article",
                bad + ":4: articles.pt: language pt is not one of the file's languages (en, ar, de, es, fr, it, ja,"
                        + " ko, ru, zh)",
                bad + ":4: titles.xx: unknown language 'xx': " + UNKNOWN_LANGUAGE,
                bad + ":5: articles.en.entities[0].forms.en: missing: an entity needs its surface forms in the"
                        + " language of its article",
                bad + ":5: articles.de.entities[0].forms: missing",
                bad + ":7: id: artwork a5 again (first at line 6)"),
                problems.subList(1, problems.size()).stream().map(Object::toString).toList());
    }

    @Test
    void withoutPromptsInTheFileTheProjectsInstructionsAreAsked(@TempDir Path dir) throws IOException {
        Path file = write(dir.resolve("plain.jsonl"), """
                {"id": "a1", "image": "https://e.org/a1.jpg", "titles": {"en": "The Scream", "ko": "절규"}, "articles": {"en": {"text": "A painting.", "entities": []}, "ko": {"text": "그림.", "entities": []}}}
                """);
        var prompts = new ArtworkReader().read(file).items().get(0).explanation().prompts();
        assertEquals("Explain the artwork \"The Scream\" in detail.", prompts.get(PromptPattern.EN_EN));
        assertEquals("Explain the artwork \"The Scream\" in detail. Answer in Korean.", prompts.get(PromptPattern.EN_L));
        assertEquals("미술 작품 「절규」에 대해 자세히 설명해 주세요.", prompts.get(PromptPattern.L_L));
        assertEquals("미술 작품 「절규」에 대해 자세히 설명해 주세요. 영어로 답해 주세요.", prompts.get(PromptPattern.L_EN));
    }

    @Test
    void aDeclaredLanguageSetMustBeTenLanguagesWithEnglish(@TempDir Path dir) throws IOException {
        Path bad = write(dir.resolve("bad.jsonl"), """
                {"languages": ["de", "fr", "Hebrew", "iw"]}
                """);

        InputException e = assertThrows(InputException.class, () -> new ArtworkReader().read(bad));

        assertEquals(bad + ":1: languages[3]: language he named twice", e.getMessage());
    }

    private static ItemReferences references(String text, List<ReferenceEntity> entities, List<List<String>> pairs) {
        return ItemReferences.newBuilder().setAnswers(List.of()).setReferenceText(text).setEntities(entities)
                .setCooccurringPairs(pairs).build();
    }

    private static ReferenceEntity entity(String id, Map<String, List<String>> forms) {
        return ReferenceEntity.newBuilder().setEntityId(id).setSurfaceForms(forms).build();
    }
}
