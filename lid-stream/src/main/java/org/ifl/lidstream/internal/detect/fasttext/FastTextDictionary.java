package org.ifl.lidstream.internal.detect.fasttext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * fastText's {@code Dictionary} as a supervised model needs it at prediction time, and the turning of a line
 * into the input rows to average: the word's own row when it is in the dictionary, the hashed character n-grams
 * of {@code <word>} (minn..maxn characters, UTF-8 aware), and the hashed word n-grams (up to wordNgrams words).
 * <p>
 * Words are byte strings in fastText; here each is held as the ISO-8859-1 string of its bytes, a lossless
 * one-char-per-byte key, so that lookups and hashes see exactly the bytes fastText sees.
 * <p>
 * Stored as: size, nwords, nlabels ({@code int32}), ntokens, pruneidx_size ({@code int64}), then size entries
 * (NUL-terminated word, count {@code int64}, type {@code int8}: 0 word, 1 label; words first, then labels),
 * then pruneidx_size pairs ({@code int32} bucket, {@code int32} row) when the dictionary was pruned by
 * {@code quantize -cutoff}.
 */
final class FastTextDictionary {
    static final String EOS = "</s>";
    static final String LABEL_PREFIX = "__label__";
    private static final byte[] EOS_BYTES = EOS.getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] LABEL_PREFIX_BYTES = LABEL_PREFIX.getBytes(StandardCharsets.ISO_8859_1);
    private static final int FNV_OFFSET_BASIS = 0x811C9DC5; // 2166136261
    private static final int FNV_PRIME = 16777619;
    private static final long WORD_NGRAM_MULTIPLIER = 116049371L;

    private final FastTextArgs args;
    private final int nwords;
    private final String[] words; // keys of words then labels
    private final long[] labelCounts;
    private final List<String> labels; // UTF-8-decoded, prefix kept
    private final Map<String, Integer> ids;
    private final long pruneIndexSize;
    private final Map<Integer, Integer> pruneIndex;
    private final long ntokens;

    private FastTextDictionary(FastTextArgs args, int nwords, String[] words, long[] labelCounts, List<String> labels,
            Map<String, Integer> ids, long pruneIndexSize, Map<Integer, Integer> pruneIndex, long ntokens) {
        this.args = args;
        this.nwords = nwords;
        this.words = words;
        this.labelCounts = labelCounts;
        this.labels = labels;
        this.ids = ids;
        this.pruneIndexSize = pruneIndexSize;
        this.pruneIndex = pruneIndex;
        this.ntokens = ntokens;
    }

    static FastTextDictionary read(ModelInput in, FastTextArgs args) throws IOException {
        in.section("dictionary");
        int size = in.readInt();
        int nwords = in.readInt();
        int nlabels = in.readInt();
        long ntokens = in.readLong();
        long pruneIndexSize = in.readLong();
        if (size < 0 || nwords < 0 || nlabels < 0 || (long) nwords + nlabels != size) {
            throw in.error("the dictionary's sizes disagree: " + size + " entries, " + nwords + " words, " + nlabels
                    + " labels");
        }
        if (nlabels == 0) {
            throw in.error("the dictionary has no labels; a classifier needs at least one");
        }
        if (pruneIndexSize < -1 || pruneIndexSize > Integer.MAX_VALUE) {
            throw in.error("the dictionary's pruned-bucket count " + pruneIndexSize + " is impossible");
        }
        // Each entry takes at least 10 bytes (NUL, count, type): fail before allocating for a bogus size.
        in.expectAtLeast(10L * size, "the " + size + " dictionary entries (at least 10 bytes each)");
        String[] words = new String[size];
        long[] labelCounts = new long[nlabels];
        List<String> labels = new ArrayList<>(nlabels);
        Map<String, Integer> ids = new HashMap<>(Math.max(16, (int) (size / 0.7)));
        for (int i = 0; i < size; i++) {
            in.section("dictionary (entry " + (i + 1) + " of " + size + ")");
            byte[] bytes = in.readNulTerminated();
            long count = in.readLong();
            byte type = in.readByte();
            boolean label = i >= nwords;
            if (type != (label ? 1 : 0)) {
                throw in.error("dictionary entry " + (i + 1) + " has type " + type + "; expected "
                        + (label ? "1 (label)" : "0 (word)") + " for the " + nwords + " words followed by "
                        + nlabels + " labels");
            }
            String key = new String(bytes, StandardCharsets.ISO_8859_1);
            words[i] = key;
            if (ids.putIfAbsent(key, i) != null) {
                throw in.error("dictionary entry " + (i + 1) + " repeats an earlier word");
            }
            if (label) {
                labelCounts[i - nwords] = count;
                labels.add(new String(bytes, StandardCharsets.UTF_8));
            }
        }
        Map<Integer, Integer> pruneIndex = null;
        if (pruneIndexSize > 0) {
            in.section("pruned-bucket index");
            in.expectAtLeast(8 * pruneIndexSize, "the " + pruneIndexSize + " pruned-bucket pairs");
            pruneIndex = new HashMap<>((int) Math.min(Integer.MAX_VALUE, pruneIndexSize * 4 / 3 + 1));
            for (long i = 0; i < pruneIndexSize; i++) {
                int bucket = in.readInt();
                int row = in.readInt();
                if (row < 0 || row >= pruneIndexSize) {
                    throw in.error("pruned-bucket pair " + (i + 1) + " maps bucket " + bucket + " to row " + row
                            + ", outside the " + pruneIndexSize + " rows kept");
                }
                pruneIndex.put(bucket, row);
            }
        }
        return new FastTextDictionary(args, nwords, words, labelCounts, List.copyOf(labels), ids, pruneIndexSize,
                pruneIndex, ntokens);
    }

    int nwords() {
        return nwords;
    }

    int nlabels() {
        return labels.size();
    }

    long ntokens() {
        return ntokens;
    }

    List<String> labels() {
        return labels;
    }

    long[] labelCounts() {
        return labelCounts.clone();
    }

    boolean pruned() {
        return pruneIndexSize >= 0;
    }

    /** The input rows a non-pruned model must have: its words and its hash buckets. */
    long expectedInputRows() {
        return nwords + (pruneIndexSize < 0 ? args.bucket() : pruneIndexSize);
    }

    /**
     * The input rows of one line, in fastText's order: for each token its word row and character n-grams, then the
     * word n-grams. Tokens are split on the bytes fastText splits on (space, \n, \r, \t, \v, \f, NUL); the line's
     * end is the token {@code </s>}, as when fastText reads a line ending in a newline. As in fastText, tokens that
     * start with {@code __label__} are not words, and a token {@code </s>} ends the line.
     */
    int[] lineRows(byte[] utf8) {
        IntList rows = new IntList(64);
        IntList wordHashes = new IntList(16);
        int length = utf8.length;
        int i = 0;
        while (true) {
            while (i < length && isSeparator(utf8[i])) {
                i++;
            }
            int start;
            int end;
            byte[] source;
            if (i < length) {
                start = i;
                while (i < length && !isSeparator(utf8[i])) {
                    i++;
                }
                end = i;
                source = utf8;
            } else {
                source = EOS_BYTES;
                start = 0;
                end = EOS_BYTES.length;
            }
            boolean eos = source == EOS_BYTES || isEos(source, start, end);
            addToken(rows, wordHashes, source, start, end, eos);
            if (eos) {
                break;
            }
        }
        addWordNgrams(rows, wordHashes);
        return rows.toArray();
    }

    private void addToken(IntList rows, IntList wordHashes, byte[] source, int start, int end, boolean eos) {
        String key = new String(source, start, end - start, StandardCharsets.ISO_8859_1);
        Integer known = ids.get(key);
        int id = known == null ? -1 : known;
        boolean word = id >= 0 ? id < nwords : !startsWithLabelPrefix(source, start, end);
        if (!word) {
            return; // a label: it does not count as input
        }
        if (id < 0) {
            if (!eos) {
                addSubwords(rows, source, start, end);
            }
        } else {
            rows.add(id);
            if (args.maxn() > 0 && !eos) {
                addSubwords(rows, source, start, end);
            }
        }
        wordHashes.add(hash(source, start, end));
    }

    /** The character n-grams of {@code <token>}: those of 1 character only inside, not the bare < or >. */
    private void addSubwords(IntList rows, byte[] source, int start, int end) {
        int maxn = args.maxn();
        int minn = args.minn();
        int bucket = args.bucket();
        if (maxn <= 0 || bucket <= 0) {
            return;
        }
        int length = end - start + 2;
        byte[] word = new byte[length];
        word[0] = '<';
        System.arraycopy(source, start, word, 1, end - start);
        word[length - 1] = '>';
        for (int i = 0; i < length; i++) {
            if ((word[i] & 0xC0) == 0x80) {
                continue; // a UTF-8 continuation byte: n-grams start at characters
            }
            int h = FNV_OFFSET_BASIS;
            int j = i;
            for (int n = 1; j < length && n <= maxn; n++) {
                h = (h ^ word[j++]) * FNV_PRIME;
                while (j < length && (word[j] & 0xC0) == 0x80) {
                    h = (h ^ word[j++]) * FNV_PRIME;
                }
                if (n >= minn && !(n == 1 && (i == 0 || j == length))) {
                    pushHash(rows, Integer.remainderUnsigned(h, bucket));
                }
            }
        }
    }

    private void addWordNgrams(IntList rows, IntList hashes) {
        int n = args.wordNgrams();
        int bucket = args.bucket();
        if (n <= 1 || bucket <= 0) {
            return;
        }
        int count = hashes.size();
        for (int i = 0; i < count; i++) {
            long h = hashes.get(i); // sign-extended, as fastText's int32 -> uint64
            for (int j = i + 1; j < count && j < i + n; j++) {
                h = h * WORD_NGRAM_MULTIPLIER + hashes.get(j);
                pushHash(rows, (int) Long.remainderUnsigned(h, bucket));
            }
        }
    }

    private void pushHash(IntList rows, int bucketId) {
        if (pruneIndexSize == 0 || bucketId < 0) {
            return;
        }
        if (pruneIndexSize > 0) {
            Integer row = pruneIndex.get(bucketId);
            if (row == null) {
                return;
            }
            bucketId = row;
        }
        rows.add(nwords + bucketId);
    }

    /**
     * fastText's FNV-1a variant: each byte enters sign-extended (through {@code int8_t}), which is what released
     * models were trained with.
     */
    static int hash(byte[] bytes, int start, int end) {
        int h = FNV_OFFSET_BASIS;
        for (int i = start; i < end; i++) {
            h = (h ^ bytes[i]) * FNV_PRIME;
        }
        return h;
    }

    static boolean isSeparator(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == 0x0B || b == '\f' || b == 0;
    }

    private static boolean isEos(byte[] source, int start, int end) {
        return Arrays.equals(source, start, end, EOS_BYTES, 0, EOS_BYTES.length);
    }

    private static boolean startsWithLabelPrefix(byte[] source, int start, int end) {
        int n = LABEL_PREFIX_BYTES.length;
        return end - start >= n && Arrays.equals(source, start, start + n, LABEL_PREFIX_BYTES, 0, n);
    }

    /** A growable int array, to spare boxing on the prediction path. */
    static final class IntList {
        private int[] values;
        private int size;

        IntList(int capacity) {
            values = new int[capacity];
        }

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int get(int i) {
            return values[i];
        }

        int size() {
            return size;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
