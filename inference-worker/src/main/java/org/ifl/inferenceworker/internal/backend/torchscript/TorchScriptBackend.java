package org.ifl.inferenceworker.internal.backend.torchscript;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;
import org.ifl.inferenceworker.Generation;
import org.ifl.inferenceworker.GenerationRequest;
import org.ifl.inferenceworker.InferenceBackend;
import org.ifl.inferenceworker.internal.backend.PixelValues;
import org.ifl.inferenceworker.internal.backend.TextPromptFit;
import org.ifl.referencevlm.tokenizer.ByteTokenizer;
import org.ifl.schemas.avro.Arm;

/**
 * The {@code djl-torchscript} backend: runs a TorchScript VLM that follows {@code docs/model-contract.md} with
 * DJL's PyTorch engine, on the CPU unless configured otherwise. Prompts are laid out as the reference VLM's (the
 * metadata file next to the model says the sizes); answers are greedy, each new token one forward call over the
 * whole sequence (the contract has no KV cache). The IMAGE_REMEDY arm adds its language's vector from a
 * {@link SteeringSource} through the model's steering input; a language with no vector fails
 * {@code UNSUPPORTED_ARM}.
 *
 * <p>Each {@link #generate} call uses its own predictor, so calls may overlap; the worker runs one at a time.
 */
public final class TorchScriptBackend implements InferenceBackend {
    public static final String NAME = "djl-torchscript";

    private static final String ENGINE = "PyTorch";
    private static final int EOS = ByteTokenizer.EOS;

    private final Path modelFile;
    private final TorchScriptModelMetadata metadata;
    private final String revision;
    private final SteeringSource steering;
    private final Model model;
    private final ByteTokenizer tokenizer = new ByteTokenizer();

    private TorchScriptBackend(Path modelFile, TorchScriptModelMetadata metadata, String revision,
            SteeringSource steering, Model model) {
        this.modelFile = modelFile;
        this.metadata = metadata;
        this.revision = revision;
        this.steering = steering;
        this.model = model;
    }

    /**
     * Loads {@code modelFile} (a {@code .pt}) and its metadata ({@link TorchScriptModelMetadata#fileFor}) onto
     * {@code device}, checks that {@code steering} fits the model, and runs one forward call to check that the
     * model answers with the contract's logits.
     *
     * @param device   {@code Device.cpu()}, or a GPU (e.g. {@code Device.fromName("gpu0")}), which needs a CUDA
     *                 build of PyTorch's native library on the class path
     * @param steering the IMAGE_REMEDY arm's vectors; {@link SteeringSource#none()} for none
     * @throws IllegalArgumentException naming the file and every field when the metadata or the steering source
     *                                  is wrong, or when the device is not there
     */
    public static TorchScriptBackend open(Path modelFile, Device device, SteeringSource steering)
            throws IOException, MalformedModelException {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(steering, "steering");
        String fileName = modelFile.getFileName().toString();
        if (!fileName.endsWith(".pt")) {
            throw new IllegalArgumentException(modelFile + ": a TorchScript model file must end in .pt");
        }
        if (!Files.isRegularFile(modelFile)) {
            throw new NoSuchFileException(modelFile.toString(), null, "TorchScript model file not found");
        }
        TorchScriptModelMetadata metadata = TorchScriptModelMetadata.read(TorchScriptModelMetadata.fileFor(modelFile));
        String revision = fileName + "@" + sha256Prefix(modelFile);
        List<String> problems = steering.problemsWith(metadata, revision);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("steering vectors (" + steering.description() + ") do not fit "
                    + modelFile + ":\n  " + String.join("\n  ", problems));
        }
        requireDevice(device);
        Model model = Model.newInstance(fileName, device, ENGINE);
        try {
            // mapLocation: load the weights onto the model's device, whichever device they were saved from.
            model.load(modelFile.toAbsolutePath().getParent(), fileName.substring(0, fileName.length() - 3),
                    Map.of("mapLocation", "true"));
            TorchScriptBackend backend = new TorchScriptBackend(modelFile, metadata, revision, steering, model);
            backend.checkAnswersWithLogits();
            return backend;
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The model file's name, {@code @}, and the first 12 hex digits of the file's SHA-256. */
    @Override
    public String modelRevision() {
        return revision;
    }

    @Override
    public boolean supportsSteering() {
        return steering != SteeringSource.none();
    }

    public TorchScriptModelMetadata metadata() {
        return metadata;
    }

    @Override
    public List<Generation> generate(List<GenerationRequest> batch) throws TranslateException {
        return answer(batch).stream().map(Answer::generation).toList();
    }

    /** A request's generation with the token ids behind it; the ids are null when the request failed. */
    record Answer(int[] promptIds, int[] generatedIds, Generation generation) {
    }

    /** {@link #generate}, keeping the ids: a model's answer may be bytes that are no text. */
    List<Answer> answer(List<GenerationRequest> batch) throws TranslateException {
        // Rows that share forward calls: same kind of prompt and the same steering input.
        Map<GroupKey, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            GenerationRequest r = batch.get(i);
            String steerTo = r.arm() == Arm.IMAGE_REMEDY ? r.expectedLanguage() : null;
            groups.computeIfAbsent(new GroupKey(r.arm() != Arm.TEXT, steerTo), k -> new ArrayList<>()).add(i);
        }
        Answer[] out = new Answer[batch.size()];
        for (Map.Entry<GroupKey, List<Integer>> group : groups.entrySet()) {
            answerGroup(batch, group.getKey(), group.getValue(), out);
        }
        return List.of(out);
    }

    private void answerGroup(List<GenerationRequest> batch, GroupKey key, List<Integer> rows, Answer[] out)
            throws TranslateException {
        float[] steeringInput = new float[metadata.layers() * metadata.width()];
        Generation.AppliedSteering applied = null;
        if (key.steerTo() != null) {
            Optional<SteeringSource.Vector> vector = steering.forLanguage(key.steerTo());
            if (vector.isEmpty()) {
                for (int row : rows) {
                    out[row] = failed(Generation.UNSUPPORTED_ARM, "no steering vector for language '"
                            + key.steerTo() + "' (" + steering.description() + ")");
                }
                return;
            }
            steeringInput = steeringInput(vector.get());
            applied = new Generation.AppliedSteering(vectorId(vector.get()), vector.get().layer(),
                    vector.get().pooling(), vector.get().scale());
        }
        List<Integer> running = new ArrayList<>();
        List<int[]> prompts = new ArrayList<>();
        List<float[]> images = new ArrayList<>();
        List<Integer> budgets = new ArrayList<>();
        for (int row : rows) {
            GenerationRequest r = batch.get(row);
            int[] prompt = promptIds(r);
            int budget = Math.min(r.maxNewTokens(), metadata.maxSequenceLength() - prompt.length);
            if (r.arm() == Arm.TEXT) {
                TextPromptFit.Fitted fitted = TextPromptFit.fit(r, metadata.maxSequenceLength(),
                        d -> tokenizer.textPrompt(d, r.prompt()).length);
                if (fitted != null) {
                    prompt = tokenizer.textPrompt(fitted.description(), r.prompt());
                    budget = fitted.budget();
                }
            }
            if (budget < 1) {
                out[row] = failed(Generation.INVALID_QUERY, r.queryId() + ": prompt of " + prompt.length
                        + " tokens leaves no room for an answer: " + modelFile.getFileName()
                        + " takes at most " + metadata.maxSequenceLength() + " (maxSequenceLength)");
                continue;
            }
            running.add(row);
            prompts.add(prompt);
            images.add(key.image() ? PixelValues.of(r.image().pixels(), metadata.imageSize()) : null);
            budgets.add(budget);
        }
        if (running.isEmpty()) {
            return;
        }
        final float[] steer = steeringInput;
        int[][] generated;
        try (Predictor<ForwardInput, float[][]> predictor = model.newPredictor(new ContractTranslator())) {
            generated = greedy(prompts, budgets.stream().mapToInt(Integer::intValue).toArray(), EOS,
                    (active, sequences) -> {
                        List<float[]> activeImages = new ArrayList<>(active.length);
                        for (int i : active) {
                            activeImages.add(images.get(i));
                        }
                        return predictor.predict(forwardInput(sequences, activeImages, steer));
                    });
        }
        for (int i = 0; i < running.size(); i++) {
            String text = tokenizer.decode(generated[i]);
            out[running.get(i)] = new Answer(prompts.get(i), generated[i],
                    Generation.answered(text, prompts.get(i).length, generated[i].length, applied));
        }
    }

    private static Answer failed(String code, String message) {
        return new Answer(null, null, Generation.failed(code, message, false));
    }

    /** The prompt as the contract lays it out: image rows start with the image tokens, text rows with BOS. */
    int[] promptIds(GenerationRequest r) {
        return r.arm() == Arm.TEXT ? tokenizer.textPrompt(r.description(), r.prompt())
                : tokenizer.imagePrompt(r.prompt(), metadata.imageTokens());
    }

    /** The model's steering input {@code [layers, width]}, flat: {@code scale · values} in the vector's row. */
    float[] steeringInput(SteeringSource.Vector vector) {
        float[] values = vector.values();
        if (vector.layer() > metadata.layers() || values.length != metadata.width()) {
            throw new IllegalStateException("steering vector for '" + vector.language() + "' (layer "
                    + vector.layer() + ", " + values.length + " values) does not fit " + modelFile.getFileName()
                    + " (" + metadata.layers() + " layers of width " + metadata.width() + ")");
        }
        float[] input = new float[metadata.layers() * metadata.width()];
        int offset = (vector.layer() - 1) * metadata.width();
        for (int i = 0; i < values.length; i++) {
            input[offset + i] = vector.scale() * values[i];
        }
        return input;
    }

    /**
     * One forward call: the last position's logits {@code [rows][vocabSize]} of {@code sequences}, left-padded
     * together; {@code images.get(i)} is row i's pixels ({@link PixelValues}) or null for a text row.
     */
    float[][] lastPositionLogits(List<int[]> sequences, List<float[]> images, float[] steeringInput)
            throws TranslateException {
        try (Predictor<ForwardInput, float[][]> predictor = model.newPredictor(new ContractTranslator())) {
            return predictor.predict(forwardInput(sequences, images, steeringInput));
        }
    }

    /** One forward call of the model for the rows still generating. */
    @FunctionalInterface
    interface LastPositionLogits {
        /**
         * @param rows      which of the prompts {@code sequences} continue, ascending
         * @param sequences their prompts with what was generated so far
         * @return one row of logits per sequence
         */
        float[][] of(int[] rows, List<int[]> sequences) throws TranslateException;
    }

    /**
     * Greedy decoding: each step appends the highest-scoring token to every row still going; a row stops at
     * {@code eos} (not kept) or after {@code budgets[row]} tokens.
     */
    static int[][] greedy(List<int[]> prompts, int[] budgets, int eos, LastPositionLogits model)
            throws TranslateException {
        int n = prompts.size();
        int[][] sequences = prompts.toArray(new int[0][]);
        int[] generated = new int[n];
        boolean[] ended = new boolean[n];
        while (true) {
            int[] active = IntStream.range(0, n)
                    .filter(b -> !ended[b] && generated[b] < budgets[b]).toArray();
            if (active.length == 0) {
                break;
            }
            List<int[]> activeSequences = new ArrayList<>(active.length);
            for (int b : active) {
                activeSequences.add(sequences[b]);
            }
            float[][] logits = model.of(active, activeSequences);
            for (int i = 0; i < active.length; i++) {
                int b = active[i];
                int token = argmax(logits[i]);
                if (token == eos) {
                    ended[b] = true;
                } else {
                    sequences[b] = Arrays.copyOf(sequences[b], sequences[b].length + 1);
                    sequences[b][sequences[b].length - 1] = token;
                    generated[b]++;
                }
            }
        }
        int[][] answers = new int[n][];
        for (int b = 0; b < n; b++) {
            answers[b] = Arrays.copyOfRange(sequences[b], prompts.get(b).length, sequences[b].length);
        }
        return answers;
    }

    private static int argmax(float[] values) {
        int best = 0;
        for (int v = 1; v < values.length; v++) {
            if (values[v] > values[best]) {
                best = v;
            }
        }
        return best;
    }

    private ForwardInput forwardInput(List<int[]> sequences, List<float[]> images, float[] steeringInput) {
        ByteTokenizer.PaddedBatch padded = ByteTokenizer.leftPad(sequences);
        int rows = padded.batchSize();
        int length = padded.length();
        long[] ids = new long[rows * length];
        long[] mask = new long[rows * length];
        int pixelsPerImage = metadata.channels() * metadata.imageSize() * metadata.imageSize();
        float[] pixels = new float[rows * pixelsPerImage];
        long[] hasImage = new long[rows];
        for (int b = 0; b < rows; b++) {
            for (int t = 0; t < length; t++) {
                ids[b * length + t] = padded.ids()[b][t];
                mask[b * length + t] = padded.mask()[b][t];
            }
            float[] image = images.get(b);
            if (image != null) {
                System.arraycopy(image, 0, pixels, b * pixelsPerImage, pixelsPerImage);
                hasImage[b] = 1;
            }
        }
        return new ForwardInput(rows, length, ids, mask, pixels, hasImage, steeringInput);
    }

    /** The contract's inputs, flat, for one forward call. */
    private record ForwardInput(int rows, int length, long[] ids, long[] mask, float[] pixels, long[] hasImage,
            float[] steering) {
    }

    /** Java arrays to the contract's five input tensors, and its logits {@code [rows, vocabSize]} back. */
    private final class ContractTranslator implements NoBatchifyTranslator<ForwardInput, float[][]> {

        @Override
        public NDList processInput(TranslatorContext ctx, ForwardInput in) {
            NDManager manager = ctx.getNDManager();
            int size = metadata.imageSize();
            ctx.setAttachment("rows", in.rows());
            return new NDList(
                    manager.create(in.ids(), new Shape(in.rows(), in.length())),
                    manager.create(in.mask(), new Shape(in.rows(), in.length())),
                    manager.create(in.pixels(), new Shape(in.rows(), metadata.channels(), size, size)),
                    manager.create(in.hasImage(), new Shape(in.rows())),
                    manager.create(in.steering(), new Shape(metadata.layers(), metadata.width())));
        }

        @Override
        public float[][] processOutput(TranslatorContext ctx, NDList output) {
            int rows = (Integer) ctx.getAttachment("rows");
            Shape expected = new Shape(rows, metadata.vocabSize());
            if (output.size() != 1 || !output.get(0).getShape().equals(expected)) {
                throw new IllegalStateException(modelFile + " broke the model contract (docs/model-contract.md): "
                        + "it must return one tensor of last-position logits " + expected + ", it returned "
                        + describe(output));
            }
            float[] flat = output.get(0).toType(DataType.FLOAT32, false).toFloatArray();
            float[][] logits = new float[rows][];
            for (int b = 0; b < rows; b++) {
                logits[b] = Arrays.copyOfRange(flat, b * metadata.vocabSize(), (b + 1) * metadata.vocabSize());
            }
            return logits;
        }

        private static String describe(NDList output) {
            List<String> shapes = new ArrayList<>();
            for (NDArray array : output) {
                shapes.add(array.getDataType() + array.getShape().toString());
            }
            return shapes.isEmpty() ? "nothing" : String.join(", ", shapes);
        }
    }

    /** A one-row forward call at start-up, so that a model that breaks the contract fails here, not per query. */
    private void checkAnswersWithLogits() {
        try {
            lastPositionLogits(List.of(tokenizer.textPrompt("")), Collections.singletonList(null),
                    new float[metadata.layers() * metadata.width()]);
        } catch (TranslateException | RuntimeException e) {
            throw new IllegalArgumentException(modelFile + ": a first forward call with the inputs of "
                    + "docs/model-contract.md (metadata " + TorchScriptModelMetadata.fileFor(modelFile).getFileName()
                    + ") failed: " + e.getMessage(), e);
        }
    }

    private static void requireDevice(Device device) {
        if (device.isGpu()) {
            if (device.getDeviceId() < 0) {
                // Device.fromName("gpu") gives gpu(-1): name the GPU so that no default is guessed.
                throw new IllegalArgumentException("device " + device + ": name a GPU by its index, e.g. gpu0");
            }
            int gpus = Engine.getEngine(ENGINE).getGpuCount();
            if (device.getDeviceId() >= gpus) {
                throw new IllegalArgumentException("device " + device + " asked for, but the PyTorch engine sees "
                        + gpus + " GPU(s): a GPU needs a CUDA build of PyTorch's native library on the class path "
                        + "in place of pytorch-native-cpu (see docs/model-contract.md)");
            }
        }
    }

    private String vectorId(SteeringSource.Vector vector) {
        return String.join("|", revision, vector.language(), "layer" + vector.layer(), vector.pooling(),
                steering.description());
    }

    private static String sha256Prefix(Path file) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
    }

    @Override
    public void close() {
        model.close();
    }

    private record GroupKey(boolean image, String steerTo) {
    }
}
