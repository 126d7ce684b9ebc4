package org.ifl.lidstream.internal.detect.fasttext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Files that are not usable models: each error names the file and says what was wrong. */
class FastTextModelFormatTest {
    /** Offsets in a version-12 file: magic, version, then the 13 arguments. */
    private static final int VERSION_AT = 4;
    private static final int LOSS_AT = 8 + 6 * 4;
    private static final int MODEL_AT = 8 + 7 * 4;
    private static final int DICTIONARY_AT = 8 + 12 * 4 + 8;

    @TempDir
    Path dir;

    private static byte[] fixture(String name) throws IOException {
        return Files.readAllBytes(FastTextFixtures.file(name));
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private static byte[] withInt(byte[] bytes, int offset, int value) {
        byte[] copy = bytes.clone();
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putInt(offset, value);
        return copy;
    }

    private String failure(Path file) {
        FastTextFormatException e = assertThrows(FastTextFormatException.class, () -> FastTextModel.load(file));
        assertTrue(e.getMessage().startsWith(file.toString() + ": "), "names the file: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void rejectsABadMagicNumber() throws IOException {
        Path file = write("not-a-model.bin", withInt(fixture("glot-softmax.bin"), 0, 0x04034b50));
        String message = failure(file);
        assertTrue(message.contains("not a fastText model: bad magic number"), message);
        assertTrue(message.contains("expected 793712314"), message);
    }

    @Test
    void rejectsAnUnsupportedVersion() throws IOException {
        String message = failure(write("future.bin", withInt(fixture("glot-softmax.bin"), VERSION_AT, 13)));
        assertTrue(message.contains("unsupported fastText format version 13"), message);
    }

    @Test
    void readsFormat11AsFastTextDoesWithoutCharacterNgrams() throws IOException {
        FastTextModel model = FastTextModel.load(write("old.bin", withInt(fixture("glot-softmax.bin"), VERSION_AT, 11)));
        assertEquals(11, model.version());
        assertEquals(0, model.args().maxn(), "supervised models of format 11 had no character n-grams");
        assertEquals(2, model.predict("die Katze", 2).size());
    }

    @Test
    void rejectsAnEmptyFile() throws IOException {
        assertTrue(failure(write("empty.bin", new byte[0])).contains("empty file"));
    }

    @Test
    void rejectsWordVectorModels() throws IOException {
        String message = failure(write("vectors.bin", withInt(fixture("glot-softmax.bin"), MODEL_AT, 2)));
        assertTrue(message.contains("skipgram model holds word vectors"), message);
    }

    @Test
    void rejectsAnUnknownLoss() throws IOException {
        String message = failure(write("loss.bin", withInt(fixture("glot-softmax.bin"), LOSS_AT, 9)));
        assertTrue(message.contains("unknown loss 9"), message);
    }

    @Test
    void rejectsADictionaryWhoseSizesDisagree() throws IOException {
        String message = failure(write("sizes.bin", withInt(fixture("glot-softmax.bin"), DICTIONARY_AT, 7)));
        assertTrue(message.contains("the dictionary's sizes disagree: 7 entries"), message);
    }

    @Test
    void rejectsDataAfterTheOutputMatrix() throws IOException {
        byte[] bytes = fixture("glot-softmax.bin");
        String message = failure(write("trailing.bin", Arrays.copyOf(bytes, bytes.length + 3)));
        assertTrue(message.contains("unexpected data after the output matrix"), message);
    }

    /** Cut at a byte inside each section; the message says which section was cut. */
    @ParameterizedTest
    @CsvSource({
        "glot-softmax.bin, 6, header",
        "glot-softmax.bin, 40, arguments",
        "glot-softmax.bin, 80, dictionary",
        "glot-softmax.bin, 2500, dictionary (entry",
        "glot-softmax.bin, 40000, input matrix",
        "glot-softmax.bin, -20, output matrix",
        "glot-softmax-q.ftz, -20, output matrix",
        "glot-softmax-q.ftz, 9000, input matrix",
        "many-softmax-q.ftz, -9000, output matrix",
    })
    void reportsWhereATruncatedFileEnds(String model, int cut, String section) throws IOException {
        byte[] bytes = fixture(model);
        int length = cut >= 0 ? cut : bytes.length + cut;
        Path file = write("cut-" + model, Arrays.copyOf(bytes, length));
        String message = failure(file);
        assertTrue(message.contains("truncated in the " + section), message);
    }

    @Test
    void namesTheStreamWhenReadFromOne() {
        byte[] bytes = new byte[] {1, 2, 3, 4, 5, 6, 7, 8};
        FastTextFormatException e = assertThrows(FastTextFormatException.class,
                () -> FastTextModel.read(new ByteArrayInputStream(bytes), "classpath:/lid/model.bin"));
        assertTrue(e.getMessage().startsWith("classpath:/lid/model.bin: not a fastText model"), e.getMessage());
    }

    @Test
    void aTruncatedStreamIsReportedToo() throws IOException {
        byte[] bytes = fixture("iso-hs.bin");
        FastTextFormatException e = assertThrows(FastTextFormatException.class, () -> FastTextModel.read(
                new ByteArrayInputStream(Arrays.copyOf(bytes, bytes.length - 100)), "iso-hs.bin (stream)"));
        assertEquals(0, e.getMessage().indexOf("iso-hs.bin (stream): truncated in the output matrix"),
                e.getMessage());
    }
}
