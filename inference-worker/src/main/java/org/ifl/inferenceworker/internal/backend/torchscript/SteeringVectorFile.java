package org.ifl.inferenceworker.internal.backend.torchscript;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.ifl.platform.json.JsonInput;
import org.ifl.platform.json.JsonProblem;
import org.ifl.platform.json.JsonProblems;
import org.ifl.platform.json.LocatedNode;

/**
 * Steering vectors read from a JSON file, one per language, all for one layer of one model:
 * <pre>
 * {"format": "ifl-steering-vectors/1", "modelRevision": "model.pt@0123456789ab", "layer": 3,
 *  "pooling": "mean", "scale": 1.0, "source": "how they were made", "vectors": {"fr": [...], "th": [...]}}
 * </pre>
 * {@code modelRevision} is the backend's {@code modelRevision()} of the model the vectors were computed on:
 * vectors taken from one model's hidden states mean nothing to another. {@code scale} is optional (1.0).
 */
public final class SteeringVectorFile implements SteeringSource {

    /** The file format this class reads. */
    public static final String FORMAT = "ifl-steering-vectors/1";

    private static final String WHAT = "steering-vector file";

    private final Path file;
    private final String modelRevision;
    private final Map<String, Vector> vectors;
    /** The line of each field {@link #problemsWith} can name. */
    private final Map<String, Long> lines;

    private SteeringVectorFile(Path file, String modelRevision, Map<String, Vector> vectors, Map<String, Long> lines) {
        this.file = file;
        this.modelRevision = modelRevision;
        this.vectors = vectors;
        this.lines = lines;
    }

    /** Reads and checks {@code file}; an {@link IllegalArgumentException} lists every problem, by field. */
    public static SteeringVectorFile read(Path file) throws IOException {
        JsonProblems problems = new JsonProblems();
        LocatedNode json = JsonInput.document(file, problems);
        if (json == null || json.required().object() == null) {
            throw problems.exception(file, WHAT);
        }
        TorchScriptModelMetadata.requireValue(json.get("format"), FORMAT);
        LocatedNode revisionField = json.get("modelRevision");
        String modelRevision = revisionField.required().nonBlankString();
        LocatedNode layerField = json.get("layer");
        Integer layer = layerField.required().positiveInt();
        LocatedNode poolingField = json.get("pooling");
        String pooling = poolingField.required().nonBlankString();
        if (pooling != null && !pooling.equals("mean") && !pooling.equals("last_token")) {
            poolingField.problem("must be \"mean\" or \"last_token\", is \"" + pooling + "\"");
        }
        Float scale = finiteFloat(json.get("scale"));
        LocatedNode vectorsField = json.get("vectors");
        Map<String, float[]> values = new TreeMap<>();
        if (vectorsField.required().object() != null) {
            for (String language : vectorsField.fieldNames()) {
                float[] v = floats(vectorsField.get(language));
                if (v != null) {
                    values.put(language, v);
                }
            }
            if (vectorsField.fieldNames().isEmpty()) {
                vectorsField.problem("has no language");
            }
        }
        Set<Integer> lengths = new TreeSet<>();
        values.values().forEach(v -> lengths.add(v.length));
        if (lengths.size() > 1) {
            vectorsField.problem("vectors of different lengths " + lengths + ": all must have the model's width");
        }
        problems.throwIfAny(file, WHAT);
        float applied = scale == null ? 1f : scale;
        Map<String, Vector> vectors = new TreeMap<>();
        values.forEach((language, v) -> vectors.put(language, new Vector(language, layer, pooling, applied, v)));
        return new SteeringVectorFile(file, modelRevision, vectors, Map.of("modelRevision", revisionField.line(),
                "layer", layerField.line(), "vectors", vectorsField.line()));
    }

    /** A non-empty array of numbers a float holds. */
    private static float[] floats(LocatedNode value) {
        List<Double> numbers = value.required().numbers();
        if (numbers == null) {
            return null;
        }
        if (numbers.isEmpty()) {
            value.problem("must be a non-empty array of numbers");
            return null;
        }
        float[] floats = new float[numbers.size()];
        boolean complete = true;
        for (int i = 0; i < floats.length; i++) {
            Float f = finiteFloat(value.get(i));
            complete &= f != null;
            floats[i] = f == null ? 0f : f;
        }
        return complete ? floats : null;
    }

    /** A number that is finite as a float, or null (with a problem when it is there but is no such number). */
    private static Float finiteFloat(LocatedNode value) {
        Double d = value.number();
        if (d != null && !Float.isFinite(d.floatValue())) {
            value.problem("is beyond the range of a 32-bit float: " + d);
            return null;
        }
        return d == null ? null : d.floatValue();
    }

    /** The languages this file has a vector for. */
    public Set<String> languages() {
        return vectors.keySet();
    }

    @Override
    public Optional<Vector> forLanguage(String language) {
        return Optional.ofNullable(vectors.get(language));
    }

    @Override
    public String description() {
        return file.getFileName().toString();
    }

    @Override
    public List<String> problemsWith(TorchScriptModelMetadata model, String modelRevision) {
        List<String> problems = new ArrayList<>();
        if (!this.modelRevision.equals(modelRevision)) {
            problems.add(problem("modelRevision", "the vectors were made for " + this.modelRevision
                    + ", the backend runs " + modelRevision));
        }
        Vector any = vectors.values().iterator().next();
        if (any.layer() > model.layers()) {
            problems.add(problem("layer", any.layer() + " is beyond the model's " + model.layers()
                    + " decoder layers"));
        }
        if (any.values().length != model.width()) {
            problems.add(problem("vectors", "vectors of " + any.values().length + " values, the model's width is "
                    + model.width()));
        }
        return problems;
    }

    private String problem(String field, String message) {
        return new JsonProblem(file, lines.get(field), field, message).toString();
    }
}
