package org.ifl.lidstream.internal.validate;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.ifl.schemas.avro.Completion;
import org.ifl.schemas.avro.Condition;
import org.ifl.schemas.avro.InferenceError;
import org.ifl.schemas.avro.ItemReferences;
import org.ifl.schemas.avro.PairKey;
import org.ifl.schemas.avro.PromptPattern;
import org.ifl.schemas.avro.ReferenceEntity;
import org.ifl.schemas.avro.TaskKind;
import org.ifl.schemas.topic.RecordKey;

/**
 * What lid-stream requires of a completion before it scores it: what the schema cannot say. A completion that
 * fails is not scored (its cell would count a fidelity or an entity score that says nothing about the model);
 * {@link #reason} names every field that is wrong and its value, and the stage dead-letters the record with it.
 * Avro already refuses an unknown arm, task, pattern or alignment, and a missing field, when the record is read.
 */
public final class CompletionValidator {
    /** Earlier is not when a completion was made: a zero, or seconds taken for milliseconds (January 1970). */
    public static final Instant EARLIEST_COMPLETED_AT = Instant.parse("2000-01-01T00:00:00Z");
    /** How far completedAt may run ahead of lid-stream's clock: hosts' clocks disagree, by far less than this. */
    public static final Duration CLOCK_SKEW = Duration.ofDays(1);
    /** Problems named in one reason; a record with more says how many it left out. */
    static final int MAX_PROBLEMS = 10;

    private static final Set<String> ISO_639_1 = Set.of(Locale.getISOLanguages());
    private static final String ENGLISH = "en";

    private final Set<String> languages;
    private final int maxTextBytes;
    private final Clock clock;

    /**
     * @param languages    the project's languages, those lid-stream labels (ISO 639-1): the expected language of
     *                     every completion must be one of them
     * @param maxTextBytes the largest text, in UTF-8 bytes, that is scored ({@code ifl.lid.max-text-bytes})
     * @param clock        lid-stream's clock, which completedAt must not run far ahead of
     */
    public CompletionValidator(Collection<String> languages, int maxTextBytes, Clock clock) {
        this.languages = new TreeSet<>(languages);
        this.maxTextBytes = maxTextBytes;
        this.clock = clock;
    }

    /**
     * Why the record with key {@code key} and value {@code completion} cannot be scored, or empty when it can:
     * {@code completion <id>: } and its problems, separated by "; ".
     */
    public Optional<String> reason(String key, Completion completion) {
        if (completion == null) {
            return Optional.of("tombstone: a null value is not a completion (key " + key + ")");
        }
        List<String> problems = problems(key, completion);
        if (problems.isEmpty()) {
            return Optional.empty();
        }
        String id = completion.getCompletionId();
        StringBuilder reason = new StringBuilder(blank(id) ? "completion" : "completion " + id).append(": ");
        reason.append(String.join("; ", problems.subList(0, Math.min(problems.size(), MAX_PROBLEMS))));
        if (problems.size() > MAX_PROBLEMS) {
            reason.append("; and ").append(problems.size() - MAX_PROBLEMS).append(" more");
        }
        return Optional.of(reason.toString());
    }

    /** Every problem of the record, in the order of the completion's fields, each naming the field and its value. */
    public List<String> problems(String key, Completion completion) {
        List<String> problems = new ArrayList<>();
        nonBlank("completionId", completion.getCompletionId(), problems);
        nonBlank("queryId", completion.getQueryId(), problems);
        PairKey pair = completion.getPair();
        int before = problems.size();
        nonBlank("pair.runId", pair.getRunId(), problems);
        nonBlank("pair.model", pair.getModel(), problems);
        nonBlank("pair.checkpoint", pair.getCheckpoint(), problems);
        nonBlank("pair.dataset", pair.getDataset(), problems);
        nonBlank("pair.itemId", pair.getItemId(), problems);
        isoCode("pair.language", pair.getLanguage(), problems);
        if (problems.size() == before) { // else the key cannot match: the pair's problems say why
            String cell = RecordKey.cell(pair);
            if (key == null) {
                problems.add("the record has no key; eval.completions is keyed by cell, '" + cell + "'");
            } else if (!key.equals(cell)) {
                problems.add("key '" + key + "' is not the completion's cell '" + cell
                        + "' (model|checkpoint|dataset|language)");
            }
        }
        Condition condition = completion.getCondition();
        isoCode("condition.instructionLanguage", condition.getInstructionLanguage(), problems);
        String expected = condition.getExpectedLanguage();
        boolean expectedKnown = languages.contains(expected);
        if (!expectedKnown) {
            problems.add("condition.expectedLanguage '" + expected + "' is not one of the project's languages "
                    + languages + ", the ones lid-stream labels: its fidelity could never be 1");
        }
        pattern(condition, pair.getLanguage(), problems);
        text(completion, problems);
        completedAt(completion.getCompletedAt(), problems);
        if (condition.getTask() == TaskKind.EXPLANATION && completion.getError() == null && expectedKnown) {
            references(completion.getReferences(), expected, problems);
        }
        return problems;
    }

    /** A pattern, when given, names the languages of the instruction and of the answer: English or the item's. */
    private static void pattern(Condition condition, String itemLanguage, List<String> problems) {
        PromptPattern pattern = condition.getPattern();
        if (pattern == null) {
            return;
        }
        boolean englishInstruction = pattern == PromptPattern.EN_EN || pattern == PromptPattern.EN_L;
        boolean englishOutput = pattern == PromptPattern.EN_EN || pattern == PromptPattern.L_EN;
        String instruction = englishInstruction ? ENGLISH : itemLanguage;
        String output = englishOutput ? ENGLISH : itemLanguage;
        if (!instruction.equals(condition.getInstructionLanguage())) {
            problems.add("condition.instructionLanguage '" + condition.getInstructionLanguage()
                    + "' contradicts condition.pattern " + pattern + ", which asks in '" + instruction + "'"
                    + (englishInstruction ? "" : " (pair.language)"));
        }
        if (!output.equals(condition.getExpectedLanguage())) {
            problems.add("condition.expectedLanguage '" + condition.getExpectedLanguage()
                    + "' contradicts condition.pattern " + pattern + ", which expects '" + output + "'"
                    + (englishOutput ? "" : " (pair.language)"));
        }
    }

    /** A completion has a text, or an error saying why it has none; a text is scored up to the size limit. */
    private void text(Completion completion, List<String> problems) {
        String text = completion.getText();
        InferenceError error = completion.getError();
        if (text == null && error == null) {
            problems.add("text is missing and there is no error: a completion has a text, or an error saying why it"
                    + " has none");
        }
        if (error != null) {
            nonBlank("error.code", error.getCode(), problems);
        }
        // A UTF-8 character takes at most 3 bytes per UTF-16 unit: skip the encoding for texts that cannot exceed.
        if (text != null && (long) text.length() * 3 > maxTextBytes) {
            int bytes = text.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > maxTextBytes) {
                problems.add("text has " + bytes + " bytes, more than the limit of " + maxTextBytes
                        + " bytes (ifl.lid.max-text-bytes)");
            }
        }
    }

    private void completedAt(Instant completedAt, List<String> problems) {
        if (completedAt.isBefore(EARLIEST_COMPLETED_AT)) {
            problems.add("completedAt " + completedAt + " is before " + EARLIEST_COMPLETED_AT
                    + ": not when a completion was made (a zero, or seconds taken for milliseconds?)");
            return;
        }
        Instant now = clock.instant();
        if (completedAt.isAfter(now.plus(CLOCK_SKEW))) {
            problems.add("completedAt " + completedAt + " is more than " + CLOCK_SKEW.toDays()
                    + " day after lid-stream's clock (" + now + ")");
        }
    }

    /**
     * An explanation is scored against its reference entities in the expected language: each needs an id and a
     * form in that language (else it could never be found), and each co-occurring pair two of those entities.
     */
    private static void references(ItemReferences references, String language, List<String> problems) {
        Set<String> ids = new HashSet<>();
        List<ReferenceEntity> entities = references.getEntities();
        for (int i = 0; i < entities.size(); i++) {
            ReferenceEntity entity = entities.get(i);
            String field = "references.entities[" + i + "]";
            String id = entity.getEntityId();
            if (blank(id)) {
                problems.add(field + ".entityId '" + (id == null ? "" : id) + "' is blank");
            } else if (!ids.add(id)) {
                problems.add(field + ".entityId '" + id + "' is listed twice");
            }
            if (!hasForm(entity.getSurfaceForms(), language)) {
                problems.add(field + " ('" + id + "') has no surface form in condition.expectedLanguage '" + language
                        + "', so it could never be found: " + field + ".surfaceForms " + entity.getSurfaceForms());
            }
        }
        List<List<String>> pairs = references.getCooccurringPairs();
        for (int i = 0; i < pairs.size(); i++) {
            List<String> pair = pairs.get(i);
            String field = "references.cooccurringPairs[" + i + "]";
            if (pair.size() != 2 || pair.get(0).equals(pair.get(1))) {
                problems.add(field + " " + pair + " is not a pair of two entity ids");
                continue;
            }
            for (String id : pair) {
                if (!ids.contains(id)) {
                    problems.add(field + " " + pair + " names '" + id + "', which is not in references.entities");
                }
            }
        }
    }

    private static boolean hasForm(Map<String, List<String>> surfaceForms, String language) {
        List<String> forms = surfaceForms.get(language);
        return forms != null && forms.stream().anyMatch(form -> !blank(form));
    }

    /** A language code as records carry it: ISO 639-1, lower case, as the producers write it. */
    private static void isoCode(String field, String value, List<String> problems) {
        if (value == null || !ISO_639_1.contains(value)) {
            problems.add(field + " '" + (value == null ? "" : value) + "' is not an ISO 639-1 code (de, zh, he...)");
        }
    }

    private static void nonBlank(String field, String value, List<String> problems) {
        if (blank(value)) {
            problems.add(field + " '" + (value == null ? "" : value) + "' is blank");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
