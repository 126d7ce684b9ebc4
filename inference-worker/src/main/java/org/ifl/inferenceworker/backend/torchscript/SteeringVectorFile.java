package org.ifl.inferenceworker.backend.torchscript;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

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

    private final Path file;
    private final String modelRevision;
    private final Map<String, Vector> vectors;

    private SteeringVectorFile(Path file, String modelRevision, Map<String, Vector> vectors) {
        this.file = file;
        this.modelRevision = modelRevision;
        this.vectors = vectors;
    }

    /** Reads and checks {@code file}; an {@link IllegalArgumentException} lists every problem, by field. */
    public static SteeringVectorFile read(Path file) throws IOException {
        JsonFieldReader json = JsonFieldReader.open(file, "steering-vector file");
        json.requireString("format", FORMAT);
        String modelRevision = json.string("modelRevision");
        int layer = json.positiveInt("layer");
        String pooling = json.string("pooling");
        if (pooling != null && !pooling.equals("mean") && !pooling.equals("last_token")) {
            json.problem("pooling", "must be \"mean\" or \"last_token\", is \"" + pooling + "\"");
        }
        float scale = json.finiteFloat("scale", 1f);
        JsonFieldReader vectorsJson = json.object("vectors");
        Map<String, float[]> values = new TreeMap<>();
        for (String language : vectorsJson.names()) {
            float[] v = vectorsJson.floatArray(language);
            if (v != null) {
                values.put(language, v);
            }
        }
        if (vectorsJson.names().isEmpty()) {
            json.problem("vectors", "has no language");
        }
        Set<Integer> lengths = new TreeSet<>();
        values.values().forEach(v -> lengths.add(v.length));
        if (lengths.size() > 1) {
            json.problem("vectors", "vectors of different lengths " + lengths + ": all must have the model's width");
        }
        json.throwIfProblems();
        Map<String, Vector> vectors = new TreeMap<>();
        values.forEach((language, v) -> vectors.put(language, new Vector(language, layer, pooling, scale, v)));
        return new SteeringVectorFile(file, modelRevision, vectors);
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
            problems.add(file + ": field 'modelRevision': the vectors were made for " + this.modelRevision
                    + ", the backend runs " + modelRevision);
        }
        Vector any = vectors.values().iterator().next();
        if (any.layer() > model.layers()) {
            problems.add(file + ": field 'layer': " + any.layer() + " is beyond the model's " + model.layers()
                    + " decoder layers");
        }
        if (any.values().length != model.width()) {
            problems.add(file + ": field 'vectors': vectors of " + any.values().length
                    + " values, the model's width is " + model.width());
        }
        return problems;
    }
}
