package org.ifl.referencevlm.tokenizer;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The reference VLM's tokenizer: every UTF-8 byte is a token (ids 0–255), followed by five special tokens.
 *
 * <p>Byte-level tokens need no vocabulary file and cover every script the evaluation asks in; the price is
 * that Thai, Devanagari or CJK text is 2–3 tokens per character, which the maximum sequence and generation
 * lengths must allow for.
 *
 * <p>Sequence layout (LLaVA order, image tokens first):
 * <pre>
 *   image example:     [IMAGE × numPatches] [BOS] question [SEP] answer [EOS]
 *   text-only example:                      [BOS] description "\n" question [SEP] answer [EOS]
 * </pre>
 * The {@link #IMAGE} ids are placeholders: the model replaces the embedding at each of them, in order, by the
 * projector's output for the corresponding image patch. Batches are left-padded with {@link #PAD} (and a
 * mask), so every row's prompt ends at the same column and generation appends to all rows at once.
 */
public final class ByteTokenizer {

    /** Padding; always masked out, never predicted. */
    public static final int PAD = 256;
    /** Start of the text part of a sequence (after the image tokens, if any). */
    public static final int BOS = 257;
    /** End of the answer; generation stops here and {@link #decode} cuts here. */
    public static final int EOS = 258;
    /** Placeholder for one projected image patch. */
    public static final int IMAGE = 259;
    /** Answer marker: separates the prompt from the answer the model must produce. */
    public static final int SEP = 260;
    /** Number of token ids: 256 bytes plus the five special tokens. */
    public static final int VOCAB_SIZE = 261;

    private static final String[] SPECIAL_NAMES = {"<pad>", "<bos>", "<eos>", "<image>", "<sep>"};

    /** Creates the tokenizer; it has no state, so one instance can be shared by every thread. */
    public ByteTokenizer() {
    }

    /** Returns the number of token ids the model's embedding and output layers must have. */
    public int vocabularySize() {
        return VOCAB_SIZE;
    }

    /** Returns the UTF-8 bytes of {@code text} as token ids 0–255, without any special token. */
    public int[] encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int[] ids = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            ids[i] = bytes[i] & 0xFF;
        }
        return ids;
    }

    /**
     * Turns generated ids back into text.
     *
     * <p>Decoding stops at the first {@link #EOS}; the other special tokens are skipped. A byte sequence that is
     * not valid UTF-8 in the middle becomes U+FFFD, but an incomplete character at the very end (generation cut
     * off by the length limit mid-character) is dropped, so a truncated answer never ends in a replacement
     * character that a language identifier would have to guess about.
     */
    public String decode(int[] ids) {
        byte[] bytes = new byte[ids.length];
        int n = 0;
        for (int id : ids) {
            if (id == EOS) {
                break;
            }
            if (id >= 0 && id < 256) {
                bytes[n++] = (byte) id;
            } else if (id < 0 || id >= VOCAB_SIZE) {
                throw new IllegalArgumentException("token id out of range: " + id);
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, n);
        CharBuffer out = CharBuffer.allocate(n + 1);
        // endOfInput = false: an incomplete trailing sequence stays unread in the buffer instead of becoming U+FFFD.
        decoder.decode(in, out, false);
        out.flip();
        return out.toString();
    }

    /** Returns a readable rendering of ids with special tokens named, for logs and test messages. */
    public String describe(int[] ids) {
        StringBuilder sb = new StringBuilder();
        int start = 0;
        for (int i = 0; i <= ids.length; i++) {
            if (i == ids.length || ids[i] >= 256) {
                if (i > start) {
                    sb.append(decode(Arrays.copyOfRange(ids, start, i)));
                }
                if (i < ids.length) {
                    sb.append(SPECIAL_NAMES[ids[i] - 256]);
                }
                start = i + 1;
            }
        }
        return sb.toString();
    }

    /** Prompt of an image example: {@code [IMAGE × imageTokens][BOS] question [SEP]}. */
    public int[] imagePrompt(String question, int imageTokens) {
        if (imageTokens <= 0) {
            throw new IllegalArgumentException("imageTokens must be positive: " + imageTokens);
        }
        int[] q = encode(question);
        int[] ids = new int[imageTokens + q.length + 2];
        Arrays.fill(ids, 0, imageTokens, IMAGE);
        ids[imageTokens] = BOS;
        System.arraycopy(q, 0, ids, imageTokens + 1, q.length);
        ids[ids.length - 1] = SEP;
        return ids;
    }

    /**
     * Prompt of a text-only example, the image's description standing in for the image:
     * {@code [BOS] description "\n" question [SEP]}.
     */
    public int[] textPrompt(String description, String question) {
        return textPrompt(description + "\n" + question);
    }

    /** Prompt with no image and a text written by the caller: {@code [BOS] text [SEP]}. */
    public int[] textPrompt(String text) {
        int[] t = encode(text);
        int[] ids = new int[t.length + 2];
        ids[0] = BOS;
        System.arraycopy(t, 0, ids, 1, t.length);
        ids[ids.length - 1] = SEP;
        return ids;
    }

    /** A training sequence: {@code prompt answer [EOS]}, the loss taken on the answer and the EOS. */
    public TokenSequence withAnswer(int[] prompt, String answer) {
        int[] a = encode(answer);
        int[] ids = Arrays.copyOf(prompt, prompt.length + a.length + 1);
        System.arraycopy(a, 0, ids, prompt.length, a.length);
        ids[ids.length - 1] = EOS;
        return new TokenSequence(ids, prompt.length);
    }

    /**
     * Left-pads sequences to a common length with {@link #PAD}; mask 1 marks real tokens. Left padding keeps the
     * last prompt token of every row in the last column, which batched generation needs.
     */
    public static PaddedBatch leftPad(List<int[]> sequences) {
        return pad(sequences, true);
    }

    /** Right-pads sequences to a common length with {@link #PAD} (for training, where nothing is appended). */
    public static PaddedBatch rightPad(List<int[]> sequences) {
        return pad(sequences, false);
    }

    private static PaddedBatch pad(List<int[]> sequences, boolean left) {
        if (sequences.isEmpty()) {
            throw new IllegalArgumentException("no sequences to pad");
        }
        int length = sequences.stream().mapToInt(s -> s.length).max().orElseThrow();
        int[][] ids = new int[sequences.size()][length];
        int[][] mask = new int[sequences.size()][length];
        for (int b = 0; b < sequences.size(); b++) {
            int[] s = sequences.get(b);
            int offset = left ? length - s.length : 0;
            Arrays.fill(ids[b], PAD);
            System.arraycopy(s, 0, ids[b], offset, s.length);
            Arrays.fill(mask[b], offset, offset + s.length, 1);
        }
        return new PaddedBatch(ids, mask);
    }

    /** Token ids with the index where the answer starts (the loss covers {@code ids[answerStart..]}). */
    public record TokenSequence(int[] ids, int answerStart) {
    }

    /** A padded batch: {@code ids[b][t]} and {@code mask[b][t]} (1 = real token, 0 = padding). */
    public record PaddedBatch(int[][] ids, int[][] mask) {

        public int batchSize() {
            return ids.length;
        }

        public int length() {
            return ids.length == 0 ? 0 : ids[0].length;
        }
    }
}
