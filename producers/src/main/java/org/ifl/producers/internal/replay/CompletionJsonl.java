package org.ifl.producers.internal.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.ifl.platform.json.JsonInput;
import org.ifl.platform.json.JsonProblem;
import org.ifl.platform.json.LocatedNode;
import org.ifl.producers.Origin;
import org.ifl.producers.ReplayDefaults;
import org.ifl.producers.ReplayReader;
import org.ifl.producers.internal.suite.read.InputProblems;
import org.ifl.schemas.avro.AlignmentSetting;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.Completion;
import org.ifl.schemas.avro.Condition;
import org.ifl.schemas.avro.InferenceError;
import org.ifl.schemas.avro.ItemReferences;
import org.ifl.schemas.avro.PairKey;
import org.ifl.schemas.avro.PromptPattern;
import org.ifl.schemas.avro.ReferenceEntity;
import org.ifl.schemas.avro.SteeringApplied;
import org.ifl.schemas.avro.TaskKind;

/**
 * The project's own replay format: one completion per line as a JSON object, UTF-8, blank lines ignored. It
 * holds everything a {@link Completion} does, so a run can be exported with {@link #write} and replayed later
 * unchanged. The fields, their defaults and an example line are in {@code docs/replay.md}; in short, required
 * are {@code runId, model, checkpoint} (each may come from the defaults instead), {@code dataset, itemId,
 * language, arm, prompt} and {@code text} or {@code error}; everything else has a default, and a field not in
 * the format is a problem, so a misspelt optional field cannot silently fall back to its default.
 */
public final class CompletionJsonl implements ReplayReader {
    public static final String FORMAT = "jsonl";
    public static final String DEFAULT_BACKEND = "replay";
    public static final String DEFAULT_ERROR_KIND = "UNKNOWN";

    private static final Set<String> FIELDS = new LinkedHashSet<>(List.of(
            "runId", "model", "checkpoint", "dataset", "itemId", "language", "arm", "task", "instructionLanguage",
            "expectedLanguage", "pattern", "alignment", "prompt", "text", "error", "answers", "referenceText",
            "entities", "cooccurringPairs", "completionId", "queryId", "backend", "modelRevision", "steering",
            "queriedAt", "completedAt", "promptTokens", "completionTokens", "latencyMs", "attributes"));
    private static final Set<String> ERROR_FIELDS = new LinkedHashSet<>(List.of("kind", "message", "retriable"));
    private static final Set<String> STEERING_FIELDS =
            new LinkedHashSet<>(List.of("vectorId", "layer", "pooling", "scale"));
    private static final Set<String> ENTITY_FIELDS = new LinkedHashSet<>(List.of("entityId", "surfaceForms"));

    /** Writes lines; {@link JsonInput} reads them. */
    private static final JsonMapper JSON = new JsonMapper();

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public void read(ReplayPass pass, ReplaySink sink) throws IOException {
        InputProblems problems = pass.problems();
        Consumer<JsonProblem> report = problems::add;
        try (ReplayLines lines = pass.lines()) {
            while (lines.hasNext() && !problems.full()) {
                String text = lines.next();
                if (text == null || text.isBlank()) {
                    continue;
                }
                LocatedNode line = JsonInput.line(pass.path(), lines.number(), text, report);
                ReplayedCompletion completion = line == null ? null : readLine(line, pass, problems);
                if (completion != null) {
                    sink.completion(completion);
                }
            }
        }
    }

    private static ReplayedCompletion readLine(LocatedNode line, ReplayPass pass, InputProblems problems) {
        ReplayDefaults defaults = pass.defaults();
        int before = problems.count();
        line.rejectUnknownFields(FIELDS);

        String runId = orDefault(line.get("runId"), pass.runId(), "--run-id");
        String model = orDefault(line.get("model"), defaults.model(), "--model");
        String checkpoint = orDefault(line.get("checkpoint"), defaults.checkpoint(), "--checkpoint");
        String dataset = line.get("dataset").required().nonBlankString();
        String itemId = line.get("itemId").required().nonBlankString();
        String language = language(line.get("language").required(), problems);
        Arm arm = enumValue(line.get("arm").required(), Arm.class);
        LocatedNode taskField = line.get("task");
        TaskKind task = taskField.isPresent() ? enumValue(taskField, TaskKind.class) : TaskKind.FIDELITY;
        LocatedNode instructionField = line.get("instructionLanguage");
        String instructionLanguage = instructionField.isPresent() ? language(instructionField, problems) : language;
        LocatedNode expectedField = line.get("expectedLanguage");
        String expectedLanguage = expectedField.isPresent() ? language(expectedField, problems) : language;
        PromptPattern pattern = enumValue(line.get("pattern"), PromptPattern.class);
        AlignmentSetting alignment = enumValue(line.get("alignment"), AlignmentSetting.class);
        String prompt = line.get("prompt").required().string();
        LocatedNode textField = line.get("text");
        LocatedNode errorField = line.get("error");
        String text = textField.string();
        InferenceError error = error(errorField.object());
        if (!textField.isPresent() && !errorField.isPresent()) {
            textField.problem("missing: a completion has a text, or an error saying why it has none");
        }
        List<String> answers = orEmpty(line.get("answers").strings());
        String referenceText = line.get("referenceText").string();
        List<ReferenceEntity> entities = entities(line.get("entities"));
        List<List<String>> cooccurringPairs = stringLists(line.get("cooccurringPairs"));
        String completionId = line.get("completionId").nonBlankString();
        String queryId = line.get("queryId").nonBlankString();
        LocatedNode backendField = line.get("backend");
        String backend = backendField.isPresent() ? backendField.nonBlankString() : DEFAULT_BACKEND;
        String modelRevision = line.get("modelRevision").string();
        SteeringApplied steering = steering(line.get("steering").object());
        LocatedNode completedField = line.get("completedAt");
        Instant completedAt = completedField.isPresent() ? instant(completedField) : pass.fallbackTime();
        Integer promptTokens = line.get("promptTokens").nonNegativeInt();
        Integer completionTokens = line.get("completionTokens").nonNegativeInt();
        Long latencyMs = line.get("latencyMs").nonNegativeLong();
        Instant queriedAt = instant(line.get("queriedAt"));
        Map<String, String> attributes = stringMap(line.get("attributes"));
        if (problems.count() > before || problems.full()) {
            return null;
        }

        PairKey pair = PairKey.newBuilder().setRunId(runId).setModel(model).setCheckpoint(checkpoint)
                .setDataset(dataset).setItemId(itemId).setLanguage(language).build();
        if (queriedAt == null) {
            // Without a query time the best estimate is the completion time less the latency the file states.
            queriedAt = completedAt.minusMillis(latencyMs == null ? 0 : latencyMs);
        }
        Completion completion = Completion.newBuilder()
                .setCompletionId(completionId != null ? completionId : ReplayIds.completionId(pair, arm))
                .setQueryId(queryId != null ? queryId : ReplayIds.queryId(pair, arm))
                .setPair(pair)
                .setCondition(Condition.newBuilder().setArm(arm).setTask(task)
                        .setInstructionLanguage(instructionLanguage).setExpectedLanguage(expectedLanguage)
                        .setPattern(pattern).setAlignment(alignment).build())
                .setPrompt(prompt)
                .setReferences(ItemReferences.newBuilder().setAnswers(answers).setReferenceText(referenceText)
                        .setEntities(entities).setCooccurringPairs(cooccurringPairs).build())
                .setText(text)
                .setError(error)
                .setPromptTokens(promptTokens == null ? 0 : promptTokens)
                .setCompletionTokens(completionTokens == null ? 0 : completionTokens)
                .setLatencyMs(latencyMs == null ? 0L : latencyMs)
                .setBackend(backend)
                .setModelRevision(modelRevision)
                .setSteering(steering)
                .setReplayed(true)
                .setQueriedAt(queriedAt)
                .setCompletedAt(completedAt)
                .build();
        return new ReplayedCompletion(completion, Origin.of(line), attributes);
    }

    /** The line's value; else the command line's (or the run derived from the file); else a problem. */
    private static String orDefault(LocatedNode value, String fromDefaults, String option) {
        if (value.isPresent()) {
            return value.nonBlankString();
        }
        if (fromDefaults != null) {
            return fromDefaults;
        }
        value.problem("missing, and no default was given (" + option + ")");
        return null;
    }

    private static String language(LocatedNode value, InputProblems problems) {
        String written = value.string();
        return written == null ? null : problems.language(written, value);
    }

    private static <E extends Enum<E>> E enumValue(LocatedNode value, Class<E> type) {
        String written = value.string();
        if (written == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, written.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            value.problem("unknown " + type.getSimpleName() + " '" + written + "'; expected one of "
                    + Arrays.toString(type.getEnumConstants()));
            return null;
        }
    }

    /** An ISO-8601 instant ({@code 2024-05-01T12:00:00Z}, an offset allowed) or epoch milliseconds. */
    private static Instant instant(LocatedNode value) {
        if (!value.isPresent()) {
            return null;
        }
        JsonNode node = value.node();
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return Instant.ofEpochMilli(node.longValue());
        }
        if (node.isTextual()) {
            try {
                // Avro keeps milliseconds; truncating here makes the record equal to what the topic will hold.
                return Instant.parse(node.textValue().strip()).truncatedTo(ChronoUnit.MILLIS);
            } catch (DateTimeParseException e) {
                value.problem("'" + node.textValue() + "' is not an ISO-8601 instant (2024-05-01T12:00:00Z)");
                return null;
            }
        }
        value.problem("expected an ISO-8601 instant or epoch milliseconds, found " + value.describe());
        return null;
    }

    private static InferenceError error(LocatedNode e) {
        if (e == null) {
            return null;
        }
        e.rejectUnknownFields(ERROR_FIELDS);
        LocatedNode kindField = e.get("kind");
        String kind = kindField.isPresent() ? kindField.nonBlankString() : DEFAULT_ERROR_KIND;
        String message = e.get("message").required().string();
        Boolean retriable = e.get("retriable").bool();
        if (kind == null || message == null) {
            return null;
        }
        return InferenceError.newBuilder().setCode(kind).setMessage(message)
                .setRetriable(retriable != null && retriable).build();
    }

    private static SteeringApplied steering(LocatedNode s) {
        if (s == null) {
            return null;
        }
        s.rejectUnknownFields(STEERING_FIELDS);
        String vectorId = s.get("vectorId").required().nonBlankString();
        Integer layer = s.get("layer").required().nonNegativeInt();
        String pooling = s.get("pooling").required().nonBlankString();
        Double scale = s.get("scale").number();
        if (vectorId == null || layer == null || pooling == null) {
            return null;
        }
        return SteeringApplied.newBuilder().setVectorId(vectorId).setLayer(layer).setPooling(pooling)
                .setScale(scale == null ? 1.0f : scale.floatValue()).build();
    }

    private static List<ReferenceEntity> entities(LocatedNode array) {
        List<ReferenceEntity> entities = new ArrayList<>();
        for (LocatedNode element : orEmpty(array.array())) {
            LocatedNode e = element.required().object();
            if (e == null) {
                continue;
            }
            e.rejectUnknownFields(ENTITY_FIELDS);
            String entityId = e.get("entityId").required().nonBlankString();
            // Surface forms by language code, the shape of ReferenceEntity.surfaceForms.
            Map<String, List<String>> surfaceForms = new LinkedHashMap<>();
            LocatedNode forms = e.get("surfaceForms").object();
            if (forms != null) {
                forms.fieldNames().forEach(key -> surfaceForms.put(key, orEmpty(forms.get(key).strings())));
            }
            if (entityId != null) {
                entities.add(ReferenceEntity.newBuilder().setEntityId(entityId).setSurfaceForms(surfaceForms).build());
            }
        }
        return entities;
    }

    private static List<List<String>> stringLists(LocatedNode array) {
        List<List<String>> lists = new ArrayList<>();
        for (LocatedNode element : orEmpty(array.array())) {
            List<String> strings = element.required().strings();
            if (strings != null) {
                lists.add(strings);
            }
        }
        return lists;
    }

    private static Map<String, String> stringMap(LocatedNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        if (object.object() != null) {
            for (String key : object.fieldNames()) {
                String value = object.get(key).required().string();
                if (value != null) {
                    map.put(key, value);
                }
            }
        }
        return map;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    /**
     * Writes {@code completion} as one line of this format, newline included. Every field the reader would
     * otherwise default is written out (ids, languages, backend, times), so reading the line back gives an
     * equal record whatever defaults the reader is given; {@code replayed} is not written, a replayed line
     * always reads as replayed.
     *
     * @throws IllegalArgumentException when the completion has neither text nor error, which this format
     *                                  cannot hold
     */
    public static void write(Completion completion, Writer out) throws IOException {
        out.write(toLine(completion));
        out.write('\n');
    }

    /** The line {@link #write} writes, without the newline. */
    public static String toLine(Completion c) {
        if (c.getText() == null && c.getError() == null) {
            throw new IllegalArgumentException("completion " + c.getCompletionId()
                    + " has neither text nor error; the replay format needs one");
        }
        ObjectNode line = JSON.createObjectNode();
        PairKey pair = c.getPair();
        Condition condition = c.getCondition();
        line.put("runId", pair.getRunId());
        line.put("model", pair.getModel());
        line.put("checkpoint", pair.getCheckpoint());
        line.put("dataset", pair.getDataset());
        line.put("itemId", pair.getItemId());
        line.put("language", pair.getLanguage());
        line.put("arm", condition.getArm().name());
        line.put("task", condition.getTask().name());
        line.put("instructionLanguage", condition.getInstructionLanguage());
        line.put("expectedLanguage", condition.getExpectedLanguage());
        if (condition.getPattern() != null) {
            line.put("pattern", condition.getPattern().name());
        }
        if (condition.getAlignment() != null) {
            line.put("alignment", condition.getAlignment().name());
        }
        line.put("prompt", c.getPrompt());
        if (c.getText() != null) {
            line.put("text", c.getText());
        }
        if (c.getError() != null) {
            ObjectNode error = line.putObject("error");
            error.put("kind", c.getError().getCode());
            error.put("message", c.getError().getMessage());
            if (c.getError().getRetriable()) {
                error.put("retriable", true);
            }
        }
        ItemReferences references = c.getReferences();
        if (!references.getAnswers().isEmpty()) {
            references.getAnswers().forEach(line.putArray("answers")::add);
        }
        if (references.getReferenceText() != null) {
            line.put("referenceText", references.getReferenceText());
        }
        if (!references.getEntities().isEmpty()) {
            ArrayNode entities = line.putArray("entities");
            for (ReferenceEntity entity : references.getEntities()) {
                ObjectNode e = entities.addObject();
                e.put("entityId", entity.getEntityId());
                ObjectNode forms = e.putObject("surfaceForms");
                entity.getSurfaceForms().forEach((lang, names) -> names.forEach(forms.putArray(lang)::add));
            }
        }
        if (!references.getCooccurringPairs().isEmpty()) {
            ArrayNode pairs = line.putArray("cooccurringPairs");
            references.getCooccurringPairs().forEach(p -> p.forEach(pairs.addArray()::add));
        }
        line.put("completionId", c.getCompletionId());
        line.put("queryId", c.getQueryId());
        line.put("backend", c.getBackend());
        if (c.getModelRevision() != null) {
            line.put("modelRevision", c.getModelRevision());
        }
        if (c.getSteering() != null) {
            ObjectNode s = line.putObject("steering");
            s.put("vectorId", c.getSteering().getVectorId());
            s.put("layer", c.getSteering().getLayer());
            s.put("pooling", c.getSteering().getPooling());
            s.put("scale", c.getSteering().getScale());
        }
        line.put("queriedAt", c.getQueriedAt().toString());
        line.put("completedAt", c.getCompletedAt().toString());
        if (c.getPromptTokens() != 0) {
            line.put("promptTokens", c.getPromptTokens());
        }
        if (c.getCompletionTokens() != 0) {
            line.put("completionTokens", c.getCompletionTokens());
        }
        if (c.getLatencyMs() != 0) {
            line.put("latencyMs", c.getLatencyMs());
        }
        try {
            return JSON.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a tree of strings and numbers always serialises", e);
        }
    }
}
