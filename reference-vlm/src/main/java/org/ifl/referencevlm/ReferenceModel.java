package org.ifl.referencevlm;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ifl.referencevlm.model.ReferenceVlm;
import org.ifl.referencevlm.model.ReferenceVlmConfig;
import org.ifl.referencevlm.tokenizer.ByteTokenizer;

/**
 * A trained reference VLM ready for inference, as a model directory holds it: {@value #CONFIG} (the
 * {@link ReferenceVlmConfig}), {@value #TOKENIZER} (the special ids and the sequence layouts the weights were
 * trained with, checked against {@link ByteTokenizer} on load) and {@value #PARAMETERS} (DJL's
 * {@code saveParameters} format). Owns the manager its weights live in.
 */
public final class ReferenceModel implements AutoCloseable {

    public static final String CONFIG = "config.json";
    public static final String TOKENIZER = "tokenizer.json";
    public static final String PARAMETERS = "reference-vlm.params";
    /** Where the project's trained weights sit on the classpath. */
    public static final String RESOURCE_DIRECTORY = "org/ifl/referencevlm/weights/";
    static final String TOKENIZER_FORMAT = "ifl-reference-vlm-byte-tokenizer/1";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Two-space indent, {@code "name": value}: the layout of the model directories written so far. */
    private static final ObjectWriter PRETTY = JSON.writer(new DefaultPrettyPrinter().withSeparators(
            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)));

    private final NDManager manager;
    private final ReferenceVlm model;
    private final ParameterStore parameters;
    private final ByteTokenizer tokenizer = new ByteTokenizer();

    private ReferenceModel(NDManager manager, ReferenceVlm model) {
        this.manager = manager;
        this.model = model;
        this.parameters = new ParameterStore(manager, false);
    }

    /** Wraps a model already in memory (for example just trained); closing it closes {@code manager}. */
    public static ReferenceModel of(NDManager manager, ReferenceVlm model) {
        return new ReferenceModel(manager, model);
    }

    public static ReferenceModel load(Path directory) throws IOException {
        return load(name -> Files.newInputStream(directory.resolve(name)), directory.toString());
    }

    /** The project's trained weights from {@value #RESOURCE_DIRECTORY}. */
    public static ReferenceModel loadBundled() throws IOException {
        return load(name -> {
            InputStream in = ReferenceModel.class.getClassLoader().getResourceAsStream(RESOURCE_DIRECTORY + name);
            if (in == null) {
                throw new IOException("no bundled weights: " + RESOURCE_DIRECTORY + name + " not on the classpath");
            }
            return in;
        }, "classpath:" + RESOURCE_DIRECTORY);
    }

    /** Copies the bundled weights (config, tokenizer, parameters) into {@code directory}, for tools that read one. */
    public static void extractBundled(Path directory) throws IOException {
        Files.createDirectories(directory);
        for (String name : List.of(CONFIG, TOKENIZER, PARAMETERS)) {
            try (InputStream in = ReferenceModel.class.getClassLoader().getResourceAsStream(RESOURCE_DIRECTORY + name)) {
                if (in == null) {
                    throw new IOException("no bundled weights: " + RESOURCE_DIRECTORY + name + " not on the classpath");
                }
                Files.copy(in, directory.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Whether the project's trained weights are on the classpath. */
    public static boolean bundledWeightsPresent() {
        return ReferenceModel.class.getClassLoader().getResource(RESOURCE_DIRECTORY + PARAMETERS) != null;
    }

    private static ReferenceModel load(Source source, String where) throws IOException {
        ReferenceVlmConfig config;
        try (InputStream in = source.open(CONFIG)) {
            config = JSON.readValue(in, ReferenceVlmConfig.class);
        }
        try (InputStream in = source.open(TOKENIZER)) {
            JsonNode stored = JSON.readTree(in);
            if (!stored.equals(JSON.valueToTree(tokenizerDescription()))) {
                throw new IOException(where + ": the weights were trained with another tokenizer: " + stored);
            }
        }
        NDManager manager = NDManager.newBaseManager("PyTorch");
        ReferenceVlm model = new ReferenceVlm(config);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(source.open(PARAMETERS)))) {
            model.loadParameters(manager, in);
        } catch (MalformedModelException | IOException | RuntimeException e) {
            manager.close();
            throw e instanceof IOException io ? io : new IOException(where + ": cannot read " + PARAMETERS, e);
        }
        return new ReferenceModel(manager, model);
    }

    /** Writes the model directory (created if missing); files already there are replaced. */
    public static void save(ReferenceVlm model, Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(CONFIG), PRETTY.writeValueAsString(model.config()) + "\n");
        Files.writeString(directory.resolve(TOKENIZER), PRETTY.writeValueAsString(tokenizerDescription()) + "\n");
        try (DataOutputStream out = new DataOutputStream(
                new BufferedOutputStream(Files.newOutputStream(directory.resolve(PARAMETERS))))) {
            model.saveParameters(out);
        }
    }

    /** What {@value #TOKENIZER} records: the special ids and the layouts, so a mismatch fails loudly. */
    static Map<String, Object> tokenizerDescription() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("format", TOKENIZER_FORMAT);
        d.put("kind", "utf-8 bytes 0-255 plus special tokens");
        d.put("vocabSize", ByteTokenizer.VOCAB_SIZE);
        Map<String, Integer> special = new LinkedHashMap<>();
        special.put("PAD", ByteTokenizer.PAD);
        special.put("BOS", ByteTokenizer.BOS);
        special.put("EOS", ByteTokenizer.EOS);
        special.put("IMAGE", ByteTokenizer.IMAGE);
        special.put("SEP", ByteTokenizer.SEP);
        d.put("special", special);
        Map<String, String> layout = new LinkedHashMap<>();
        layout.put("image", "[IMAGE x numPatches] [BOS] question [SEP] answer [EOS]");
        layout.put("text", "[BOS] description \"\\n\" question [SEP] answer [EOS]");
        layout.put("training padding", "right");
        layout.put("generation padding", "left");
        d.put("layout", layout);
        return d;
    }

    public ReferenceVlm model() {
        return model;
    }

    public ReferenceVlmConfig config() {
        return model.config();
    }

    public ParameterStore parameters() {
        return parameters;
    }

    public ByteTokenizer tokenizer() {
        return tokenizer;
    }

    /** The manager the weights live in; work arrays belong in sub-managers of it. */
    public NDManager manager() {
        return manager;
    }

    @Override
    public void close() {
        manager.close();
    }

    @FunctionalInterface
    private interface Source {
        InputStream open(String name) throws IOException;
    }

}
