package org.ifl.referencevlm.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ifl.entities.Entity;
import org.ifl.referencevlm.Artwork;
import org.ifl.referencevlm.Colour;
import org.ifl.referencevlm.Motif;
import org.ifl.referencevlm.Shape;

/**
 * The words of the generated artworks, read from {@value #RESOURCE}: each language's names of the artists, places,
 * centuries and motifs, its title and explanation sentences; and the project's explanation instructions, the same
 * table the artwork suites are asked with ({@value #PROMPTS}). An explanation is complete ("This painting by Lind
 * was made in Paris in the 17th century. It shows a sun and a lake.": five entities) or short (the second sentence
 * alone: the two motifs). Loading fills every template of every language and reports every missing word at once.
 */
public final class ArtLexicon {
    public static final String RESOURCE = "artworks.json";
    public static final String FORMAT = "ifl-reference-vlm-artworks/1";
    /** The project's artwork instructions, in the entities module: {@code {title}} and, in EN_L, {@code {language}}. */
    public static final String PROMPTS = "/org/ifl/entities/artwork-prompts.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> languages;
    private final Map<String, Motif> motifs;
    private final Map<String, JsonNode> text;
    private final JsonNode prompts;

    private ArtLexicon(List<String> languages, Map<String, Motif> motifs, Map<String, JsonNode> text,
            JsonNode prompts) {
        this.languages = List.copyOf(languages);
        this.motifs = Collections.unmodifiableMap(new LinkedHashMap<>(motifs));
        this.text = Map.copyOf(text);
        this.prompts = prompts;
    }

    /** The bundled lexicon, loaded once. */
    public static ArtLexicon standard() {
        return Bundled.LEXICON;
    }

    /** The ten languages, English first. */
    public List<String> languages() {
        return languages;
    }

    public Map<String, Motif> motifs() {
        return motifs;
    }

    public List<String> artists() {
        return keys("artists");
    }

    public List<String> places() {
        return keys("places");
    }

    public List<String> periods() {
        return keys("periods");
    }

    /** "Sun and lake", "Sonne und See": the artwork's title in {@code language}. */
    public String title(Artwork artwork, String language) {
        String title = fill(string(language, "title"), motifName(artwork.first(), language),
                motifName(artwork.second(), language));
        int first = title.codePointAt(0);
        return Character.isLowerCase(first)
                ? new StringBuilder().appendCodePoint(Character.toUpperCase(first))
                        .append(title.substring(Character.charCount(first))).toString()
                : title;
    }

    /** The explanation in {@code language}: complete (who, where, when, what) or short (what it shows only). */
    public String explanation(Artwork artwork, String language, boolean complete) {
        JsonNode words = words(language);
        String shows = fill(string(language, "shows"), motifPhrase(artwork.first(), language),
                motifPhrase(artwork.second(), language));
        if (!complete) {
            return shows;
        }
        String made = string(language, "made")
                .replace("{artist}", words.path("artists").path(artwork.artist()).asText())
                .replace("{place}", words.path("places").path(artwork.place()).asText())
                .replace("{period}", words.path("periods").path(artwork.period()).asText());
        return made + string(language, "joiner") + shows;
    }

    /** The instruction of {@code pattern} for an item in {@code language}, its title in the instruction's language. */
    public String prompt(ExplanationPattern pattern, Artwork artwork, String language) {
        String instructionLanguage = pattern.instructionLanguage(language);
        String template = prompts.path(instructionLanguage).path(pattern.name()).asText(null);
        if (template == null) {
            throw new IllegalArgumentException("no " + pattern + " instruction in " + instructionLanguage + " in "
                    + PROMPTS);
        }
        return template.replace("{title}", title(artwork, instructionLanguage))
                .replace("{language}", Locale.forLanguageTag(language).getDisplayLanguage(Locale.ENGLISH));
    }

    /**
     * The entities a complete explanation names, in the order it names them: artist, place, century, motifs, with
     * their forms in every language of the lexicon. Ids: {@code artist:lind}, {@code place:paris}, {@code period:c17},
     * {@code motif:sun}.
     */
    public List<Entity> entities(Artwork artwork) {
        return List.of(entity("artists", "artist:", artwork.artist()), entity("places", "place:", artwork.place()),
                entity("periods", "period:", artwork.period()), motifEntity(artwork.first().id()),
                motifEntity(artwork.second().id()));
    }

    /** Every entity of the lexicon: the vocabulary an answer's entities are matched against. */
    public List<Entity> vocabulary() {
        List<Entity> all = new ArrayList<>();
        artists().forEach(a -> all.add(entity("artists", "artist:", a)));
        places().forEach(p -> all.add(entity("places", "place:", p)));
        periods().forEach(p -> all.add(entity("periods", "period:", p)));
        motifs.keySet().forEach(m -> all.add(motifEntity(m)));
        return List.copyOf(all);
    }

    private Entity entity(String kind, String prefix, String key) {
        Map<String, List<String>> forms = new LinkedHashMap<>();
        for (String language : languages) {
            forms.put(language, List.of(words(language).path(kind).path(key).asText()));
        }
        return Entity.of(prefix + key, forms);
    }

    private Entity motifEntity(String motif) {
        Map<String, List<String>> forms = new LinkedHashMap<>();
        for (String language : languages) {
            JsonNode node = words(language).path("motifs").path(motif);
            List<String> written = new ArrayList<>();
            written.add(node.path("name").asText());
            node.path("extraForms").forEach(f -> written.add(f.asText()));
            forms.put(language, List.copyOf(written));
        }
        return Entity.of("motif:" + motif, forms);
    }

    private String motifName(Motif motif, String language) {
        return words(language).path("motifs").path(motif.id()).path("name").asText();
    }

    private String motifPhrase(Motif motif, String language) {
        return words(language).path("motifs").path(motif.id()).path("phrase").asText();
    }

    private static String fill(String template, String first, String second) {
        return template.replace("{m1}", first).replace("{m2}", second);
    }

    private String string(String language, String field) {
        return words(language).path(field).asText();
    }

    private JsonNode words(String language) {
        JsonNode words = text.get(language);
        if (words == null) {
            throw new IllegalArgumentException("no language '" + language + "' in the artworks' lexicon; known: "
                    + languages);
        }
        return words;
    }

    private List<String> keys(String kind) {
        List<String> keys = new ArrayList<>();
        words(Phrasebook.ENGLISH).path(kind).fieldNames().forEachRemaining(keys::add);
        return List.copyOf(keys);
    }

    /** Reads and checks the lexicon and the instructions; every problem is listed in one exception. */
    static ArtLexicon read(JsonNode root, JsonNode prompts) {
        List<String> problems = new ArrayList<>();
        if (!FORMAT.equals(root.path("format").asText())) {
            problems.add("format must be '" + FORMAT + "'");
        }
        List<String> languages = new ArrayList<>();
        root.path("languages").forEach(l -> languages.add(l.asText()));
        if (languages.isEmpty() || !languages.get(0).equals(Phrasebook.ENGLISH)) {
            problems.add("languages must start with " + Phrasebook.ENGLISH + ", were " + languages);
        }
        Map<String, Motif> motifs = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> m : root.path("motifs").properties()) {
            try {
                motifs.put(m.getKey(), new Motif(m.getKey(),
                        Shape.valueOf(m.getValue().path("shape").asText().toUpperCase(Locale.ROOT)),
                        Colour.valueOf(m.getValue().path("colour").asText().toUpperCase(Locale.ROOT))));
            } catch (IllegalArgumentException e) {
                problems.add("motif " + m.getKey() + ": unknown shape or colour " + m.getValue());
            }
        }
        Map<String, JsonNode> text = new LinkedHashMap<>();
        JsonNode english = root.path("text").path(Phrasebook.ENGLISH);
        for (String language : languages) {
            JsonNode words = root.path("text").path(language);
            if (!words.isObject()) {
                problems.add(language + ": no text");
                continue;
            }
            text.put(language, words);
            for (String field : List.of("title", "made", "shows", "joiner")) {
                if (!words.path(field).isTextual()) {
                    problems.add(language + "." + field + ": missing");
                }
            }
            for (String placeholder : List.of("{artist}", "{place}", "{period}")) {
                if (!words.path("made").asText().contains(placeholder)) {
                    problems.add(language + ".made: no " + placeholder);
                }
            }
            for (String field : List.of("title", "shows")) {
                if (!words.path(field).asText().contains("{m1}") || !words.path(field).asText().contains("{m2}")) {
                    problems.add(language + "." + field + ": needs {m1} and {m2}");
                }
            }
            for (String kind : List.of("artists", "places", "periods")) {
                english.path(kind).fieldNames().forEachRemaining(key -> {
                    if (words.path(kind).path(key).asText("").isBlank()) {
                        problems.add(language + "." + kind + "." + key + ": missing");
                    }
                });
            }
            for (String motif : motifs.keySet()) {
                JsonNode node = words.path("motifs").path(motif);
                String name = node.path("name").asText("");
                if (name.isBlank() || !node.path("phrase").asText("").contains(name)) {
                    problems.add(language + ".motifs." + motif + ": needs a name and a phrase containing it");
                }
            }
            for (ExplanationPattern pattern : ExplanationPattern.values()) {
                boolean asked = language.equals(Phrasebook.ENGLISH) == pattern.englishInstruction();
                if (asked && !prompts.path(language).path(pattern.name()).asText("").contains("{title}")) {
                    problems.add(PROMPTS + ": no " + pattern + " instruction with {title} in " + language);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the artworks' lexicon has " + problems.size() + " problem(s):\n  "
                    + String.join("\n  ", problems));
        }
        return new ArtLexicon(languages, motifs, text, prompts);
    }

    private static final class Bundled {
        static final ArtLexicon LEXICON = load();

        private static ArtLexicon load() {
            try (InputStream lexicon = ArtLexicon.class.getResourceAsStream(RESOURCE);
                    InputStream prompts = ArtLexicon.class.getResourceAsStream(PROMPTS)) {
                if (lexicon == null || prompts == null) {
                    // Both ship in the project's jars: without them the build is broken, not the input.
                    throw new IllegalStateException(RESOURCE + " or " + PROMPTS + " is not on the class path");
                }
                return read(JSON.readTree(lexicon), JSON.readTree(prompts));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the artworks' lexicon", e);
            }
        }
    }
}
