package org.ifl.inferenceworker.internal.backend.torchscript;

import java.io.IOException;
import java.nio.file.Path;
import org.ifl.platform.json.JsonInput;
import org.ifl.platform.json.JsonProblems;
import org.ifl.platform.json.LocatedNode;
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
record TorchScriptModelMetadata(int imageSize, int channels, int imageTokens, int layers, int width,
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

    private static final String WHAT = "TorchScript model metadata (see docs/model-contract.md)";

    /** Where the metadata of {@code modelFile} is: the same name with {@code .json} in place of {@code .pt}. */
    public static Path fileFor(Path modelFile) {
        String name = modelFile.getFileName().toString();
        String base = name.endsWith(".pt") ? name.substring(0, name.length() - 3) : name;
        return modelFile.resolveSibling(base + ".json");
    }

    /** Reads and checks {@code file}; an {@link IllegalArgumentException} lists every problem, by field. */
    public static TorchScriptModelMetadata read(Path file) throws IOException {
        JsonProblems problems = new JsonProblems();
        LocatedNode json = JsonInput.document(file, problems);
        if (json == null || json.required().object() == null) {
            throw problems.exception(file, WHAT);
        }
        requireValue(json.get("format"), FORMAT);
        requireValue(json.get("tokenizer"), BYTE_TOKENIZER);
        LocatedNode vocabField = json.get("vocabSize");
        Integer vocabSize = vocabField.required().positiveInt();
        if (vocabSize != null && vocabSize != ByteTokenizer.VOCAB_SIZE) {
            vocabField.problem("must be " + ByteTokenizer.VOCAB_SIZE + " for tokenizer " + BYTE_TOKENIZER + ", is "
                    + vocabSize);
        }
        LocatedNode special = json.get("specialTokens");
        special.required().object();
        requireValue(special.get("pad"), ByteTokenizer.PAD);
        requireValue(special.get("bos"), ByteTokenizer.BOS);
        requireValue(special.get("eos"), ByteTokenizer.EOS);
        requireValue(special.get("image"), ByteTokenizer.IMAGE);
        requireValue(special.get("sep"), ByteTokenizer.SEP);
        LocatedNode image = json.get("image");
        image.required().object();
        Integer imageSize = image.get("size").required().positiveInt();
        requireValue(image.get("channels"), 3);
        Integer imageTokens = image.get("tokens").required().positiveInt();
        Integer layers = json.get("layers").required().positiveInt();
        Integer width = json.get("width").required().positiveInt();
        LocatedNode maxSequenceField = json.get("maxSequenceLength");
        Integer maxSequenceLength = maxSequenceField.required().positiveInt();
        if (maxSequenceLength != null && imageTokens != null && maxSequenceLength <= imageTokens + 2) {
            maxSequenceField.problem("must leave room for a question after " + imageTokens
                    + " image tokens, BOS and SEP, is " + maxSequenceLength);
        }
        requireValue(json.get("promptLayout"), PROMPT_LAYOUT);
        problems.throwIfAny(file, WHAT);
        return new TorchScriptModelMetadata(imageSize, 3, imageTokens, layers, width, maxSequenceLength, vocabSize);
    }

    /** A string the format fixes: a file that names another was made for something else. */
    static void requireValue(LocatedNode value, String expected) {
        String written = value.required().nonBlankString();
        if (written != null && !written.equals(expected)) {
            value.problem("must be \"" + expected + "\", is \"" + written + "\"");
        }
    }

    private static void requireValue(LocatedNode value, int expected) {
        Integer written = value.required().integer();
        if (written != null && written != expected) {
            value.problem("must be " + expected + ", is " + written);
        }
    }
}
