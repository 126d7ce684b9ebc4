package org.ifl.producers.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ifl.producers.Origin;
import org.ifl.producers.ReplayContents;
import org.ifl.producers.ReplayDefaults;
import org.ifl.producers.ReplayReader;
import org.ifl.producers.suite.read.InputProblems;
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

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public ReplayContents read(Path path, ReplayDefaults defaults) throws IOException {
        ReplayFile file = ReplayFile.read(path);
        InputProblems problems = InputProblems.stoppingAtLimit(path);
        ReadCompletions read = new ReadCompletions();
        String[] lines = file.text().split("\r?\n", -1);
        for (int i = 0; i < lines.length && !problems.full(); i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            Origin origin = new Origin(path, i + 1);
            ReplayedCompletion completion = readLine(lines[i], origin, file, defaults, problems);
            Long first = completion == null ? null : read.add(completion);
            if (first != null) {
                problems.add(origin.problem("completionId", "'" + completion.completion().getCompletionId()
                        + "' repeats the completion id of line " + first
                        + "; give each answer to the same query its own completionId"));
            }
        }
        problems.throwIfAny();
        return read.contents();
    }

    private static ReplayedCompletion readLine(String line, Origin origin, ReplayFile file, ReplayDefaults defaults,
            InputProblems problems) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (column " + e.getLocation().getColumnNr() + ")";
            problems.add(origin.problem(null, "not a JSON object" + where + ": " + e.getOriginalMessage()));
            return null;
        }
        if (!node.isObject()) {
            problems.add(origin.problem(null, "expected a JSON object, found " + node.getNodeType().name()
                    .toLowerCase(Locale.ROOT)));
            return null;
        }
        int before = problems.count();
        JsonFields f = new JsonFields(node, "", origin, problems);
        f.rejectUnknown(FIELDS);

        String runId = orDefault(f, "runId", defaults.runId(), file.contentRunId(), null);
        String model = orDefault(f, "model", defaults.model(), null, "--model");
        String checkpoint = orDefault(f, "checkpoint", defaults.checkpoint(), null, "--checkpoint");
        String dataset = f.required("dataset");
        String itemId = f.required("itemId");
        String language = f.has("language") ? f.language("language") : missing(f, "language");
        Arm arm = f.has("arm") ? f.enumValue("arm", Arm.class) : missing(f, "arm");
        TaskKind task = f.has("task") ? f.enumValue("task", TaskKind.class) : TaskKind.FIDELITY;
        String instructionLanguage = f.has("instructionLanguage") ? f.language("instructionLanguage") : language;
        String expectedLanguage = f.has("expectedLanguage") ? f.language("expectedLanguage") : language;
        PromptPattern pattern = f.enumValue("pattern", PromptPattern.class);
        AlignmentSetting alignment = f.enumValue("alignment", AlignmentSetting.class);
        String prompt = f.has("prompt") ? f.string("prompt") : missing(f, "prompt");
        String text = f.string("text");
        InferenceError error = error(f.object("error"));
        if (!f.has("text") && !f.has("error")) {
            f.problem("text", "missing: a completion has a text, or an error saying why it has none");
        }
        List<String> answers = f.strings("answers");
        String referenceText = f.string("referenceText");
        List<ReferenceEntity> entities = f.objects("entities", (e, i) -> entity(e));
        List<List<String>> cooccurringPairs = f.stringLists("cooccurringPairs");
        String completionId = f.nonBlank("completionId");
        String queryId = f.nonBlank("queryId");
        String backend = f.has("backend") ? f.nonBlank("backend") : DEFAULT_BACKEND;
        String modelRevision = f.string("modelRevision");
        SteeringApplied steering = steering(f.object("steering"));
        Instant completedAt = f.has("completedAt") ? f.instant("completedAt") : file.fallbackTime(defaults);
        Integer promptTokens = f.nonNegativeInt("promptTokens");
        Integer completionTokens = f.nonNegativeInt("completionTokens");
        Long latencyMs = f.nonNegativeLong("latencyMs");
        Instant queriedAt = f.instant("queriedAt");
        Map<String, String> attributes = f.stringMap("attributes");
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
        return new ReplayedCompletion(completion, origin, attributes);
    }

    /** The line's value; else the command line's; else {@code derived}; else a problem naming the option. */
    private static String orDefault(JsonFields f, String name, String fromDefaults, String derived, String option) {
        if (f.has(name)) {
            return f.nonBlank(name);
        }
        if (fromDefaults != null) {
            return fromDefaults;
        }
        if (derived != null) {
            return derived;
        }
        f.problem(name, "missing, and no default was given (" + option + ")");
        return null;
    }

    private static <T> T missing(JsonFields f, String name) {
        f.problem(name, "missing");
        return null;
    }

    private static InferenceError error(JsonFields e) {
        if (e == null) {
            return null;
        }
        e.rejectUnknown(ERROR_FIELDS);
        String kind = e.has("kind") ? e.nonBlank("kind") : DEFAULT_ERROR_KIND;
        String message = e.has("message") ? e.string("message") : missing(e, "message");
        Boolean retriable = e.bool("retriable");
        if (kind == null || message == null) {
            return null;
        }
        return InferenceError.newBuilder().setCode(kind).setMessage(message)
                .setRetriable(retriable != null && retriable).build();
    }

    private static SteeringApplied steering(JsonFields s) {
        if (s == null) {
            return null;
        }
        s.rejectUnknown(STEERING_FIELDS);
        String vectorId = s.required("vectorId");
        Integer layer = s.has("layer") ? s.nonNegativeInt("layer") : missing(s, "layer");
        String pooling = s.required("pooling");
        Double scale = s.number("scale");
        if (vectorId == null || layer == null || pooling == null) {
            return null;
        }
        return SteeringApplied.newBuilder().setVectorId(vectorId).setLayer(layer).setPooling(pooling)
                .setScale(scale == null ? 1.0f : scale.floatValue()).build();
    }

    private static ReferenceEntity entity(JsonFields e) {
        e.rejectUnknown(ENTITY_FIELDS);
        String entityId = e.required("entityId");
        Map<String, List<String>> surfaceForms = e.stringListMap("surfaceForms");
        return entityId == null ? null
                : ReferenceEntity.newBuilder().setEntityId(entityId).setSurfaceForms(surfaceForms).build();
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
