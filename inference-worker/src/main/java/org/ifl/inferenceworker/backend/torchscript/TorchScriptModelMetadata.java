package org.ifl.inferenceworker.backend.torchscript;

import java.io.IOException;
import java.nio.file.Path;
import org.ifl.referencevlm.tokenizer.ByteTokenizer;

/**
 * The metadata file that sits next to a TorchScript VLM ({@code model.pt} → {@code model.json}) and says how to
 * feed it, as {@code docs/model-contract.md} specifies for format {@value #FORMAT}. Format 1 fixes the tokenizer
 * (byte-level UTF-8, the reference VLM's {@link ByteTokenizer} with its special ids), the prompt layout
 * ({@value #PROMPT_LAYOUT}), RGB images and last-position logits; the file repeats those so that a model
 * exported for something else is refused, and gives the sizes that vary.
 *
 * @param imageSize         side of the square image the model takes, in pixels
 * @param channels          colour channels of the image (3)
 * @param imageTokens       how many {@code IMAGE} placeholder tokens an image prompt starts with
 * @param layers            decoder layers: rows of the steering input
 * @param width             hidden width: columns of the steering input
 * @param maxSequenceLength the longest sequence (prompt and answer, image tokens included) the model takes
 * @param vocabSize         logits per position
 */
public record TorchScriptModelMetadata(int imageSize, int channels, int imageTokens, int layers, int width,
        int maxSequenceLength, int vocabSize) {

    /** The contract version this backend implements. */
    public static final String FORMAT = "ifl-vlm-torchscript/1";
    /** The only tokenizer of format 1: UTF-8 bytes 0–255 and the reference VLM's special tokens. */
    public static final String BYTE_TOKENIZER = "byte-utf8";
    /**
     * Image rows {@code [IMAGE × imageTokens][BOS] question [SEP]}, text rows
     * {@code [BOS] description "\n" question [SEP]}: the reference VLM's layout.
     */
    public static final String PROMPT_LAYOUT = "reference-vlm";

    /** Where the metadata of {@code modelFile} is: the same name with {@code .json} in place of {@code .pt}. */
    public static Path fileFor(Path modelFile) {
        String name = modelFile.getFileName().toString();
        String base = name.endsWith(".pt") ? name.substring(0, name.length() - 3) : name;
        return modelFile.resolveSibling(base + ".json");
    }

    /** Reads and checks {@code file}; an {@link IllegalArgumentException} lists every problem, by field. */
    public static TorchScriptModelMetadata read(Path file) throws IOException {
        JsonFieldReader json = JsonFieldReader.open(file, "TorchScript model metadata (see docs/model-contract.md)");
        json.requireString("format", FORMAT);
        json.requireString("tokenizer", BYTE_TOKENIZER);
        int vocabSize = json.positiveInt("vocabSize");
        if (vocabSize != 0 && vocabSize != ByteTokenizer.VOCAB_SIZE) {
            json.problem("vocabSize", "must be " + ByteTokenizer.VOCAB_SIZE + " for tokenizer " + BYTE_TOKENIZER
                    + ", is " + vocabSize);
        }
        JsonFieldReader special = json.object("specialTokens");
        special.requireInt("pad", ByteTokenizer.PAD);
        special.requireInt("bos", ByteTokenizer.BOS);
        special.requireInt("eos", ByteTokenizer.EOS);
        special.requireInt("image", ByteTokenizer.IMAGE);
        special.requireInt("sep", ByteTokenizer.SEP);
        JsonFieldReader image = json.object("image");
        int imageSize = image.positiveInt("size");
        image.requireInt("channels", 3);
        int imageTokens = image.positiveInt("tokens");
        int layers = json.positiveInt("layers");
        int width = json.positiveInt("width");
        int maxSequenceLength = json.positiveInt("maxSequenceLength");
        if (maxSequenceLength != 0 && imageTokens != 0 && maxSequenceLength <= imageTokens + 2) {
            json.problem("maxSequenceLength", "must leave room for a question after " + imageTokens
                    + " image tokens, BOS and SEP, is " + maxSequenceLength);
        }
        json.requireString("promptLayout", PROMPT_LAYOUT);
        json.throwIfProblems();
        return new TorchScriptModelMetadata(imageSize, 3, imageTokens, layers, width, maxSequenceLength, vocabSize);
    }
}
