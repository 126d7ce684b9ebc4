package org.ifl.benchmarks.lid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ifl.benchmarks.lid.MessageCatalog.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageCatalogTest {

    private static MoFileWriter sample() {
        return new MoFileWriter().header("UTF-8")
                .message("Open the file", "Die Datei öffnen")
                .message("menu", "_Quit", "_Beenden")
                .plural("%d file deleted", "%d files deleted", "%d Datei gelöscht", "%d Dateien gelöscht");
    }

    @ParameterizedTest
    @ValueSource(strings = {"LITTLE_ENDIAN", "BIG_ENDIAN"})
    void readsMessagesContextsAndPluralFormsInEitherByteOrder(String orderName, @TempDir Path dir)
            throws IOException {
        ByteOrder order = orderName.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        MessageCatalog catalog = MessageCatalog.read(sample().write(dir.resolve("test.mo"), order));

        assertEquals(order, catalog.byteOrder());
        assertEquals(0, catalog.revision());
        assertEquals(StandardCharsets.UTF_8, catalog.charset());
        assertTrue(catalog.header().contains("Plural-Forms: nplurals=2"), catalog.header());
        // The header (empty msgid) is not a message; the rest come in msgfmt's order, sorted by original.
        assertEquals(List.of(
                new Message(null, "%d file deleted", "%d files deleted",
                        List.of("%d Datei gelöscht", "%d Dateien gelöscht")),
                new Message(null, "Open the file", null, List.of("Die Datei öffnen")),
                new Message("menu", "_Quit", null, List.of("_Beenden"))), catalog.messages());
    }

    @Test
    void byteOrdersDifferOnlyInTheIntegers() {
        byte[] little = sample().bytes(ByteOrder.LITTLE_ENDIAN);
        byte[] big = sample().bytes(ByteOrder.BIG_ENDIAN);
        assertEquals(little.length, big.length);
        assertEquals(List.of((byte) 0xde, (byte) 0x12, (byte) 0x04, (byte) 0x95), bytes(little, 0, 4));
        assertEquals(List.of((byte) 0x95, (byte) 0x04, (byte) 0x12, (byte) 0xde), bytes(big, 0, 4));
    }

    @Test
    void decodesStringsInTheCharsetTheHeaderNames() throws IOException {
        byte[] latin1 = new MoFileWriter().header("ISO-8859-1").message("Open the file", "Die Datei öffnen")
                .bytes(ByteOrder.LITTLE_ENDIAN);
        MessageCatalog catalog = MessageCatalog.parse(latin1);
        assertEquals("ISO-8859-1", catalog.charset().name());
        assertEquals(List.of("Die Datei öffnen"), catalog.messages().get(0).translations());
    }

    @Test
    void withoutAHeaderOrWithTheTemplateCharsetStringsAreUtf8() throws IOException {
        MessageCatalog headless = MessageCatalog.parse(new MoFileWriter().message("Yes", "Ja")
                .bytes(ByteOrder.BIG_ENDIAN));
        assertEquals(StandardCharsets.UTF_8, headless.charset());
        assertEquals("", headless.header());
        assertEquals(StandardCharsets.UTF_8, MessageCatalog.charsetOf("Content-Type: text/plain; charset=CHARSET\n"));
    }

    @Test
    void aCatalogWithNoMessagesIsEmpty() throws IOException {
        assertEquals(List.of(), MessageCatalog.parse(new MoFileWriter().header("UTF-8")
                .bytes(ByteOrder.LITTLE_ENDIAN)).messages());
    }

    @Test
    void rejectsWhatIsNotAnMoFile() {
        IOException wrongMagic = assertThrows(IOException.class,
                () -> MessageCatalog.parse("msgid \"\"\nmsgstr \"\"\n\"Content-Type: x\"\n".getBytes()));
        assertTrue(wrongMagic.getMessage().contains("magic number"), wrongMagic.getMessage());
        IOException shortFile = assertThrows(IOException.class, () -> MessageCatalog.parse(new byte[] {1, 2, 3}));
        assertTrue(shortFile.getMessage().contains("shorter than its header"), shortFile.getMessage());
    }

    @Test
    void rejectsAnUnknownMajorRevision() {
        byte[] file = sample().bytes(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 2 << 16);
        IOException e = assertThrows(IOException.class, () -> MessageCatalog.parse(file));
        assertTrue(e.getMessage().contains("unsupported .mo revision 2.0"), e.getMessage());
    }

    @Test
    void rejectsTablesAndStringsThatRunPastTheEnd() {
        byte[] file = sample().bytes(ByteOrder.LITTLE_ENDIAN);
        byte[] truncated = Arrays.copyOf(file, file.length - 10);
        IOException e = assertThrows(IOException.class, () -> MessageCatalog.parse(truncated));
        assertTrue(e.getMessage().contains("runs past the end of the file"), e.getMessage());

        byte[] tooMany = sample().bytes(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer.wrap(tooMany).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 1_000_000);
        IOException table = assertThrows(IOException.class, () -> MessageCatalog.parse(tooMany));
        assertTrue(table.getMessage().contains("original table (1000000 entries"), table.getMessage());
    }

    @Test
    void contextlessMessageHasNoContext() throws IOException {
        Message message = MessageCatalog.parse(sample().bytes(ByteOrder.LITTLE_ENDIAN)).messages().get(1);
        assertNull(message.context());
        assertNull(message.msgidPlural());
    }

    private static List<Byte> bytes(byte[] array, int from, int to) {
        List<Byte> list = new ArrayList<>();
        for (int i = from; i < to; i++) {
            list.add(array[i]);
        }
        return list;
    }
}
