package org.ifl.producers.internal.suite.artwork;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ifl.platform.json.JsonInput;
import org.ifl.platform.json.LocatedNode;
import org.ifl.producers.ImageSource;
import org.ifl.producers.Origin;
import org.ifl.producers.SuiteContents;
import org.ifl.producers.SuiteItem;
import org.ifl.producers.internal.suite.Explanation;
import org.ifl.producers.internal.suite.Languages;
import org.ifl.producers.internal.suite.Skipped;
import org.ifl.producers.internal.suite.read.ImageReference;
import org.ifl.producers.internal.suite.read.InputProblems;
import org.ifl.producers.internal.suite.read.ProblemCollectingReader;
import org.ifl.schemas.avro.AlignmentSetting;
import org.ifl.schemas.avro.ItemReferences;
import org.ifl.schemas.avro.PromptPattern;
import org.ifl.schemas.avro.ReferenceEntity;

/**
 * Artwork explanations, in the project's own JSON Lines format (docs/suites.md): one artwork per line with its
 * image, its title and encyclopedia article per language, each article's entities with their surface forms,
 * and the explanation prompts; an optional first line (no {@code id}) declares the file's ten languages and
 * default prompts. Each artwork gives one item per non-English language it has an article in, carrying the
 * four instruction/output patterns and the references in that language and in English.
 */
public final class ArtworkReader extends ProblemCollectingReader {
    public static final String DATASET = "artwork";

    /** The languages of a file that does not declare its own. */
    public static final List<String> DEFAULT_LANGUAGES =
            List.of("en", "ar", "de", "es", "fr", "it", "ja", "ko", "ru", "zh");

    /** Stands for the artwork's title, in the prompt's instruction language. */
    static final String TITLE_PLACEHOLDER = "{title}";

    private static final int LANGUAGE_SET_SIZE = 10;
    private static final int ALIGNMENT_5_LANGUAGES = 5;
    private static final String ENGLISH = "en";

    public ArtworkReader() {
        this(DATASET);
    }

    /** A reader whose items carry {@code dataset}, for a suite in this format under a name of its own. */
    public ArtworkReader(String dataset) {
        super(dataset);
    }

    /** @param path the JSON Lines file; relative image paths are read from its folder */
    @Override
    protected SuiteContents read(Path path, InputProblems problems) throws IOException {
        List<LocatedNode> lines = JsonInput.lines(path, problems::add);
        FileHeader header = new FileHeader(DEFAULT_LANGUAGES, PromptTable.PROJECT);
        int first = 0;
        if (!lines.isEmpty() && isHeader(lines.get(0))) {
            header = FileHeader.read(lines.get(0), problems);
            first = 1;
        }
        Reading reading = new Reading(dataset(), header, path.toAbsolutePath().getParent(), problems);
        for (LocatedNode line : lines.subList(first, lines.size())) {
            reading.readArtwork(line);
        }
        return new SuiteContents(reading.items, reading.skipped);
    }

    private static boolean isHeader(LocatedNode line) {
        return !line.get("id").isPresent() && (line.get("languages").isPresent() || line.get("prompts").isPresent());
    }

    /** What the first line declares for the whole file. */
    private record FileHeader(List<String> languages, PromptTable prompts) {

        static FileHeader read(LocatedNode line, InputProblems problems) {
            List<String> languages = DEFAULT_LANGUAGES;
            LocatedNode declared = line.get("languages");
            List<LocatedNode> codes = declared.array();
            if (codes != null) {
                int before = problems.count();
                Set<String> set = new LinkedHashSet<>();
                for (LocatedNode code : codes) {
                    String written = code.required().text();
                    String language = written == null ? null : problems.language(written, code);
                    if (language != null && !set.add(language)) {
                        code.problem("language " + language + " named twice");
                    }
                }
                if (problems.count() == before && set.size() != LANGUAGE_SET_SIZE) {
                    declared.problem("expected " + LANGUAGE_SET_SIZE + " languages, found " + set.size());
                }
                if (problems.count() == before && !set.contains(ENGLISH)) {
                    declared.problem("must include en: the EN_* patterns are asked and scored in English");
                }
                languages = List.copyOf(set);
            }
            return new FileHeader(languages, PromptTable.read(line.get("prompts"), problems).over(PromptTable.PROJECT));
        }
    }

    /** An article in one language: its text and entities. */
    private record Article(String text, List<ReferenceEntity> entities) {

        ItemReferences references(String language) {
            return ItemReferences.newBuilder()
                    .setAnswers(List.of())
                    .setReferenceText(text)
                    .setEntities(entities)
                    .setCooccurringPairs(CooccurringEntities.pairs(text, language, entities))
                    .build();
        }
    }

    /** The state of one read. */
    private static final class Reading {
        private final String dataset;
        private final FileHeader header;
        private final Path folder;
        private final InputProblems problems;
        private final List<SuiteItem> items = new ArrayList<>();
        private final List<Skipped> skipped = new ArrayList<>();
        private final Map<String, Long> seen = new HashMap<>();

        Reading(String dataset, FileHeader header, Path folder, InputProblems problems) {
            this.dataset = dataset;
            this.header = header;
            this.folder = folder;
            this.problems = problems;
        }

        void readArtwork(LocatedNode line) {
            int before = problems.count();
            String id = line.get("id").required().id();
            if (id != null) {
                Long earlier = seen.putIfAbsent(id, line.line());
                if (earlier != null) {
                    line.get("id").problem("artwork " + id + " again (first at line " + earlier + ")");
                }
            }
            String imageWritten = line.get("image").required().text();
            Map<String, LocatedNode> articleNodes = byLanguage(line.get("articles"), true);
            Map<String, LocatedNode> titleNodes = byLanguage(line.get("titles"), true);
            Map<String, LocatedNode> descriptionNodes = byLanguage(line.get("descriptions"), false);
            PromptTable prompts = PromptTable.read(line.get("prompts"), problems).over(header.prompts());

            Map<String, Article> articles = new LinkedHashMap<>();
            Map<String, String> titles = new HashMap<>();
            articleNodes.forEach((language, node) -> {
                Article article = readArticle(language, node);
                if (article != null) {
                    articles.put(language, article);
                }
                LocatedNode title = titleNodes.get(language);
                String text = title == null ? null : title.required().text();
                if (title == null) {
                    line.get("titles").get(language).problem("missing");
                } else if (text != null) {
                    titles.put(language, text);
                }
            });
            if (line.get("articles").isPresent() && !articleNodes.containsKey(ENGLISH)) {
                line.get("articles").get(ENGLISH)
                        .problem("missing: the EN_* and *_EN patterns need the English article");
            }
            Map<String, String> descriptions = new HashMap<>();
            descriptionNodes.forEach((language, node) -> descriptions.put(language, node.required().text()));
            Map<String, Map<PromptPattern, String>> promptsByLanguage = new LinkedHashMap<>();
            for (String language : articleNodes.keySet()) {
                if (!language.equals(ENGLISH)) {
                    promptsByLanguage.put(language, prompts(line, prompts, language));
                }
            }
            if (problems.count() != before) {
                return;
            }

            ImageSource image = ImageReference.resolve(imageWritten, folder);
            String missingImage = ImageReference.missing(image);
            AlignmentSetting alignment = alignment(articles.size());
            ItemReferences english = articles.get(ENGLISH).references(ENGLISH);
            for (Map.Entry<String, Map<PromptPattern, String>> entry : promptsByLanguage.entrySet()) {
                String language = entry.getKey();
                if (missingImage != null) {
                    skipped.add(new Skipped(id, language, Origin.of(line), missingImage));
                    continue;
                }
                Map<PromptPattern, String> filled = fill(entry.getValue(), language, titles);
                Explanation explanation = new Explanation(titles.get(language), alignment, filled,
                        articles.get(language).references(language), english);
                items.add(new SuiteItem(dataset, id, language, filled.get(PromptPattern.L_L), image,
                        descriptions.get(language), List.of(), Map.of(), explanation, Origin.of(line)));
            }
        }

        /** An object keyed by language, its keys made ISO 639-1 and checked against the file's languages. */
        private Map<String, LocatedNode> byLanguage(LocatedNode object, boolean required) {
            Map<String, LocatedNode> byLanguage = new LinkedHashMap<>();
            if (!required && !object.isPresent() || object.required().object() == null) {
                return byLanguage;
            }
            for (String key : object.fieldNames()) {
                LocatedNode value = object.get(key);
                String language = problems.language(key, value);
                if (language == null) {
                    continue;
                }
                if (!header.languages().contains(language)) {
                    value.problem("language " + language + " is not one of the file's languages ("
                            + String.join(", ", header.languages()) + ")");
                } else if (byLanguage.putIfAbsent(language, value) != null) {
                    value.problem("language " + language + " given twice");
                }
            }
            return byLanguage;
        }

        private Article readArticle(String language, LocatedNode node) {
            if (node.required().object() == null) {
                return null;
            }
            int before = problems.count();
            String text = node.get("text").required().text();
            List<LocatedNode> entityNodes = node.get("entities").required().array();
            List<ReferenceEntity> entities = new ArrayList<>();
            Set<String> ids = new LinkedHashSet<>();
            for (LocatedNode entity : entityNodes == null ? List.<LocatedNode>of() : entityNodes) {
                if (entity.required().object() == null) {
                    continue;
                }
                String entityId = entity.get("id").required().text();
                if (entityId != null && !ids.add(entityId)) {
                    entity.get("id").problem("entity " + entityId + " listed twice in this article");
                }
                Map<String, List<String>> forms = surfaceForms(entity.get("forms"), language);
                if (entityId != null && forms != null) {
                    entities.add(ReferenceEntity.newBuilder().setEntityId(entityId).setSurfaceForms(forms).build());
                }
            }
            return problems.count() == before ? new Article(text, entities) : null;
        }

        private Map<String, List<String>> surfaceForms(LocatedNode forms, String articleLanguage) {
            if (forms.required().object() == null) {
                return null;
            }
            Map<String, List<String>> byLanguage = new LinkedHashMap<>();
            boolean ok = true;
            for (String key : forms.fieldNames()) {
                LocatedNode value = forms.get(key);
                String language = problems.language(key, value);
                List<String> texts = value.required().texts();
                if (texts != null && texts.isEmpty()) {
                    value.problem("empty");
                    texts = null;
                }
                if (language != null && texts != null && byLanguage.putIfAbsent(language, texts) != null) {
                    value.problem("language " + language + " given twice");
                }
                ok &= language != null && texts != null;
            }
            if (ok && !byLanguage.containsKey(articleLanguage)) {
                forms.get(articleLanguage).problem("missing: an entity needs its surface forms in the"
                        + " language of its article");
                ok = false;
            }
            return ok ? byLanguage : null;
        }

        private Map<PromptPattern, String> prompts(LocatedNode line, PromptTable table, String language) {
            Map<PromptPattern, String> prompts = new EnumMap<>(PromptPattern.class);
            for (String instructionLanguage : List.of(ENGLISH, language)) {
                for (PromptPattern pattern : PromptTable.patternsOf(instructionLanguage)) {
                    String prompt = table.get(instructionLanguage, pattern);
                    if (prompt == null) {
                        line.get("prompts").get(instructionLanguage).get(pattern.name())
                                .problem("missing, on this line and in the header line");
                    } else {
                        prompts.put(pattern, prompt);
                    }
                }
            }
            return prompts;
        }

        private static Map<PromptPattern, String> fill(Map<PromptPattern, String> prompts, String language,
                Map<String, String> titles) {
            Map<PromptPattern, String> filled = new EnumMap<>(PromptPattern.class);
            prompts.forEach((pattern, prompt) -> {
                boolean english = pattern == PromptPattern.EN_EN || pattern == PromptPattern.EN_L;
                String text = prompt.replace(TITLE_PLACEHOLDER, titles.get(english ? ENGLISH : language));
                if (pattern == PromptPattern.EN_L) {
                    text = text.replace(PromptTable.LANGUAGE_PLACEHOLDER, Languages.englishName(language));
                }
                filled.put(pattern, text);
            });
            return filled;
        }

        private static AlignmentSetting alignment(int languagesWithArticle) {
            if (languagesWithArticle >= LANGUAGE_SET_SIZE) {
                return AlignmentSetting.ALIGNMENT_10;
            }
            return languagesWithArticle >= ALIGNMENT_5_LANGUAGES ? AlignmentSetting.ALIGNMENT_5
                    : AlignmentSetting.FULL;
        }
    }
}
