package org.ifl.inferenceworker;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ifl.inferenceworker.internal.backend.PixelValues;
import org.ifl.inferenceworker.internal.backend.TextPromptFit;
import org.ifl.referencevlm.Pooling;
import org.ifl.referencevlm.ReferenceModel;
import org.ifl.referencevlm.Sampling;
import org.ifl.referencevlm.data.Phrasebook;
import org.ifl.referencevlm.data.TrainingExample;
import org.ifl.referencevlm.generate.Prompt;
import org.ifl.referencevlm.generate.TextGenerator;
import org.ifl.referencevlm.model.ForwardOptions;
import org.ifl.referencevlm.model.ReferenceVlmConfig;
import org.ifl.referencevlm.steer.SteeringVector;
import org.ifl.referencevlm.steer.SteeringVectors;
import org.ifl.schemas.avro.Arm;

/**
 * The {@code djl} backend running the project's reference VLM in process. Prompts are laid out as the model was
 * trained: the TEXT arm reads {@code [BOS] description "\n" question [SEP]}, the image arms read the image
 * tokens, then {@code [BOS] question [SEP]}; images are scaled to the model's input size. The IMAGE_REMEDY arm
 * adds the paper's steering vector for the expected language (cached per language) after the configured layer.
 * Each answer has its query's budget after its own prompt; a TEXT prompt that would leave less keeps its question
 * and has its description shortened ({@link TextPromptFit}), which is logged at INFO (rate-limited).
 *
 * <p>Not thread-safe in the sense that matters: run one batch at a time (the worker does).
 */
public final class ReferenceVlmBackend implements InferenceBackend {
    public static final String NAME = "djl-reference";

    private final ReferenceModel model;
    private final SteeringVectors steeringVectors;
    private final Settings settings;
    private final TextGenerator generator;
    private final String revision;

    /**
     * How the backend generates and steers.
     *
     * @param steeringLayer the layer the vector is taken at and added after; 0 means a third of the depth
     * @param pooling       how the steering sentence's states are pooled
     * @param steeringScale the vector's multiplier
     * @param sampling      greedy, or temperature / top-p with a seed
     */
    public record Settings(int steeringLayer, Pooling pooling, float steeringScale, Sampling sampling) {
        public static Settings defaults() {
            return new Settings(0, Pooling.MEAN, 1f, Sampling.greedy());
        }
    }

    /** Takes ownership of {@code model}: closing the backend closes it. */
    public ReferenceVlmBackend(ReferenceModel model, Settings settings) {
        this.model = model;
        this.settings = settings;
        this.steeringVectors = new SteeringVectors(model, Phrasebook.standard());
        this.generator = new TextGenerator(model);
        this.revision = revisionOf(model);
        int layers = model.config().lmLayers();
        if (settings.steeringLayer() < 0 || settings.steeringLayer() > layers) {
            throw new IllegalArgumentException("steering layer " + settings.steeringLayer() + " outside 0.." + layers
                    + " (0: a third of the depth)");
        }
    }

    /** The bundled weights, default settings. */
    public static ReferenceVlmBackend bundled() throws IOException {
        return new ReferenceVlmBackend(ReferenceModel.loadBundled(), Settings.defaults());
    }

    @Override
    public String name() {
        return NAME;
    }

    /** {@code reference-vlm@} and the first 12 hex digits of the SHA-256 of the parameters as saved. */
    @Override
    public String modelRevision() {
        return revision;
    }

    @Override
    public boolean supportsSteering() {
        return true;
    }

    public ReferenceModel model() {
        return model;
    }

    /** The layer vectors are taken at and added after. */
    public int steeringLayer() {
        return settings.steeringLayer() == 0 ? SteeringVectors.defaultLayer(model.config().lmLayers())
                : settings.steeringLayer();
    }

    @Override
    public List<Generation> generate(List<GenerationRequest> batch) {
        // Rows that can share one generation call: same arm kind, same steering, same length budget.
        Map<GroupKey, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            GenerationRequest r = batch.get(i);
            String steerTo = r.arm() == Arm.IMAGE_REMEDY ? r.expectedLanguage() : null;
            groups.computeIfAbsent(new GroupKey(r.arm() != Arm.TEXT, steerTo, r.maxNewTokens()),
                    k -> new ArrayList<>()).add(i);
        }
        Generation[] out = new Generation[batch.size()];
        for (Map.Entry<GroupKey, List<Integer>> group : groups.entrySet()) {
            generateGroup(batch, group.getKey(), group.getValue(), out);
        }
        return List.of(out);
    }

    private void generateGroup(List<GenerationRequest> batch, GroupKey key, List<Integer> rows, Generation[] out) {
        ForwardOptions hooks = ForwardOptions.none();
        Generation.AppliedSteering applied = null;
        if (key.steerTo() != null) {
            SteeringVector vector;
            try {
                vector = steeringVectors.forLanguage(key.steerTo(), steeringLayer(), settings.pooling());
            } catch (IllegalArgumentException e) {
                for (int row : rows) {
                    out[row] = Generation.failed(Generation.UNSUPPORTED_ARM, "no steering sentence for language '"
                            + key.steerTo() + "': " + e.getMessage(), false);
                }
                return;
            }
            hooks = vector.options(settings.steeringScale());
            applied = new Generation.AppliedSteering(vectorId(vector), vector.layer(), poolingName(vector.pooling()),
                    settings.steeringScale());
        }
        // Rows generate together when their answers have the same budget: a row's answer fits after its own
        // prompt (positions count per row), so a long prompt in the batch does not cut the others' answers.
        Map<Integer, List<Integer>> byBudget = new LinkedHashMap<>();
        Map<Integer, Prompt> prompts = new LinkedHashMap<>();
        for (int row : rows) {
            Prepared prepared = prepare(batch.get(row));
            if (prepared.failure() != null) {
                out[row] = prepared.failure();
                continue;
            }
            prompts.put(row, prepared.prompt());
            byBudget.computeIfAbsent(prepared.budget(), b -> new ArrayList<>()).add(row);
        }
        for (Map.Entry<Integer, List<Integer>> sameBudget : byBudget.entrySet()) {
            List<Integer> kept = sameBudget.getValue();
            List<Prompt> keptPrompts = kept.stream().map(prompts::get).toList();
            List<String> answers = generator.generate(keptPrompts, hooks, settings.sampling(), sameBudget.getKey());
            for (int i = 0; i < kept.size(); i++) {
                String answer = answers.get(i);
                out[kept.get(i)] = Generation.answered(answer, keptPrompts.get(i).ids().length,
                        model.tokenizer().encode(answer).length, applied);
            }
        }
    }

    /**
     * A request as the model reads it: its prompt and its answer's budget, both within the model's positions, or
     * why it cannot be read (INVALID_QUERY).
     */
    record Prepared(Prompt prompt, int budget, Generation failure) {
    }

    /** The prompt and budget of {@code r}; a TEXT prompt's description is shortened when it must be. */
    Prepared prepare(GenerationRequest r) {
        ReferenceVlmConfig config = model.config();
        if (r.arm() == Arm.TEXT) {
            TextPromptFit.Fitted fitted = TextPromptFit.fit(r, config.maxSequenceLength(),
                    d -> textPrompt(d, r.prompt()).length);
            if (fitted == null) {
                return new Prepared(null, 0, Generation.failed(Generation.INVALID_QUERY, "the question alone is "
                        + textPrompt("", r.prompt()).length + " tokens (bytes); the model reads at most "
                        + config.maxSequenceLength() + " positions, answer included", false));
            }
            return new Prepared(Prompt.text(textPrompt(fitted.description(), r.prompt())), fitted.budget(), null);
        }
        Prompt prompt = Prompt.withImage(model.tokenizer().imagePrompt(r.prompt(), config.numPatches()),
                PixelValues.of(r.image().pixels(), config.imageSize()));
        int budget = Math.min(r.maxNewTokens(), config.maxSequenceLength() - prompt.ids().length);
        if (budget < 1) {
            return new Prepared(null, 0, Generation.failed(Generation.INVALID_QUERY, "the prompt is "
                    + prompt.ids().length + " tokens (bytes, image tokens included); the model reads at most "
                    + config.maxSequenceLength() + " positions, answer included", false));
        }
        return new Prepared(prompt, budget, null);
    }

    /** The TEXT arm's prompt as the model was trained on it: {@code [BOS] description "\n" question [SEP]}. */
    private int[] textPrompt(String description, String question) {
        return model.tokenizer().textPrompt(TrainingExample.withDescription(description, question));
    }

    private String vectorId(SteeringVector vector) {
        return String.join("|", revision, vector.language(), "layer" + vector.layer(), poolingName(vector.pooling()),
                "describe-this-image");
    }

    private static String poolingName(Pooling pooling) {
        return pooling == Pooling.MEAN ? "mean" : "last_token";
    }

    private static String revisionOf(ReferenceModel model) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (DataOutputStream out = new DataOutputStream(new DigestOutputStream(OutputStream.nullOutputStream(),
                    sha))) {
                model.model().saveParameters(out);
            }
            return "reference-vlm@" + HexFormat.of().formatHex(sha.digest()).substring(0, 12).toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hash the reference VLM's parameters", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        model.close();
    }

    private record GroupKey(boolean image, String steerTo, int maxNewTokens) {
    }
}
