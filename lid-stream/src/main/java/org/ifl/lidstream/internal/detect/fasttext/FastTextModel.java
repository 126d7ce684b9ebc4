package org.ifl.lidstream.internal.detect.fasttext;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A supervised fastText model read from its {@code .bin} (or quantized {@code .ftz}) file, in pure Java, and
 * its predictions, computed as fastText 0.9.x's {@code predict-prob} computes them (same labels, probabilities
 * equal to float rounding). Immutable once loaded: {@link #predict} may be called from any number of threads.
 * <p>
 * The file (little-endian): magic {@value #MAGIC} and version (11 or 12, {@code int32}); the
 * {@link FastTextArgs arguments}; the {@link FastTextDictionary dictionary}; a quantized flag ({@code bool}) and
 * the input matrix ({@link DenseMatrix dense} or {@link QuantizedMatrix quantized}); a quantized-output flag and
 * the output matrix (quantized only when both flags are set).
 * <p>
 * Prediction: the text's UTF-8 bytes are split on whitespace as fastText splits them, with newlines treated as
 * spaces (the text is one line, as the fastText Python API requires of {@code predict}) and the end-of-line token
 * {@code </s>} added at the end; the hidden vector is the mean of the input rows of the words, their character
 * n-grams and the word n-grams; the loss's output layer gives the labels' probabilities (softmax; a sigmoid per
 * label for one-vs-all and negative sampling; a product along the Huffman tree's path for hierarchical softmax).
 * As in fastText, each reported probability is {@code p + 1e-5} (fastText ranks by {@code log(p + 1e-5)} and
 * reports its exponential).
 */
final class FastTextModel {
    public static final int MAGIC = 793712314;
    public static final int VERSION = 12;
    static final int OLDEST_VERSION = 11;

    /** One label and the probability fastText gives it. */
    public record Prediction(String label, double probability) {
    }

    private final String source;
    private final int version;
    private final FastTextArgs args;
    private final FastTextDictionary dictionary;
    private final Matrix input;
    private final OutputLayer output;
    private final boolean quantizedInput;
    private final boolean quantizedOutput;

    private FastTextModel(String source, int version, FastTextArgs args, FastTextDictionary dictionary, Matrix input,
            Matrix outputMatrix, boolean quantizedInput, boolean quantizedOutput) {
        this.source = source;
        this.version = version;
        this.args = args;
        this.dictionary = dictionary;
        this.input = input;
        this.output = OutputLayer.of(args.loss(), outputMatrix, dictionary.labelCounts());
        this.quantizedInput = quantizedInput;
        this.quantizedOutput = quantizedOutput;
    }

    /** Reads a model file. A file that is not a usable model gives a {@link FastTextFormatException} naming it. */
    public static FastTextModel load(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(new ModelInput(channel, file.toString(), channel.size()));
        }
    }

    /** Reads a model from a stream (e.g. a class-path resource); {@code name} is used in error messages. */
    public static FastTextModel read(InputStream stream, String name) throws IOException {
        return read(new ModelInput(Channels.newChannel(stream), name, -1));
    }

    private static FastTextModel read(ModelInput in) throws IOException {
        in.section("header");
        if (in.remaining() == 0) {
            throw in.error("empty file, not a fastText model");
        }
        int magic = in.readInt();
        if (magic != MAGIC) {
            throw in.error(String.format("not a fastText model: bad magic number %d (0x%08x), expected %d", magic,
                    magic, MAGIC));
        }
        int version = in.readInt();
        if (version < OLDEST_VERSION || version > VERSION) {
            throw in.error("unsupported fastText format version " + version + "; this reader reads versions "
                    + OLDEST_VERSION + " and " + VERSION);
        }
        FastTextArgs args = FastTextArgs.read(in, version);
        FastTextDictionary dictionary = FastTextDictionary.read(in, args);

        in.section("input matrix");
        boolean quantizedInput = in.readBool();
        Matrix input = quantizedInput ? QuantizedMatrix.read(in, "input matrix") : DenseMatrix.read(in, "input matrix");
        if (!quantizedInput && dictionary.pruned()) {
            throw in.error("the dictionary is pruned but the input matrix is not quantized; fastText rejects such"
                    + " files too (an obsolete format, see fastText issue #332)");
        }
        checkShape(in, "input matrix", input, dictionary.expectedInputRows(), args.dim(),
                dictionary.nwords() + " words + " + (dictionary.pruned() ? "the kept" : String.valueOf(args.bucket()))
                        + " buckets");

        in.section("output matrix");
        boolean quantizedOutputFlag = in.readBool();
        boolean quantizedOutput = quantizedInput && quantizedOutputFlag;
        Matrix output = quantizedOutput ? QuantizedMatrix.read(in, "output matrix")
                : DenseMatrix.read(in, "output matrix");
        checkShape(in, "output matrix", output, dictionary.nlabels(), args.dim(), "one row per label");
        if (!in.atEnd()) {
            throw in.error("unexpected data after the output matrix (offset " + in.position()
                    + "); the file is not a single fastText model");
        }
        return new FastTextModel(in.file(), version, args, dictionary, input, output, quantizedInput,
                quantizedOutput);
    }

    private static void checkShape(ModelInput in, String name, Matrix matrix, long rows, int cols, String why)
            throws FastTextFormatException {
        if (matrix.rows() != rows || matrix.cols() != cols) {
            throw in.error("the " + name + " is " + matrix.rows() + " x " + matrix.cols() + ", expected " + rows
                    + " x " + cols + " (" + why + ", dimension " + cols + ")");
        }
    }

    /** The {@code k} most probable labels of {@code text}, most probable first, as fastText's predict-prob. */
    public List<Prediction> predict(String text, int k) {
        return predict(text, k, 0.0f);
    }

    /**
     * The {@code k} most probable labels of {@code text} whose probability is at least {@code threshold}, most
     * probable first. Empty when the text yields no input row (no known word, n-gram or end-of-line token).
     */
    public List<Prediction> predict(String text, int k, float threshold) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, was " + k);
        }
        byte[] utf8 = (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
        int[] rows = dictionary.lineRows(utf8);
        if (rows.length == 0) {
            return List.of();
        }
        float[] hidden = new float[args.dim()];
        for (int row : rows) {
            input.addRowTo(hidden, row);
        }
        float scale = (float) (1.0 / rows.length);
        for (int j = 0; j < hidden.length; j++) {
            hidden[j] *= scale;
        }
        OutputLayer.TopK top = output.predict(hidden, Math.min(k, dictionary.nlabels()), threshold);
        List<String> labels = dictionary.labels();
        List<Prediction> predictions = new ArrayList<>(top.size());
        for (int i = 0; i < top.size(); i++) {
            predictions.add(new Prediction(labels.get(top.id(i)), (float) Math.exp(top.score(i))));
        }
        return predictions;
    }

    /** The labels, prefix included (e.g. {@code __label__deu_Latn}), in the model's order. */
    public List<String> labels() {
        return dictionary.labels();
    }

    public FastTextArgs args() {
        return args;
    }

    public FastTextArgs.Loss loss() {
        return args.loss();
    }

    public int version() {
        return version;
    }

    public int words() {
        return dictionary.nwords();
    }

    /** Whether the input matrix is product-quantized (a {@code .ftz} file). */
    public boolean quantized() {
        return quantizedInput;
    }

    /** Whether the output matrix is product-quantized too ({@code quantize -qout}). */
    public boolean quantizedOutput() {
        return quantizedOutput;
    }

    /** The file (or stream name) it was read from. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return "fastText model " + source + " (format " + version + ", " + dictionary.nlabels() + " labels, "
                + dictionary.nwords() + " words, dim " + args.dim() + ", loss " + args.loss().cliName()
                + (quantizedInput ? ", quantized" : "") + ")";
    }
}
