package org.ifl.referencevlm.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ifl.referencevlm.Scene;

/**
 * The languages of the data and each one's templates, read from {@value #RESOURCE}. Loading checks every template
 * and fills every one for every scene, so a missing word or form is reported, all at once, before any training.
 */
public final class Phrasebook {
    public static final String RESOURCE = "languages.json";
    public static final String FORMAT = "ifl-reference-vlm-languages/1";
    /** The language image examples are answered in when the mix says English. */
    public static final String ENGLISH = "en";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, LanguageTemplates> languages;

    private Phrasebook(Map<String, LanguageTemplates> languages) {
        this.languages = Collections.unmodifiableMap(new LinkedHashMap<>(languages));
    }

    /** The bundled phrasebook, loaded once. */
    public static Phrasebook standard() {
        return Bundled.PHRASEBOOK;
    }

    /** Reads and checks a phrasebook in the bundled format. */
    public static Phrasebook read(Reader json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a phrasebook: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a phrasebook: expected a JSON object");
        }
        List<String> problems = new ArrayList<>();
        if (!FORMAT.equals(root.path("format").asText())) {
            problems.add("format must be '" + FORMAT + "'");
        }
        Map<String, LanguageTemplates> languages = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.path("languages").properties()) {
            LanguageTemplates language = language(e.getKey(), e.getValue(), problems);
            if (language != null) {
                languages.put(e.getKey(), language);
            }
        }
        if (!languages.containsKey(ENGLISH)) {
            problems.add("no '" + ENGLISH + "': image examples are answered in English");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the phrasebook has " + problems.size() + " problem(s):\n  "
                    + String.join("\n  ", problems));
        }
        return new Phrasebook(languages);
    }

    /** ISO 639-1 codes, in the file's order. */
    public List<String> languages() {
        return List.copyOf(languages.keySet());
    }

    public LanguageTemplates language(String code) {
        LanguageTemplates templates = languages.get(code);
        if (templates == null) {
            throw new IllegalArgumentException("no language '" + code + "'; known: " + languages.keySet());
        }
        return templates;
    }

    /**
     * The longest answer in UTF-8 bytes over every language and scene: the byte-level model's generation limit must
     * reach it (Thai, Hindi and CJK answers run two to three times longer than Latin-script ones).
     */
    public int longestAnswerUtf8Bytes() {
        int longest = 0;
        for (LanguageTemplates language : languages.values()) {
            for (Scene scene : SceneSpace.scenes(SceneSpace.all(), 0)) {
                longest = Math.max(longest, language.answer(scene).getBytes(StandardCharsets.UTF_8).length);
            }
        }
        return longest;
    }

    private static LanguageTemplates language(String code, JsonNode json, List<String> problems) {
        int before = problems.size();
        String where = "language '" + code + "'";
        String name = text(json, "name", where, problems);
        CountedTemplate description = CountedTemplate.fromJson(json.get("description"), where + " description",
                problems);
        CountedTemplate answer = CountedTemplate.fromJson(json.get("answer"), where + " answer", problems);
        List<String> questions = new ArrayList<>();
        if (json.path("questions").isArray()) {
            json.path("questions").forEach(q -> questions.add(q.asText()));
        }
        if (questions.isEmpty()) {
            problems.add(where + " has no training questions");
        }
        String heldOut = text(json, "heldOutQuestion", where, problems);
        if (questions.contains(heldOut)) {
            problems.add(where + " held-out question is also a training question: " + heldOut);
        }
        String steering = text(json, "steering", where, problems);
        NounPhraseGrammar grammar;
        try {
            grammar = Grammars.forLanguage(code, Lexicon.fromJson(code, json.path("lexicon")));
        } catch (RuntimeException e) {
            problems.add(where + ": " + e.getMessage());
            return null;
        }
        if (problems.size() > before) {
            return null;
        }
        LanguageTemplates templates = new LanguageTemplates(code, name, description, answer, questions, heldOut,
                steering, grammar);
        for (Scene scene : SceneSpace.scenes(SceneSpace.all(), 0)) {
            try {
                templates.description(scene);
                templates.answer(scene);
            } catch (RuntimeException e) {
                problems.add(where + ", scene " + scene + ": " + e.getMessage());
            }
        }
        return problems.size() > before ? null : templates;
    }

    private static String text(JsonNode json, String field, String where, List<String> problems) {
        JsonNode value = json.path(field);
        if (!value.isValueNode() || value.isNull() || value.asText().isBlank()) {
            problems.add(where + " has no " + field);
            return "";
        }
        return value.asText();
    }

    /** Loaded on first use. */
    private static final class Bundled {
        static final Phrasebook PHRASEBOOK = load();

        private static Phrasebook load() {
            try (InputStream in = Phrasebook.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + RESOURCE + " is missing next to " + Phrasebook.class);
                }
                return read(new InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
