package org.ifl.producers.internal.suite.artwork;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ifl.platform.json.JsonInput;
import org.ifl.platform.json.LocatedNode;
import org.ifl.producers.internal.suite.read.InputProblems;
import org.ifl.schemas.avro.PromptPattern;

/**
 * The explanation prompts of an artwork file by language and pattern, as a {@code prompts} object writes them:
 * under {@code en} the English instructions ({@code EN_EN}, {@code EN_L}), under each other language its own
 * ({@code L_L}, {@code L_EN}). A line's table is laid over the header line's, pattern by pattern.
 */
final class PromptTable {
    static final PromptTable EMPTY = new PromptTable(Map.of());
    /** The project's instructions, used where a file gives none: {@value #PROJECT_RESOURCE}. */
    static final String PROJECT_RESOURCE = "/org/ifl/entities/artwork-prompts.json";

    /** Stands for the English name of the item's language in an EN_L prompt. */
    static final String LANGUAGE_PLACEHOLDER = "{language}";

    private static final List<PromptPattern> ENGLISH_PATTERNS = List.of(PromptPattern.EN_EN, PromptPattern.EN_L);
    private static final List<PromptPattern> LANGUAGE_PATTERNS = List.of(PromptPattern.L_L, PromptPattern.L_EN);
    static final PromptTable PROJECT = project();

    private final Map<String, Map<PromptPattern, String>> byLanguage;

    private PromptTable(Map<String, Map<PromptPattern, String>> byLanguage) {
        this.byLanguage = byLanguage;
    }

    /** The patterns an instruction in {@code language} can have. */
    static List<PromptPattern> patternsOf(String language) {
        return language.equals("en") ? ENGLISH_PATTERNS : LANGUAGE_PATTERNS;
    }

    /** The table {@code prompts} writes; empty when it is absent, or (with problems) malformed. */
    static PromptTable read(LocatedNode prompts, InputProblems problems) {
        if (prompts.object() == null) {
            return EMPTY;
        }
        Map<String, Map<PromptPattern, String>> byLanguage = new HashMap<>();
        for (String key : prompts.fieldNames()) {
            LocatedNode entry = prompts.get(key);
            String language = problems.language(key, entry);
            if (language == null || entry.required().object() == null) {
                continue;
            }
            if (byLanguage.containsKey(language)) {
                entry.problem("language " + language + " given twice");
                continue;
            }
            Map<PromptPattern, String> patterns = new EnumMap<>(PromptPattern.class);
            for (String name : entry.fieldNames()) {
                LocatedNode value = entry.get(name);
                PromptPattern pattern = patternsOf(language).stream().filter(p -> p.name().equals(name)).findFirst()
                        .orElse(null);
                if (pattern == null) {
                    value.problem("unknown pattern: under " + language + " expected "
                            + patternsOf(language).get(0) + " or " + patternsOf(language).get(1));
                    continue;
                }
                String text = value.required().text();
                if (text != null && pattern == PromptPattern.EN_L && !text.contains(LANGUAGE_PLACEHOLDER)) {
                    value.problem("must name the output language as " + LANGUAGE_PLACEHOLDER);
                }
                if (text != null) {
                    // Kept even when wrong, so that lines relying on it are not also told it is missing.
                    patterns.put(pattern, text);
                }
            }
            byLanguage.put(language, patterns);
        }
        return new PromptTable(byLanguage);
    }

    private static PromptTable project() {
        try (var in = PromptTable.class.getResourceAsStream(PROJECT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(PROJECT_RESOURCE + " is missing from the build");
            }
            Path name = Path.of(PROJECT_RESOURCE.substring(1));
            InputProblems problems = new InputProblems();
            LocatedNode root = JsonInput.document(name, new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    problems::add);
            PromptTable table = root == null ? EMPTY : read(root, problems);
            problems.throwIfAny();
            return table;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + PROJECT_RESOURCE, e);
        }
    }

    /** The languages the table has prompts for. */
    java.util.Set<String> languages() {
        return byLanguage.keySet();
    }

    /** The prompt, or null when neither table has it. */
    String get(String language, PromptPattern pattern) {
        return byLanguage.getOrDefault(language, Map.of()).get(pattern);
    }

    /** This table, with {@code defaults} filling the patterns it lacks. */
    PromptTable over(PromptTable defaults) {
        Map<String, Map<PromptPattern, String>> merged = new HashMap<>();
        defaults.byLanguage.forEach((language, patterns) -> merged.put(language, new EnumMap<>(patterns)));
        byLanguage.forEach((language, patterns) -> merged.computeIfAbsent(language,
                l -> new EnumMap<>(PromptPattern.class)).putAll(patterns));
        return new PromptTable(merged);
    }
}
